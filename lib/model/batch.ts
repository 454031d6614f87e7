/** Training batches drawn from a world, with condition dropout (sampled or in expectation) and a noise-level sampler. */
import type { Rng } from '../science/random';
import type { Schedule } from '../science/schedule';
import { NULL_CLASS, type World } from '../science/types';
import { sampleWorld } from '../science/world';
import type { DropoutMode } from './conditioning';
import type { NoiseLevelSampler } from './noise-levels';

/** One training batch in plain arrays: R rows (B points, or 2B when both conditions score each point). */
export interface Batch {
  /** x_t, 2B numbers */
  xt: ArrayLike<number>;
  /** timesteps, B numbers */
  t: ArrayLike<number>;
  /** conditions (class or NULL_CLASS), B numbers */
  cond: ArrayLike<number>;
  /** the noise ε that made x_t, 2B numbers (the regression target) */
  eps: ArrayLike<number>;
  /** the clean points x_0 that made x_t, 2B numbers (targets other than ε need them) */
  x0?: ArrayLike<number>;
  /** weight of each row in the loss (absent: 1 each); the loss is Σ w·(squared error) / Σ w */
  weight?: ArrayLike<number>;
}

/**
 * Draws a training batch from the world, with condition dropout: 'sampled' gives n rows, each with c = ∅ with
 * probability p_uncond; 'expected' gives 2n rows, the n points under c = y (weight 1 − p_uncond) then the same
 * points under c = ∅ (weight p_uncond).
 */
export function drawBatch(
  world: World,
  schedule: Schedule,
  n: number,
  pUncond: number,
  rng: Rng,
  dropout: DropoutMode = 'sampled',
  noiseLevels?: NoiseLevelSampler,
): Batch {
  const copies = dropout === 'expected' ? 2 : 1;
  const { x0, y } = sampleWorld(world, n, rng);
  const x0s = new Float32Array(2 * n * copies);
  x0s.set(x0.subarray(0, 2 * n));
  const xt = new Float32Array(2 * n * copies);
  const eps = new Float32Array(2 * n * copies);
  const t = new Float32Array(n * copies);
  const cond = new Int32Array(n * copies);
  for (let i = 0; i < n; i++) {
    const ti = noiseLevels ? noiseLevels.draw(rng) : rng.int(schedule.T);
    const ab = schedule.alphasCumprod[ti]!;
    const a = Math.sqrt(ab);
    const b = Math.sqrt(1 - ab);
    const e0 = rng.normal();
    const e1 = rng.normal();
    xt[2 * i] = a * x0[2 * i]! + b * e0;
    xt[2 * i + 1] = a * x0[2 * i + 1]! + b * e1;
    eps[2 * i] = e0;
    eps[2 * i + 1] = e1;
    t[i] = ti;
    const coin = rng.uniform() < pUncond; // drawn in both modes: the same seed gives the same points
    cond[i] = dropout === 'sampled' && coin ? NULL_CLASS : y[i]!;
  }
  if (copies === 1) return { xt, t, cond, eps, x0: x0s };
  // the same points again, under ∅
  xt.copyWithin(2 * n, 0, 2 * n);
  x0s.copyWithin(2 * n, 0, 2 * n);
  eps.copyWithin(2 * n, 0, 2 * n);
  t.copyWithin(n, 0, n);
  cond.fill(NULL_CLASS, n);
  const weight = new Float32Array(2 * n).fill(1 - pUncond, 0, n).fill(pUncond, n);
  return { xt, t, cond, eps, weight, x0: x0s };
}

/**
 * The batch with each row's weight multiplied by 1 + (|x_t| / radius)⁴ (TrainOptions.tailWeight): rows far from the
 * origin count more. The weight is a function of x_t only, so for every x_t the loss is still minimised by the posterior
 * mean of ε: what changes is where a network of finite size spends its accuracy, not what it is trained to predict.
 */
export function withTailWeight(batch: Batch, radius: number): Batch {
  const rows = batch.cond.length;
  const weight = Float32Array.from(batch.weight ?? new Float32Array(rows).fill(1));
  for (let i = 0; i < rows; i++) {
    const r2 = (batch.xt[2 * i]! ** 2 + batch.xt[2 * i + 1]! ** 2) / (radius * radius);
    weight[i] = (weight[i] as number) * (1 + r2 * r2);
  }
  return { ...batch, weight };
}
