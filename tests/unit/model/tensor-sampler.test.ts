/**
 * The tensor-resident guided sampler and the plain-JS network (lib/model/tensor-sampler.ts, js-network.ts) against the
 * reference path: lib/science's `sample` on the tfjs model (one read-back per step).
 */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { LearnedDenoiser } from '../../../lib/model/denoiser';
import { JsNetwork } from '../../../lib/model/js-network';
import { DenoiserModel, defaultArchitecture } from '../../../lib/model/network';
import { TensorSampler } from '../../../lib/model/tensor-sampler';
import { Rng } from '../../../lib/science/random';
import { initialNoise, sample } from '../../../lib/science/samplers';
import { makeSchedule } from '../../../lib/science/schedule';
import { NULL_CLASS } from '../../../lib/science/types';
import { backend } from './helpers';

const schedule = makeSchedule('linear', 1000);

/** A model with non-trivial outputs (the read-out starts at zero). */
function model(conditioning: 'add' | 'adanorm', parameterization?: 'edm', inputFreqs = 0): DenoiserModel {
  const arch = defaultArchitecture(conditioning, 2, {
    hidden: 16,
    embed: 16,
    inputFreqs,
    ...(parameterization ? { parameterization, schedule: 'linear' as const } : {}),
  });
  const m = DenoiserModel.create(arch, 3);
  const v = m.getValues();
  for (const k of ['out.w', 'block0.mod.w'])
    if (v.has(k))
      v.set(
        k,
        v.get(k)!.map((_, i) => 0.3 * Math.sin(1.7 * i + 1)),
      );
  m.setValues(v);
  return m;
}

/** Read-out and input features of the models compared: ε-prediction, the EDM preconditioning, and it with Fourier features of x_t. */
const VARIANTS = [
  [undefined, 0],
  ['edm', 0],
  ['edm', 4],
] as const;

beforeAll(async () => {
  await backend('wasm');
});

describe('plain-JS network', () => {
  for (const c of ['add', 'adanorm'] as const) {
    for (const [p, k] of VARIANTS) {
      it(`${c}${p ? `, ${p}` : ''}${k ? `, ${k} input frequencies` : ''}: the same ε̂ as the tfjs model`, () => {
        const m = model(c, p, k);
        const js = new JsNetwork(m.arch, m.getValues(), schedule);
        const rng = new Rng(4);
        const x = Float64Array.from({ length: 40 }, () => 2 * rng.normal());
        const cond = Int32Array.from({ length: 20 }, (_, i) => (i % 3 === 2 ? NULL_CLASS : i % 3));
        for (const t of [0, 120, 999]) {
          const want = m.predictSync(x, t, cond);
          const got = js.epsSync(x, t, cond);
          for (let i = 0; i < want.length; i++) expect(got[i]!).toBeCloseTo(want[i]!, 4);
        }
        m.dispose();
      });
    }
  }
});

describe('tensor-resident sampler', () => {
  for (const [p, k] of VARIANTS) {
    it(`DDIM with CFG (s = 3)${p ? `, ${p}` : ''}${k ? `, ${k} input frequencies` : ''}: the same samples as sample() from the same noise, one read-back`, async () => {
      const m = model('add', p, k);
      const n = 64;
      const steps = 12;
      const xT = initialNoise(n, new Rng(11));
      const ref = await sample(new LearnedDenoiser(m, schedule), { n, y: 1, guidance: { s: 3 }, sampler: 'ddim', steps, seed: 11 });
      const before = tf.memory().numTensors;
      const ts = new TensorSampler(m, schedule, { y: 1, s: 3, steps }, xT);
      while (ts.step()) {
        /* on the device */
      }
      expect(ts.stepCount).toBe(steps);
      const got = await ts.read();
      for (let i = 0; i < 2 * n; i++) expect(got[i]!).toBeCloseTo(ref.x0[i]!, 3);
      ts.dispose();
      expect(tf.memory().numTensors).toBe(before);
      m.dispose();
    });
  }
});
