import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  ClassifierTrainer,
  NoisyClassifier,
  accuracyByBand,
  classifierLoss,
  countClassifierParameters,
  defaultClassifierArchitecture,
} from '../../../lib/model/classifier';
import { ExactDenoiser } from '../../../lib/science/exact';
import { Rng } from '../../../lib/science/random';
import { sample } from '../../../lib/science/samplers';
import { makeSchedule } from '../../../lib/science/schedule';
import { getBuiltinWorld } from '../../../lib/science/worlds';
import { fidelity } from '../../../lib/science/metrics';
import { backend } from './helpers';

const world = getBuiltinWorld('two-gaussians')!;
const schedule = makeSchedule('linear', 1000);
const exact = new ExactDenoiser(world, schedule);

beforeAll(async () => {
  await backend('wasm');
});

describe('noisy classifier p_θ(y | x_t)', () => {
  it('a short training lowers the cross-entropy; at small t its accuracy approaches the exact posterior’s', async () => {
    const baseline = tf.memory().numTensors;
    const c = NoisyClassifier.create(defaultClassifierArchitecture(2), 1);
    const ceBefore = classifierLoss(c, world, schedule, 2048, 99);
    expect(ceBefore).toBeCloseTo(Math.log(2), 5); // zero read-out: uniform p_θ
    const tr = new ClassifierTrainer(c, { world, steps: 300, batchSize: 128, seed: 1 });
    expect(await tr.run()).toBe('done');
    const ceAfter = classifierLoss(c, world, schedule, 2048, 99);
    const bands = await accuracyByBand(
      c,
      exact,
      [
        [0, 99],
        [400, 599],
        [800, 999],
      ],
      2000,
      5,
    );
    console.log(`cross-entropy ${ceBefore.toFixed(4)} → ${ceAfter.toFixed(4)}`, bands);
    expect(ceAfter).toBeLessThan(ceBefore - 0.1);
    const small = bands[0]!;
    expect(small.exactAccuracy).toBeGreaterThan(0.85);
    expect(small.accuracy).toBeGreaterThan(small.exactAccuracy - 0.03);
    expect(small.agreement).toBeGreaterThan(0.95);
    // at t near T nothing is left of x_0: no classifier beats the prior (½)
    expect(Math.abs(bands[2]!.exactAccuracy - 0.5)).toBeLessThan(0.06);
    tr.dispose();
    c.dispose();
    expect(tf.memory().numTensors).toBe(baseline);
  });

  it('its tf.grad gradient ∇_x log p_θ(y | x_t) matches finite differences of its own log-probability', async () => {
    const c = NoisyClassifier.create(defaultClassifierArchitecture(3, { hidden: 16 }), 4);
    // random weights everywhere (the zero read-out would make the gradient vanish)
    const rng = new Rng(3);
    tf.tidy(() => {
      for (const v of c.params.values())
        v.assign(
          tf.tensor(
            Float32Array.from({ length: v.size }, () => 0.5 * rng.normal()),
            v.shape,
          ),
        );
    });
    const baseline = tf.memory().numTensors;
    const x = Float64Array.from([0.3, -0.7, 1.2, 0.4, -1.5, 2.0]);
    const y = Int32Array.from([0, 2, 1]);
    const t = 250;
    const g = await c.gradLogProb(x, t, y);
    const h = 1e-2; // float32 network: a central difference with a coarse step
    for (let i = 0; i < x.length; i++) {
      const xp = x.slice();
      const xm = x.slice();
      xp[i]! += h;
      xm[i]! -= h;
      const lp = await c.logProb(xp, t, y);
      const lm = await c.logProb(xm, t, y);
      const fd = (lp[i >> 1]! - lm[i >> 1]!) / (2 * h);
      expect(g[i]!).toBeCloseTo(fd, 2);
    }
    expect(tf.memory().numTensors).toBe(baseline);
    c.dispose();
  });

  it('guides a sampler as a ClassifierGradFn (Guidance.method = "classifier"), leaving no tensor behind', async () => {
    const c = NoisyClassifier.create(defaultClassifierArchitecture(2), 2);
    const tr = new ClassifierTrainer(c, { world, steps: 200, seed: 2 });
    await tr.run();
    tr.dispose();
    const baseline = tf.memory().numTensors;
    const run = (s: number) =>
      sample(exact, { y: 1, n: 400, steps: 20, seed: 8, sampler: 'ddim', guidance: { method: 'classifier', s, classifierGrad: c.gradFn() } });
    const plain = await run(0);
    const guided = await run(3);
    expect(tf.memory().numTensors).toBe(baseline);
    // s = 0 samples the marginal (half each class); guidance towards y = 1 raises its fidelity
    expect(fidelity(world, guided.x0, 1)).toBeGreaterThan(fidelity(world, plain.x0, 1) + 0.2);
    c.dispose();
  });

  it('counts its parameters', () => {
    const a = defaultClassifierArchitecture(3, { hidden: 10, layers: 2, timeFreqs: 4 });
    expect(countClassifierParameters(a)).toBe((2 + 8) * 10 + 10 + 10 * 10 + 10 + 10 * 3 + 3);
  });
});
