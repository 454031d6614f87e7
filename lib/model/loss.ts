/**
 * The denoising loss and its gradients: F against its parameterization's target (ε for 'eps'), weighted per row by
 * condition dropout in expectation, optionally with a learned per-noise-level weighting u(t).
 */
import * as tf from '@tensorflow/tfjs-core';
import './gradients';
import type { Batch } from './batch';
import {
  type DenoiserModel,
  architectureAlphaBars,
  conditionOneHot,
  forward,
  inputDim,
  inputFeatures,
  networkOutput,
  readoutRows,
  timeFeatures,
} from './network';
import { networkTarget } from './precondition';

/** Gradients of the loss on one batch, and [loss, global gradient norm] as one tensor (for one read-back). */
export interface GradientResult {
  grads: Map<string, tf.Tensor>;
  /** [loss, ‖g‖₂] */
  stats: tf.Tensor1D;
  dispose(): void;
}

/** Loss of the model on a batch, as a scalar tensor (caller disposes). */
export function batchLoss(model: DenoiserModel, batch: Batch): tf.Scalar {
  return tf.tidy(() => objectiveOf(lossOf(model, batch)));
}

/**
 * F's training target per row (precondition.ts `networkTarget`), [R, 2]: ε itself for 'eps' (the old recipe), else
 * computed from x_0 and ε at each row's ᾱ_t.
 */
export function batchTargets(model: DenoiserModel, batch: Batch): Float32Array {
  const a = model.arch;
  const p = a.parameterization ?? 'eps';
  const R = batch.cond.length;
  if (p === 'eps') return Float32Array.from(batch.eps);
  if (!batch.x0) throw new Error(`the ${p} target needs the batch's x_0`);
  const ab = architectureAlphaBars(a);
  const out = new Float32Array(2 * R);
  for (let i = 0; i < R; i++) {
    const abi = ab[batch.t[i]!]!;
    for (let c = 0; c < 2; c++) out[2 * i + c] = networkTarget(p, abi, batch.x0[2 * i + c]!, batch.eps[2 * i + c]!, a.sigmaData ?? 1);
  }
  return out;
}

/** Per-row squared error of F against its target, mean over both coordinates: [R]. Call inside a tidy. */
function rowErrors(model: DenoiserModel, batch: Batch): tf.Tensor1D {
  const a = model.arch;
  const R = batch.cond.length;
  const r = readoutRows(a, batch.t);
  const F = networkOutput(a, model.tensors(), batch.xt, batch.t, batch.cond, r?.cIn);
  return tf.mean(tf.squaredDifference(F, tf.tensor2d(batchTargets(model, batch), [R, 2])), 1) as tf.Tensor1D;
}

/** The loss trained on, and the loss reported (in ε units: the same scale for every parameterization). */
export type LossValue = tf.Scalar | { objective: tf.Scalar; report: tf.Scalar };

function objectiveOf(l: LossValue): tf.Scalar {
  return l instanceof tf.Tensor ? l : l.objective;
}

/** Per row, 1 / w_t = b_t² (precondition.ts `lossWeight`): turns F's squared error into ε̂'s. */
function epsScale(model: DenoiserModel, batch: Batch): tf.Tensor1D {
  const r = readoutRows(model.arch, batch.t);
  return tf.tensor1d(r ? r.b.map((b) => b * b) : new Float32Array(batch.cond.length).fill(1));
}

/**
 * Σ w·mean-over-coordinates((F − F*)²) / Σ w over the rows of a batch (plain mean without weights), F* the
 * parameterization's target (ε for 'eps'); reported as the same mean of (ε̂ − ε)² (for 'eps' the two are one).
 * Call inside a tidy.
 */
function lossOf(model: DenoiserModel, batch: Batch): LossValue {
  const a = model.arch;
  if ((a.parameterization ?? 'eps') === 'eps') {
    // the old recipe, op for op
    const R = batch.cond.length;
    const x = tf.tensor2d(inputFeatures(batch.xt, a), [R, inputDim(a)]);
    const tt = tf.tensor2d(timeFeatures(batch.t, a), [R, 2 * a.timeFreqs]);
    const c = tf.tensor2d(conditionOneHot(batch.cond, a.numClasses), [R, a.numClasses + 1]);
    const e = tf.tensor2d(Float32Array.from(batch.eps), [R, 2]);
    const sq = tf.squaredDifference(forward(a, model.tensors(), x, tt, c), e);
    if (!batch.weight) return tf.mean(sq) as tf.Scalar;
    return weightedMean(tf.mean(sq, 1) as tf.Tensor1D, batch.weight);
  }
  const rows = rowErrors(model, batch);
  const w = batch.weight ?? new Float32Array(batch.cond.length).fill(1);
  return { objective: weightedMean(rows, w), report: weightedMean(tf.mul(rows, epsScale(model, batch)) as tf.Tensor1D, w) };
}

function weightedMean(rows: tf.Tensor1D, weight: ArrayLike<number>): tf.Scalar {
  const w = Float32Array.from(weight);
  const total = w.reduce((u, v) => u + v, 0);
  return tf.div(tf.sum(tf.mul(rows, tf.tensor1d(w))), total) as tf.Scalar;
}

/** Bin of the learned weighting u(t) for timestep t: ⌊√(t/T) · bins⌋. */
export function weightBin(t: number, T: number, bins: number): number {
  return Math.min(bins - 1, Math.floor(Math.sqrt(Math.max(0, t) / T) * bins));
}

/**
 * The objective with a learned per-noise-level weighting (Karras et al. 2024, eq. 21, with u a table over bins of
 * √(t/T)): Σ w_r (ℓ_r / e^{u(t_r)} + u(t_r)) / Σ w_r, ℓ_r the row's squared error. At its optimum in u, e^{u} is the
 * mean ℓ of the bin, so every bin contributes its loss relative to its own level. Returns the objective and, for reporting,
 * the loss in ε units without u. Call inside a tidy.
 */
export function learnedWeightingLoss(model: DenoiserModel, batch: Batch, u: tf.Tensor1D): { objective: tf.Scalar; report: tf.Scalar } {
  const R = batch.cond.length;
  const bins = u.shape[0];
  const rows = rowErrors(model, batch);
  const oh = new Float32Array(R * bins);
  for (let i = 0; i < R; i++) oh[i * bins + weightBin(batch.t[i]!, model.arch.T, bins)] = 1;
  const ur = tf.reshape(tf.matMul(tf.tensor2d(oh, [R, bins]), tf.reshape(u, [bins, 1])), [R]) as tf.Tensor1D;
  const per = tf.add(tf.mul(rows, tf.exp(tf.neg(ur))), ur) as tf.Tensor1D;
  const w = batch.weight ?? new Float32Array(R).fill(1);
  return { objective: weightedMean(per, w), report: weightedMean(tf.mul(rows, epsScale(model, batch)) as tf.Tensor1D, w) };
}

/**
 * Gradients of a scalar loss with respect to a model's parameters, without applying them, with [loss, ‖g‖₂] as one
 * tensor for one read-back. `loss` runs inside a tidy; shared by every trainer (denoiser, noisy classifier).
 */
export function lossGradients(params: Map<string, tf.Variable>, loss: () => LossValue): GradientResult {
  const names = [...params.keys()];
  const vars = names.map((n) => params.get(n)!);
  let report: tf.Scalar | null = null;
  const { value, gradList, stats } = tf.tidy(() => {
    const { value, grads } = tf.variableGrads(() => {
      const l = loss();
      if (l instanceof tf.Tensor) return l;
      report = tf.keep(l.report); // the reported loss (e.g. without a learned weighting) survives the gradient's tidy
      return l.objective;
    }, vars);
    const gradList = vars.map((v) => grads[v.name]!);
    const norm = tf.sqrt(tf.addN(gradList.map((g) => tf.sum(tf.square(g)))));
    const stats = tf.stack([report ?? value, norm]) as tf.Tensor1D;
    return { value, gradList, stats };
  });
  value.dispose();
  (report as tf.Scalar | null)?.dispose();
  const grads = new Map<string, tf.Tensor>();
  names.forEach((n, i) => {
    grads.set(n, gradList[i]!);
  });
  return {
    grads,
    stats,
    dispose(): void {
      stats.dispose();
      for (const g of gradList) g.dispose();
    },
  };
}

/** Computes the gradients on a batch without applying them. */
export function gradientStep(model: DenoiserModel, batch: Batch): GradientResult {
  return lossGradients(model.params, () => lossOf(model, batch));
}
