/**
 * The training recipe's elements (lib/model/precondition.ts, noise-levels.ts, loss.ts): EDM preconditioning identities,
 * the target conversions, the loss weight, the noise-level sampler and the learned weighting.
 */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { DenoiserModel, defaultArchitecture, predictEps, readoutRows } from '../../../lib/model/network';
import { NoiseLevelSampler } from '../../../lib/model/noise-levels';
import { PARAMETERIZATIONS, edmCoefficients, epsReadout, lossWeight, networkTarget, sigmaOf } from '../../../lib/model/precondition';
import { Trainer, batchLoss, batchTargets, drawBatch, gradientStep, learnedWeightingLoss, weightBin } from '../../../lib/model/train';
import { Rng } from '../../../lib/science/random';
import { makeSchedule } from '../../../lib/science/schedule';
import { getBuiltinWorld } from '../../../lib/science/worlds';
import { backend } from './helpers';

const schedule = makeSchedule('linear', 1000);
const world = getBuiltinWorld('two-gaussians')!;
const small = { hidden: 16, embed: 16 } as const;

beforeAll(async () => {
  await backend('wasm');
});

describe('EDM preconditioning (Karras et al. 2022, table 1)', () => {
  const sigmas = [0.002, 0.05, 0.3, 1, 2.5, 80];
  for (const sd of [0.5, 1, 2]) {
    it(`σ_data = ${sd}: c_skip, c_out, c_in and λ satisfy their defining identities`, () => {
      for (const s of sigmas) {
        const c = edmCoefficients(s, sd);
        // c_in normalises the input: Var(c_in (x_0 + σ n)) = 1 for Var x_0 = σ_d²
        expect(c.cIn ** 2 * (sd ** 2 + s ** 2)).toBeCloseTo(1, 12);
        // the effective target (x_0 − c_skip x) / c_out has unit variance: (1 − c_skip)² σ_d² + c_skip² σ² = c_out²
        expect((1 - c.cSkip) ** 2 * sd ** 2 + c.cSkip ** 2 * s ** 2).toBeCloseTo(c.cOut ** 2, 12);
        // c_skip minimises that variance: d/dc_skip = 0 at c_skip = σ_d² / (σ² + σ_d²)
        expect(-(1 - c.cSkip) * sd ** 2 + c.cSkip * s ** 2).toBeCloseTo(0, 12);
        expect(c.lambda * c.cOut ** 2).toBeCloseTo(1, 12);
        expect(c.cNoise).toBeCloseTo(Math.log(s) / 4, 14);
      }
    });
  }

  it('on a VP schedule with σ_data = 1 it is v-prediction up to the sign of F', () => {
    for (const t of [0, 10, 150, 600, 999]) {
      const ab = schedule.alphasCumprod[t]!;
      const e = epsReadout('edm', ab, 1);
      const v = epsReadout('v', ab);
      expect(e.a).toBeCloseTo(v.a, 10);
      expect(e.b).toBeCloseTo(-v.b, 10);
      expect(e.cIn).toBeCloseTo(1, 10);
      expect(networkTarget('edm', ab, 0.7, -0.4, 1)).toBeCloseTo(-networkTarget('v', ab, 0.7, -0.4), 10);
    }
  });
});

describe('target conversions', () => {
  const rng = new Rng(3);
  for (const p of PARAMETERIZATIONS) {
    it(`${p}: F = its target gives ε̂ = ε exactly, and (F − F*)² = w_t (ε̂ − ε)²`, () => {
      for (const t of [0, 5, 99, 250, 700, 999]) {
        const ab = schedule.alphasCumprod[t]!;
        for (let k = 0; k < 20; k++) {
          const x0 = 2 * rng.normal();
          const eps = rng.normal();
          const xt = Math.sqrt(ab) * x0 + Math.sqrt(1 - ab) * eps;
          const sd = 1.5;
          const r = epsReadout(p, ab, sd);
          const target = networkTarget(p, ab, x0, eps, sd);
          // F is evaluated at c_in x_t, but ε̂'s skip term uses x_t itself: with the true target, ε̂ = ε
          expect(r.a * xt + r.b * target).toBeCloseTo(eps, 6);
          // any other F: its squared error is w_t times the squared ε error
          const F = target + rng.normal();
          const epsHat = r.a * xt + r.b * F;
          expect((F - target) ** 2).toBeCloseTo(lossWeight(p, ab, sd) * (epsHat - eps) ** 2, 6);
        }
      }
    });
  }

  it('the loss weights are 1 (ε), σ² (x_0), 1/ᾱ (v), (σ² + σ_d²)/σ_d² = λ(σ) σ² (EDM)', () => {
    for (const t of [3, 200, 800]) {
      const ab = schedule.alphasCumprod[t]!;
      const s = sigmaOf(ab);
      expect(lossWeight('eps', ab)).toBe(1);
      expect(lossWeight('x0', ab)).toBeCloseTo(s * s, 8);
      expect(lossWeight('v', ab)).toBeCloseTo(1 / ab, 8);
      expect(lossWeight('edm', ab, 0.5)).toBeCloseTo(edmCoefficients(s, 0.5).lambda * s * s, 8);
      expect(lossWeight('edm', ab, 0.5)).toBeCloseTo((s * s + 0.25) / 0.25, 8);
    }
  });
});

describe('a model with a parameterization', () => {
  it('reads ε̂ = a x_t + b F(c_in x_t) out of its network (the tensor path matches the formula)', () => {
    const arch = defaultArchitecture('add', 2, { ...small, parameterization: 'edm', sigmaData: 0.8, schedule: 'linear' });
    const plain = defaultArchitecture('add', 2, small);
    const model = DenoiserModel.create(arch, 2);
    // make F non-trivial: the read-out starts at zero
    const vals = model.getValues();
    vals.set(
      'out.w',
      vals.get('out.w')!.map((_, i) => Math.sin(i + 1)),
    );
    model.setValues(vals);
    const x = [0.3, -1.2, 2, 0.5];
    const t = [40, 700];
    const cond = [0, 1];
    const got = tf.tidy(() => predictEps(arch, model.tensors(), x, t, cond).arraySync());
    const r = readoutRows(arch, t)!;
    const xin = [x[0]! * r.cIn[0]!, x[1]! * r.cIn[0]!, x[2]! * r.cIn[1]!, x[3]! * r.cIn[1]!];
    const F = tf.tidy(() => predictEps(plain, model.tensors(), xin, t, cond).arraySync());
    for (let i = 0; i < 2; i++) {
      const ab = schedule.alphasCumprod[t[i]!]!;
      const c = epsReadout('edm', ab, 0.8);
      for (let k = 0; k < 2; k++) expect(got[i]![k]!).toBeCloseTo(c.a * x[2 * i + k]! + c.b * F[i]![k]!, 5);
    }
    model.dispose();
  });

  it('trains on F against its target: the batch loss is the mean of (F − F*)² with F* from x_0 and ε', () => {
    const arch = defaultArchitecture('add', 2, { ...small, parameterization: 'v', schedule: 'linear' });
    const model = DenoiserModel.create(arch, 4);
    const batch = drawBatch(world, schedule, 64, 0.1, new Rng(5));
    const targets = batchTargets(model, batch);
    for (let i = 0; i < 64; i++) {
      const ab = schedule.alphasCumprod[batch.t[i]!]!;
      expect(targets[2 * i]!).toBeCloseTo(networkTarget('v', ab, batch.x0![2 * i]!, batch.eps[2 * i]!), 5);
    }
    // the read-out starts at zero (F = 0), so the loss is the mean square of the targets
    const l = batchLoss(model, batch);
    expect(l.dataSync()[0]!).toBeCloseTo(targets.reduce((s, v) => s + v * v, 0) / targets.length, 4);
    l.dispose();
    model.dispose();
  });

  it('reports its loss in ε units: the gradient step’s loss is the weighted mean of (ε̂ − ε)², not of (F − F*)²', () => {
    const arch = defaultArchitecture('add', 2, { ...small, parameterization: 'edm', sigmaData: 0.7, schedule: 'linear' });
    const model = DenoiserModel.create(arch, 8);
    const vals = model.getValues();
    vals.set(
      'out.w',
      vals.get('out.w')!.map((_, i) => 0.2 * Math.cos(i)),
    );
    model.setValues(vals);
    const batch = drawBatch(world, schedule, 48, 0.1, new Rng(6), 'expected');
    const R = batch.cond.length;
    const epsHat = tf.tidy(() => predictEps(arch, model.tensors(), batch.xt, batch.t, batch.cond).dataSync());
    let num = 0;
    let den = 0;
    for (let i = 0; i < R; i++) {
      const e2 = ((epsHat[2 * i]! - batch.eps[2 * i]!) ** 2 + (epsHat[2 * i + 1]! - batch.eps[2 * i + 1]!) ** 2) / 2;
      num += batch.weight![i]! * e2;
      den += batch.weight![i]!;
    }
    const g = gradientStep(model, batch);
    const [reported] = g.stats.dataSync();
    expect(reported!).toBeCloseTo(num / den, 4);
    const objective = batchLoss(model, batch);
    expect(Math.abs(objective.dataSync()[0]! - reported!)).toBeGreaterThan(1e-3); // F's loss is another number
    objective.dispose();
    g.dispose();
    model.dispose();
  });

  it('refuses to train with another schedule than the one its read-out uses', () => {
    const model = DenoiserModel.create(defaultArchitecture('add', 2, { ...small, parameterization: 'v', schedule: 'cosine' }), 1);
    expect(() => new Trainer(model, { world, steps: 10 })).toThrow(/schedule/);
    model.dispose();
  });
});

describe('noise levels', () => {
  it('uniform draws the same timesteps as before (one rng.int(T) per point)', () => {
    const s = new NoiseLevelSampler(schedule, { noise: 'uniform', pMean: 0, pStd: 1 });
    const a = new Rng(9);
    const b = new Rng(9);
    for (let i = 0; i < 50; i++) expect(s.draw(a)).toBe(b.int(1000));
  });

  it('lognormal: ln σ_t follows N(P_mean, P_std²) within the schedule’s range', () => {
    const s = new NoiseLevelSampler(schedule, { noise: 'lognormal', pMean: -0.5, pStd: 0.6 });
    const rng = new Rng(1);
    const ls: number[] = [];
    for (let i = 0; i < 20000; i++) ls.push(Math.log(sigmaOf(schedule.alphasCumprod[s.draw(rng)]!)));
    const mean = ls.reduce((a, b) => a + b, 0) / ls.length;
    const sd = Math.sqrt(ls.reduce((a, b) => a + (b - mean) ** 2, 0) / ls.length);
    expect(mean).toBeCloseTo(-0.5, 1);
    expect(sd).toBeCloseTo(0.6, 1);
    // nearest timestep: each σ_t maps to its own t
    for (const t of [0, 1, 57, 300, 998, 999]) expect(s.nearestTimestep(Math.log(sigmaOf(schedule.alphasCumprod[t]!)))).toBe(t);
  });
});

describe('learned loss weighting u(t) (Karras et al. 2024)', () => {
  it('bins √(t/T); with u = 0 the objective is the plain loss; its minimum in u is at e^u = the bin’s mean loss', () => {
    expect(weightBin(0, 1000, 20)).toBe(0);
    expect(weightBin(999, 1000, 20)).toBe(19);
    expect(weightBin(250, 1000, 20)).toBe(10);
    const model = DenoiserModel.create(defaultArchitecture('add', 2, small), 6);
    const batch = drawBatch(world, schedule, 128, 0.1, new Rng(2), 'expected');
    const plain = batchLoss(model, batch);
    const u0 = tf.zeros([1]) as tf.Tensor1D;
    const { objective, report } = learnedWeightingLoss(model, batch, u0);
    expect(objective.dataSync()[0]!).toBeCloseTo(plain.dataSync()[0]!, 5);
    expect(report.dataSync()[0]!).toBeCloseTo(plain.dataSync()[0]!, 5);
    // one bin: objective(u) = L e^{−u} + u, minimal at u = ln L
    const L = plain.dataSync()[0]!;
    const at = (u: number): number => tf.tidy(() => learnedWeightingLoss(model, batch, tf.tensor1d([u])).objective.dataSync()[0]!);
    expect(at(Math.log(L))).toBeLessThan(at(Math.log(L) + 0.1));
    expect(at(Math.log(L))).toBeLessThan(at(Math.log(L) - 0.1));
    expect(at(Math.log(L))).toBeCloseTo(1 + Math.log(L), 5);
    for (const x of [plain, u0, objective, report]) x.dispose();
    model.dispose();
  });

  it('trains u with the model; the reported loss is the plain one', async () => {
    const model = DenoiserModel.create(defaultArchitecture('add', 2, small), 7);
    const tr = new Trainer(model, { world, steps: 60, batchSize: 64, lossWeighting: 'learned', weightBins: 8, ema: 0, seed: 1 });
    await tr.run();
    const u = tr.lossU!.dataSync();
    expect(Math.max(...u) - Math.min(...u)).toBeGreaterThan(0.01);
    expect(tr.recentLoss).toBeGreaterThan(0);
    tr.dispose();
    model.dispose();
  });
});
