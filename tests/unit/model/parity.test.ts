import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { measureBackend, selectBackend } from '../../../lib/model/backend';
import { DenoiserModel, defaultArchitecture, CONDITIONINGS } from '../../../lib/model/network';
import { nodeLoaders } from '../../../lib/model/node';
import { Trainer } from '../../../lib/model/train';
import { getBuiltinWorld } from '../../../lib/science/worlds';
import { backend } from './helpers';

const world = getBuiltinWorld('three-spirals')!;

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

/** Forward on a fixed batch and the weights after two training steps, on one backend. */
async function runOn(name: 'cpu' | 'wasm', c: (typeof CONDITIONINGS)[number]): Promise<{ fwd: Float64Array; after: Map<string, Float32Array>; loss: number }> {
  await backend(name);
  const model = DenoiserModel.create(defaultArchitecture(c, 3), 21);
  const n = 64;
  const x = new Float64Array(2 * n).map((_, i) => Math.sin(i * 1.7) * 2.5);
  const cond = new Int32Array(n).map((_, i) => (i % 4) - 1);
  const ts = new Float32Array(n).map((_, i) => (i * 97) % 1000);
  const fwd = model.predictSync(x, ts, cond);
  const tr = new Trainer(model, { world, steps: 10, batchSize: 64, seed: 21, ema: 0 });
  tr.step();
  const r = tr.step();
  const after = model.getValues();
  tr.dispose();
  model.dispose();
  return { fwd, after, loss: r.loss };
}

describe('backend parity (cpu vs wasm)', () => {
  for (const c of CONDITIONINGS) {
    it(`${c}: forward pass and training steps agree`, async () => {
      const a = await runOn('cpu', c);
      const b = await runOn('wasm', c);
      expect(maxAbsDiff(a.fwd, b.fwd)).toBeLessThan(1e-4);
      // forward is not trivially zero (output layer starts at zero, so check after training too)
      expect(Math.abs(a.loss - b.loss)).toBeLessThan(1e-4 * Math.max(1, a.loss));
      let worst = 0;
      for (const [k, v] of a.after) worst = Math.max(worst, maxAbsDiff(v, b.after.get(k)!));
      expect(worst).toBeLessThan(1e-4);
      // the trained output layer is nonzero and agrees
      expect(maxAbsDiff(a.after.get('out.w')!, new Float32Array(a.after.get('out.w')!.length))).toBeGreaterThan(1e-4);
    });
  }

  it('trained forward passes agree (non-trivial outputs)', async () => {
    const outs: Float64Array[] = [];
    for (const name of ['cpu', 'wasm'] as const) {
      await backend(name);
      const model = DenoiserModel.create(defaultArchitecture('adanorm', 3), 2);
      const tr = new Trainer(model, { world, steps: 20, batchSize: 32, seed: 2, ema: 0 });
      for (let i = 0; i < 20; i++) tr.step();
      const x = new Float64Array(64).map((_, i) => Math.cos(i) * 2);
      outs.push(
        model.predictSync(
          x,
          300,
          new Int32Array(32).map((_, i) => (i % 4) - 1),
        ),
      );
      tr.dispose();
      model.dispose();
    }
    expect(Math.max(...outs[0]!.map(Math.abs))).toBeGreaterThan(0.05);
    expect(maxAbsDiff(outs[0]!, outs[1]!)).toBeLessThan(1e-4);
  });

  it('selectBackend measures the candidates, picks the fastest, reports it; override wins', async () => {
    const base = tf.memory().numTensors;
    const msgs: string[] = [];
    const choice = await selectBackend({ loaders: nodeLoaders(), repeats: 1, trainBatch: 32, onProgress: (m) => msgs.push(m) });
    expect(['wasm', 'cpu']).toContain(choice.backend);
    expect(tf.getBackend()).toBe(choice.backend);
    expect(choice.reason).toBe('measured');
    expect(choice.timings.map((t) => t.backend).sort()).toEqual(['cpu', 'wasm']);
    const best = [...choice.timings].sort((p, q) => p.score! - q.score!)[0]!;
    expect(choice.backend).toBe(best.backend);
    expect(choice.summary).toMatch(/measured fastest/);
    expect(msgs.some((m) => m.startsWith('measuring'))).toBe(true);
    const forced = await selectBackend({ loaders: nodeLoaders(), override: 'cpu' });
    expect(forced).toMatchObject({ backend: 'cpu', reason: 'override' });
    expect(tf.getBackend()).toBe('cpu');
    // a failing candidate is reported, not fatal
    const withBad = await selectBackend({
      loaders: {
        ...nodeLoaders(),
        webgl: async () => {
          throw new Error('no WebGL here');
        },
      },
      repeats: 1,
      trainBatch: 16,
    });
    expect(withBad.timings.find((t) => t.backend === 'webgl')).toMatchObject({ ok: false, error: 'no WebGL here' });
    await backend('wasm');
    await measureBackend({ repeats: 1, trainBatch: 16 });
    expect(tf.memory().numTensors).toBe(base);
  });
});
