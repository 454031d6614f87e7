import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { LearnedDenoiser } from '../../../lib/model/denoiser';
import { DenoiserModel, defaultArchitecture } from '../../../lib/model/network';
import { Trainer, TrainingDivergedError, batchLoss, drawBatch, learningRate, resolveTrainOptions } from '../../../lib/model/train';
import { withTailWeight } from '../../../lib/model/batch';
import { NULL_CLASS } from '../../../lib/science/types';
import { Rng } from '../../../lib/science/random';
import { makeSchedule } from '../../../lib/science/schedule';
import type { World } from '../../../lib/science/types';
import { getBuiltinWorld } from '../../../lib/science/worlds';
import { backend, epsRmse } from './helpers';

const world = getBuiltinWorld('two-gaussians')!;
/** A smaller network than the shipped one, to keep the suite fast. */
const small = { hidden: 32, embed: 32 } as const;

beforeAll(async () => {
  await backend('wasm');
});

/** Loss of a model on a fixed evaluation batch (the same points for every model). */
function evalLoss(model: DenoiserModel): number {
  const batch = drawBatch(world, makeSchedule('linear', 1000), 2048, 0.1, new Rng(99));
  const l = batchLoss(model, batch);
  const v = l.dataSync()[0]!;
  l.dispose();
  return v;
}

describe('training on two-gaussians', () => {
  it('lowers the loss and brings ε_θ closer to ε* (y and ∅), with p_uncond = 0.1', async () => {
    const model = DenoiserModel.create(defaultArchitecture('adanorm', 2, small), 3);
    const before = evalLoss(model);
    const errBefore = await epsRmse(new LearnedDenoiser(model), world);
    const tr = new Trainer(model, { world, steps: 300, batchSize: 128, lr: 3e-3, pUncond: 0.1, ema: 0, seed: 3 });
    const outcome = await tr.run();
    expect(outcome).toBe('done');
    expect(tr.stepCount).toBe(300);
    const after = evalLoss(model);
    const errAfter = await epsRmse(new LearnedDenoiser(model), world);
    expect(after).toBeLessThan(0.8 * before);
    expect(errAfter.cond).toBeLessThan(0.5 * errBefore.cond);
    expect(errAfter.uncond).toBeLessThan(0.5 * errBefore.uncond);
    expect(errAfter.cond).toBeLessThan(0.2);
    tr.dispose();
    model.dispose();
  });

  it('p_uncond = 0 leaves ∅ untrained (its row never moves, its error stays high); 0.1 trains it', async () => {
    const results: Record<string, { rowMoved: number; uncond: number; cond: number }> = {};
    for (const p of [0, 0.1]) {
      const model = DenoiserModel.create(defaultArchitecture('add', 2, small), 5);
      const row0 = model
        .getValues()
        .get('cond.table')!
        .slice(2 * 32, 3 * 32); // row K = 2 is ∅
      const tr = new Trainer(model, { world, steps: 300, batchSize: 128, lr: 3e-3, pUncond: p, ema: 0, seed: 5 });
      await tr.run();
      const row1 = model
        .getValues()
        .get('cond.table')!
        .slice(2 * 32, 3 * 32);
      const err = await epsRmse(new LearnedDenoiser(model), world, 7, [20, 60, 120, 200, 350]);
      console.log(`p_uncond = ${p}: ε RMSE y ${err.cond.toFixed(4)}, ∅ ${err.uncond.toFixed(4)}`);
      results[p] = { rowMoved: Math.max(...row1.map((v, i) => Math.abs(v - row0[i]!))), ...err };
      tr.dispose();
      model.dispose();
    }
    const r0 = results[0]!;
    const r1 = results[0.1]!;
    expect(r0.rowMoved).toBe(0); // no gradient ever reached ∅'s embedding
    expect(r1.rowMoved).toBeGreaterThan(1e-3);
    expect(r0.cond).toBeLessThan(0.2); // the conditional branch trained in both
    expect(r0.uncond).toBeGreaterThan(2 * r1.uncond);
    expect(r1.uncond).toBeLessThan(0.25);
  });

  it('is reproducible: same seed, same weights', () => {
    const run = (): Float32Array => {
      const model = DenoiserModel.create(defaultArchitecture('cross-attention', 2), 11);
      const tr = new Trainer(model, { world, steps: 5, batchSize: 32, seed: 11 });
      for (let i = 0; i < 5; i++) tr.step();
      const v = tr.averaged.getValues().get('block0.fc1.w')!;
      tr.dispose();
      model.dispose();
      return v;
    };
    expect(run()).toEqual(run());
  });

  it('learning-rate schedule: warm-up, peak, cosine decay to lrFinal', () => {
    const o = resolveTrainOptions({ world, steps: 1000, lr: 1e-3, lrFinal: 1e-5, warmupSteps: 100 }, 1000);
    expect(learningRate(o, 0)).toBeCloseTo(1e-5, 12);
    expect(learningRate(o, 99)).toBeCloseTo(1e-3, 12);
    expect(learningRate(o, 550)).toBeCloseTo((1e-3 + 1e-5) / 2, 9);
    expect(learningRate(o, 1000)).toBeCloseTo(1e-5, 12);
    expect(learningRate(o, 5000)).toBeCloseTo(1e-5, 12);
  });

  it('stops cleanly (pause) and resumes where it left off', async () => {
    const model = DenoiserModel.create(defaultArchitecture('add', 2), 1);
    const tr = new Trainer(model, { world, steps: 30, batchSize: 16 });
    const ctl = new AbortController();
    const seen: number[] = [];
    const out = await tr.run({
      progressEvery: 1,
      onProgress: (p) => {
        seen.push(p.step);
        if (p.step === 10) ctl.abort();
      },
      signal: ctl.signal,
    });
    expect(out).toBe('stopped');
    expect(tr.stepCount).toBe(10);
    expect(await tr.run()).toBe('done');
    expect(tr.stepCount).toBe(30);
    tr.dispose();
    model.dispose();
  });

  it('a NaN/Inf loss stops training with a clear error and keeps the last good weights', () => {
    const model = DenoiserModel.create(defaultArchitecture('adanorm', 2), 1);
    const tr = new Trainer(model, { world, steps: 100, batchSize: 32, ema: 0.9 });
    for (let i = 0; i < 3; i++) tr.step();
    const good = model.getValues();
    const goodEma = tr.averaged.getValues();
    // poison the data: a world whose points overflow float32 (loss becomes Inf / NaN)
    const bad: World = {
      ...world,
      classes: world.classes.map((c) => ({ ...c, components: c.components.map((k) => ({ ...k, mean: [1e38, 1e38] as [number, number] })) })),
    };
    (tr.options as { world: World }).world = bad;
    expect(() => tr.step()).toThrow(TrainingDivergedError);
    expect(() => tr.step()).toThrow(/training diverged at step 4.*last good step/);
    expect(tr.stepCount).toBe(3);
    expect(tr.error).toBeInstanceOf(TrainingDivergedError);
    expect(model.getValues()).toEqual(good);
    expect(tr.averaged.getValues()).toEqual(goodEma);
    tr.dispose();
    model.dispose();
  });

  it('leaves no tensor behind: steps, runs, async steps, denoiser calls, dispose', async () => {
    const base = tf.memory().numTensors;
    for (const c of ['add', 'adanorm', 'cross-attention'] as const) {
      const model = DenoiserModel.create(defaultArchitecture(c, 2), 1);
      const tr = new Trainer(model, { world, steps: 6, batchSize: 16, ema: 0.99 });
      const afterCreate = tf.memory().numTensors;
      tr.step();
      await tr.stepAsync();
      await tr.run({ until: 6 });
      expect(tf.memory().numTensors).toBe(afterCreate);
      const den = new LearnedDenoiser(tr.averaged);
      const x = new Float64Array([0, 0, 1, 1, -1, 2]);
      await den.eps(x, 10, new Int32Array([0, 1, -1]));
      den.epsSync(x, 999, new Int32Array([0, 1, -1]));
      await den.epsPair(x, 500, 1);
      expect(() => den.epsSync(x, 1000, new Int32Array([0, 1, -1]))).toThrow(/timestep/);
      expect(() => den.epsSync(x, 5, new Int32Array([0, 2, -1]))).toThrow(/condition 2 out of range/);
      expect(tf.memory().numTensors).toBe(afterCreate);
      tr.dispose();
      model.dispose();
    }
    expect(tf.memory().numTensors).toBe(base);
  });
});

describe("condition dropout in expectation (dropout: 'expected')", () => {
  const schedule = makeSchedule('linear', 1000);
  const n = 256;
  const p = 0.1;

  it('draws each point twice, under y (weight 1 − p_uncond) and under ∅ (weight p_uncond), with the same x_t, t and ε', () => {
    const b = drawBatch(world, schedule, n, p, new Rng(4), 'expected');
    const s = drawBatch(world, schedule, n, p, new Rng(4)); // the same seed: the same points, with the coin applied
    expect(b.cond.length).toBe(2 * n);
    let dropped = 0;
    for (let i = 0; i < n; i++) {
      if (s.cond[i] === NULL_CLASS) dropped++;
      else expect(b.cond[i]).toBe(s.cond[i]);
      expect(b.cond[n + i]).toBe(NULL_CLASS);
      expect(b.t[i]).toBe(s.t[i]);
      expect(b.t[n + i]).toBe(s.t[i]);
      for (const d of [0, 1]) {
        expect(b.xt[2 * i + d]).toBe(s.xt[2 * i + d]);
        expect(b.xt[2 * (n + i) + d]).toBe(s.xt[2 * i + d]);
        expect(b.eps[2 * (n + i) + d]).toBe(s.eps[2 * i + d]);
      }
      expect(b.weight![i]).toBeCloseTo(1 - p, 7);
      expect(b.weight![n + i]).toBeCloseTo(p, 7);
    }
    expect(dropped).toBeGreaterThan(0);
    expect(Array.from(b.cond).slice(0, n).includes(NULL_CLASS)).toBe(false);
  });

  it("with p_uncond = 0 the ∅ rows have weight 0: ∅'s embedding never moves", async () => {
    const model = DenoiserModel.create(defaultArchitecture('add', 2, small), 5);
    const row = (k: number): Float32Array =>
      model
        .getValues()
        .get('cond.table')!
        .slice(k * 32, (k + 1) * 32);
    const before = [row(0), row(2)]; // class 0 and ∅ (row K = 2)
    const tr = new Trainer(model, { world, steps: 20, batchSize: 64, pUncond: 0, ema: 0, seed: 5, dropout: 'expected' });
    await tr.run();
    expect(row(2)).toEqual(before[1]);
    expect(row(0)).not.toEqual(before[0]);
    tr.dispose();
    model.dispose();
  });

  it('refuses an unknown dropout mode', () => {
    expect(() => resolveTrainOptions({ world, steps: 10, dropout: 'sometimes' as never }, 1000)).toThrow(/dropout must be one of sampled, expected/);
  });
});

describe('tail weighting (tailWeight R: rows weighted by 1 + (|x_t| / R)⁴)', () => {
  const schedule = makeSchedule('linear', 1000);

  it('multiplies each row by a function of its x_t alone: the same points, the y and ∅ copies of a point alike', () => {
    for (const dropout of ['sampled', 'expected'] as const) {
      const b = drawBatch(world, schedule, 128, 0.3, new Rng(8), dropout);
      const w = withTailWeight(b, 2);
      expect(w.xt).toBe(b.xt);
      expect(w.eps).toBe(b.eps);
      for (let i = 0; i < b.cond.length; i++) {
        const r = Math.hypot(b.xt[2 * i]!, b.xt[2 * i + 1]!);
        expect(w.weight![i]).toBeCloseTo((b.weight?.[i] ?? 1) * (1 + (r / 2) ** 4), 4);
      }
      const far = Array.from(w.weight!).map((v, i) => v / (b.weight?.[i] ?? 1));
      expect(Math.max(...far)).toBeGreaterThan(4 * Math.min(...far)); // it does weigh the batch's outer points more
    }
  });

  it('is applied in training (same seed, other weights) and refused below 0', async () => {
    const values = async (tailWeight: number): Promise<Float32Array> => {
      const model = DenoiserModel.create(defaultArchitecture('add', 2, small), 3);
      const tr = new Trainer(model, { world, steps: 4, batchSize: 32, ema: 0, seed: 3, dropout: 'expected', tailWeight });
      await tr.run();
      const v = model.getValues().get('out.w')!;
      tr.dispose();
      model.dispose();
      return v;
    };
    const [plain, weighted] = [await values(0), await values(1)];
    expect(Math.max(...plain.map((v, i) => Math.abs(v - weighted[i]!)))).toBeGreaterThan(1e-6);
    expect(() => resolveTrainOptions({ world, steps: 10, tailWeight: -1 }, 1000)).toThrow(/tailWeight must be a radius ≥ 0/);
  });
});
