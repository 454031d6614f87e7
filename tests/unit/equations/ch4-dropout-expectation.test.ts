/**
 * Claims C4.4 and C4.5 of chapter 4: condition dropout in expectation (each example scored under y and ∅, weighted 1 − p_uncond
 * and p_uncond) trains the same loss as the coin, with a smaller error in ε_∅ and in the guidance direction
 * ε_y − ε_∅ where guided samples go, and the same error in ε_y. Two short runs per mode on the same points (the
 * same seed draws the same examples in both modes), small network. C4.5: in expectation p_uncond is the weight of the
 * ∅ branch's loss; at 0.5 (the shipped models) ε_∅ is learned more accurately than at 0.1, at a smaller cost to ε_y.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { LearnedDenoiser } from '../../../lib/model/denoiser';
import { DenoiserModel, defaultArchitecture } from '../../../lib/model/network';
import { initNodeBackend } from '../../../lib/model/node';
import { epsErrorByBand, guidedPathError } from '../../../lib/model/quality';
import { Trainer, batchLoss, drawBatch, type Batch } from '../../../lib/model/train';
import { Rng } from '../../../lib/science/random';
import { makeSchedule } from '../../../lib/science/schedule';
import { NULL_CLASS } from '../../../lib/science/types';
import type { DropoutMode } from '../../../lib/model/conditioning';
import { DEFAULT_WORLD, getBuiltinWorld } from '../../../lib/science/worlds';

const world = getBuiltinWorld(DEFAULT_WORLD)!;
const band = { lo: 100, hi: 299 };
/** A smaller network than the shipped one, to keep the suite fast. */
const small = { hidden: 32, embed: 32 } as const;

async function trainAndMeasure(dropout: DropoutMode, seed: number, pUncond = 0.1): Promise<{ y: number; null: number; direction: number }> {
  const model = DenoiserModel.create(defaultArchitecture('add', 2, small), seed);
  const tr = new Trainer(model, { world, steps: 600, batchSize: 128, lr: 3e-3, pUncond, ema: 0, seed, dropout });
  await tr.run();
  const den = new LearnedDenoiser(model);
  const [eps] = await epsErrorByBand(den, world, { bands: [band], timesteps: 8, n: 256, seed: 9 });
  const [path] = await guidedPathError(den, world, { s: 7.5, n: 200, steps: 50, seed: 9, bands: [band] });
  tr.dispose();
  model.dispose();
  return { y: eps!.rmseCond, null: eps!.rmseUncond, direction: path!.rmseDiff };
}

describe('eq. 4.4 and claim C4.4: the coin or its expectation', () => {
  beforeAll(() => initNodeBackend('wasm'));
  const schedule = makeSchedule('linear', 1000);
  const n = 256;
  const p = 0.1;

  it("eq. 4.4: the loss in expectation is the coin's loss averaged over the coin, on the same points", async () => {
    const model = DenoiserModel.create(defaultArchitecture('add', 2, small), 6);
    const warm = new Trainer(model, { world, steps: 30, batchSize: 64, ema: 0, seed: 6 }); // so that ε_θ(·, y) ≠ ε_θ(·, ∅)
    await warm.run();
    warm.dispose();
    const b = drawBatch(world, schedule, n, p, new Rng(7), 'expected');
    const rows = (a: ArrayLike<number>, from: number, width: number): number[] => Array.from(a).slice(width * from, width * (from + n));
    const half = (from: number): Batch => ({ xt: rows(b.xt, from, 2), t: rows(b.t, from, 1), cond: rows(b.cond, from, 1), eps: rows(b.eps, from, 2) });
    const value = (batch: Batch): number => {
      const l = batchLoss(model, batch);
      const v = l.dataSync()[0]!;
      l.dispose();
      return v;
    };
    const lossY = value(half(0));
    const lossNull = value(half(n));
    const expected = value(b);
    expect(Math.abs(lossY - lossNull)).toBeGreaterThan(1e-3); // the branches differ, so the weights matter
    expect(expected).toBeCloseTo((1 - p) * lossY + p * lossNull, 5);
    // Monte Carlo over coins: each point gets c = ∅ with probability p, else y
    const underY = half(0);
    const rng = new Rng(8);
    const draws = 200;
    let mean = 0;
    const coins: number[] = [];
    for (let k = 0; k < draws; k++) {
      const cond = Int32Array.from(underY.cond as number[], (y) => (rng.uniform() < p ? NULL_CLASS : y));
      const v = value({ ...underY, cond });
      coins.push(v);
      mean += v / draws;
    }
    const sd = Math.sqrt(coins.reduce((s, v) => s + (v - mean) ** 2, 0) / (draws - 1));
    expect(Math.abs(mean - expected)).toBeLessThan(4 * (sd / Math.sqrt(draws)) + 1e-6);
    model.dispose();
  });

  it('C4.4: in expectation, ε_∅ and ε_y − ε_∅ on guided paths (s = 7.5) are learned more accurately, ε_y as well as with the coin', async () => {
    const sum = { sampled: { y: 0, null: 0, direction: 0 }, expected: { y: 0, null: 0, direction: 0 } };
    for (const seed of [1, 2]) {
      for (const mode of ['sampled', 'expected'] as const) {
        const r = await trainAndMeasure(mode, seed);
        console.log(
          `seed ${seed}, ${mode}: ε RMSE (t 100–299) y ${r.y.toFixed(3)}, ∅ ${r.null.toFixed(3)}; ε_y − ε_∅ on guided paths ${r.direction.toFixed(3)}`,
        );
        for (const k of ['y', 'null', 'direction'] as const) sum[mode][k] += r[k];
      }
    }
    // measured (600 steps, seeds 1–3): ∅ 0.70–0.77×, direction 0.56–0.83×, y 0.96–1.02× of the coin's
    expect(sum.expected.null).toBeLessThan(0.85 * sum.sampled.null);
    expect(sum.expected.direction).toBeLessThan(0.9 * sum.sampled.direction);
    expect(Math.abs(sum.expected.y / sum.sampled.y - 1)).toBeLessThan(0.1);
  }, 240_000);

  it('C4.5: weighting the ∅ branch as much as the y branch (p_uncond = 0.5) learns ε_∅ more accurately than 0.1, at a smaller cost to ε_y', async () => {
    const sum: Record<string, { y: number; null: number; direction: number }> = {};
    for (const pUncond of [0.1, 0.5]) {
      sum[pUncond] = { y: 0, null: 0, direction: 0 };
      for (const seed of [1, 2]) {
        const r = await trainAndMeasure('expected', seed, pUncond);
        console.log(
          `seed ${seed}, p_uncond ${pUncond}: ε RMSE (t 100–299) y ${r.y.toFixed(3)}, ∅ ${r.null.toFixed(3)}; ε_y − ε_∅ on guided paths ${r.direction.toFixed(3)}`,
        );
        for (const k of ['y', 'null', 'direction'] as const) sum[pUncond][k] += r[k];
      }
    }
    // measured (600 steps, seeds 1–2): ∅ 0.74×, y 1.11× of p_uncond = 0.1's; the guidance direction at this size is
    // the same (1.0×): the shipped models' s = 7.5 gain (docs/model-quality.md) needs their 16000–32000 steps
    expect(sum[0.5]!.null).toBeLessThan(0.85 * sum[0.1]!.null);
    expect(sum[0.5]!.y).toBeLessThan(1.2 * sum[0.1]!.y);
    expect(sum[0.1]!.null / sum[0.5]!.null).toBeGreaterThan(sum[0.5]!.y / sum[0.1]!.y);
  }, 240_000);
});
