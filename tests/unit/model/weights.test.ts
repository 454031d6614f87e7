import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { LearnedDenoiser } from '../../../lib/model/denoiser';
import { DenoiserModel, defaultArchitecture, parameterSpecs } from '../../../lib/model/network';
import { Trainer, trainedWeights } from '../../../lib/model/train';
import { WeightFileError, base64ToBytes, bytesToBase64, crc32Hex, parseWeights, stringifyWeights, worldFingerprint } from '../../../lib/model/weights';
import { getBuiltinWorld } from '../../../lib/science/worlds';
import { backend } from './helpers';

const world = getBuiltinWorld('two-gaussians')!;
const other = getBuiltinWorld('minor-mode')!;

let text = '';
let values: Map<string, Float32Array>;

beforeAll(async () => {
  await backend('wasm');
  const model = DenoiserModel.create(defaultArchitecture('cross-attention', 2), 4);
  const tr = new Trainer(model, { world, steps: 3, batchSize: 16, seed: 4 });
  for (let i = 0; i < 3; i++) tr.step();
  const w = trainedWeights(tr, { backend: 'wasm', seconds: 0.5 });
  values = w.values;
  text = stringifyWeights(w.meta, w.values);
  tr.dispose();
  model.dispose();
});

/** The file as JSON, edited by `f`, back to text. */
function edit(f: (o: any) => void): string {
  const o = JSON.parse(text);
  f(o);
  return JSON.stringify(o);
}

function floatsB64(v: Float32Array): string {
  return bytesToBase64(new Uint8Array(v.buffer.slice(0)));
}

describe('weight files', () => {
  it('base64 and CRC-32 are correct', () => {
    const bytes = new Uint8Array([0, 1, 2, 250, 251, 252, 253]);
    for (let k = 0; k <= bytes.length; k++) {
      const b = bytes.subarray(0, k);
      expect(bytesToBase64(b)).toBe(Buffer.from(b).toString('base64'));
      expect(Array.from(base64ToBytes(bytesToBase64(b)))).toEqual(Array.from(b));
    }
    expect(crc32Hex([new TextEncoder().encode('123456789')])).toBe('cbf43926');
    expect(() => base64ToBytes('AB$=')).toThrow(/invalid base64/);
    expect(() => base64ToBytes('ABC')).toThrow(/multiple of 4/);
  });

  it('round-trips exactly: every float32 bit and all metadata', () => {
    const w = parseWeights(text, { world, conditioning: 'cross-attention' });
    expect(w.world.name).toBe('two-gaussians');
    expect(w.world.fingerprint).toBe(worldFingerprint(world));
    expect(w.architecture).toEqual(defaultArchitecture('cross-attention', 2));
    expect(w.training).toMatchObject({ pUncond: 0.1, steps: 3, seed: 4, batchSize: 16, backend: 'wasm', seconds: 0.5 });
    expect(Number.isFinite(w.training.finalLoss)).toBe(true);
    expect(w.schedule).toEqual({ name: 'linear', T: 1000 });
    expect([...w.values.keys()]).toEqual(parameterSpecs(w.architecture).map((s) => s.name));
    for (const [k, v] of values) expect(new Uint8Array(w.values.get(k)!.buffer)).toEqual(new Uint8Array(v.buffer));
    // text → model → text is identical
    const den = LearnedDenoiser.fromWeights(w);
    expect(stringifyWeights(den.meta!, den.model.getValues())).toBe(text);
    den.dispose();
  });

  const refusals: [string, () => string, RegExp][] = [
    ['a truncated file', () => text.slice(0, Math.floor(text.length * 0.7)), /not valid JSON \(truncated or corrupted\?\)/],
    ['an empty file', () => '', /not valid JSON/],
    ['another format', () => edit((o) => (o.format = 'keras')), /not a scorefield weight file/],
    ['a newer version', () => edit((o) => (o.version = 2)), /unsupported weight file version 2/],
    [
      'a flipped character in a tensor',
      () =>
        edit((o) => {
          const d: string = o.tensors['block1.fc2.w'].data;
          const i = 100;
          o.tensors['block1.fc2.w'].data = d.slice(0, i) + (d[i] === 'A' ? 'B' : 'A') + d.slice(i + 1);
        }),
      /checksum mismatch.*corrupted/,
    ],
    ['a tensor cut short', () => edit((o) => (o.tensors['in.w'].data = o.tensors['in.w'].data.slice(0, 8))), /in\.w holds 6 bytes, expected 512/],
    ['a wrong shape', () => edit((o) => (o.tensors['out.w'].shape = [2, 64])), /out\.w has shape \[2,64\], expected \[64, 2\]/],
    ['a missing tensor', () => edit((o) => delete o.tensors['time.2.b']), /tensor time\.2\.b missing/],
    ['an extra tensor', () => edit((o) => (o.tensors['cond.table'] = { shape: [3, 64], data: '' })), /unexpected tensors.*cond\.table/],
    ['bad base64', () => edit((o) => (o.tensors['in.b'].data = `!!!!${o.tensors['in.b'].data.slice(4)}`)), /in\.b: invalid base64/],
    [
      'a NaN (with a matching checksum)',
      () =>
        edit((o) => {
          const v = new Float32Array(64);
          v[7] = NaN;
          o.tensors['in.b'].data = floatsB64(v);
          const chunks = parameterSpecs(o.architecture).map((s) => base64ToBytes(o.tensors[s.name].data));
          o.checksum = crc32Hex(chunks);
        }),
      /in\.b has a non-finite value \(NaN\) at index 7/,
    ],
    [
      'an Infinity',
      () =>
        edit((o) => {
          const v = new Float32Array(64).fill(Infinity);
          o.tensors['in.b'].data = floatsB64(v);
        }),
      /in\.b has a non-finite value \(Infinity\)/,
    ],
    ['an architecture that does not match its world', () => edit((o) => (o.architecture.numClasses = 3)), /numClasses = 3 but the world has 2 classes/],
    ['an unknown conditioning', () => edit((o) => (o.architecture.conditioning = 'film')), /conditioning must be one of/],
    ['a tampered world definition', () => edit((o) => (o.world.definition.classes[0].components[0].mean[0] = -1.5)), /fingerprint does not match/],
    ['a missing training field', () => edit((o) => delete o.training.pUncond), /training\.pUncond must be a number in \[0, 1\]/],
    ['a NaN final loss', () => edit((o) => (o.training.finalLoss = 'NaN')), /training\.finalLoss must be a number in \[0, 1000000\]/],
  ];
  for (const [what, make, msg] of refusals) {
    it(`refuses ${what}`, () => {
      expect(() => parseWeights(make())).toThrow(WeightFileError);
      expect(() => parseWeights(make())).toThrow(msg);
    });
  }

  it('refuses a file for another world, conditioning or schedule than expected', () => {
    expect(() => parseWeights(text, { world: other })).toThrow(/trained on world "two-gaussians", expected world "minor-mode"/);
    expect(() => parseWeights(text, { conditioning: 'add' })).toThrow(/conditioning is "cross-attention", expected "add"/);
    expect(() => parseWeights(text, { schedule: { name: 'cosine', T: 1000 } })).toThrow(/schedule differs in name/);
  });

  it('a refused file leaves the model in use untouched (and leaks no tensor)', async () => {
    const den = LearnedDenoiser.fromJson(text, { world });
    const before = den.model.getValues();
    const x = new Float64Array([0.3, -0.2, 1, 1]);
    const epsBefore = den.epsSync(x, 100, new Int32Array([0, -1]));
    const n0 = tf.memory().numTensors;
    const bad = [
      ...refusals.map(([, make]) => make()),
      // a valid file of another architecture
      edit((o) => (o.architecture.hidden = 32)),
    ];
    for (const b of bad) expect(() => den.loadWeights(b)).toThrow(WeightFileError);
    // a valid file for another world (built with the same architecture) is refused too
    const m2 = DenoiserModel.create(defaultArchitecture('cross-attention', 2), 9);
    const tr2 = new Trainer(m2, { world: other, steps: 1, batchSize: 8 });
    tr2.step();
    const w2 = trainedWeights(tr2);
    const otherText = stringifyWeights(w2.meta, w2.values);
    tr2.dispose();
    m2.dispose();
    expect(() => den.loadWeights(otherText)).toThrow(/trained on world "minor-mode", expected world "two-gaussians"/);
    expect(tf.memory().numTensors).toBe(n0);
    expect(den.model.getValues()).toEqual(before);
    expect(den.epsSync(x, 100, new Int32Array([0, -1]))).toEqual(epsBefore);
    // and a good file still loads in place
    den.loadWeights(text);
    expect(den.model.getValues()).toEqual(before);
    den.dispose();
  });

  it('setValues refuses NaN and wrong sizes before assigning anything', () => {
    const m = DenoiserModel.create(defaultArchitecture('add', 2), 1);
    const before = m.getValues();
    const v = m.getValues();
    v.get('out.b')![1] = NaN; // the last parameter: earlier ones must not be written either
    v.set('in.w', new Float32Array(128).fill(5));
    expect(() => m.setValues(v)).toThrow(/non-finite/);
    const v2 = m.getValues();
    v2.set('out.b', new Float32Array(3));
    expect(() => m.setValues(v2)).toThrow(/expected 2 values, got 3/);
    expect(m.getValues()).toEqual(before);
    m.dispose();
  });
});
