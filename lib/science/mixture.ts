/**
 * The noised Gaussian mixture at one noise level ᾱ, and the one kernel that evaluates it on a batch of points.
 *
 * With m_k = √ᾱ μ_k and C_k = ᾱ Σ_k + (1−ᾱ) I:
 *   p_t(x | y) = Σ_{k∈y} w_k N(x; m_k, C_k),   p_t(x) = Σ_y p(y) p_t(x | y),
 *   ∇ log p = Σ_k r_k C_k⁻¹ (m_k − x),   responsibilities r_k by log-sum-exp (finite far from the data).
 */
import { LOG_2PI, det2, inverse2 } from './gauss2';
import { NULL_CLASS, type Points } from './types';
import type { MixtureTable } from './world';

/**
 * Terms below e^−50 ≈ 2e−22 of the largest are skipped (no exp): even 4096 of them change a sum by < 1e−18 relative.
 */
const NEGLIGIBLE = -50;

export interface NoisedMixture {
  readonly table: MixtureTable;
  readonly alphaBar: number;
  /** m_k = √ᾱ μ_k, 2M numbers. */
  readonly mean: Float64Array;
  /** C_k⁻¹ as (a, b, c), 3M numbers. */
  readonly precision: Float64Array;
  /** −log 2π − ½ log det C_k, M numbers. */
  readonly logNorm: Float64Array;
}

export function noisedMixture(table: MixtureTable, alphaBar: number): NoisedMixture {
  if (!(alphaBar > 0 && alphaBar <= 1)) throw new RangeError(`ᾱ must be in (0, 1], got ${alphaBar}`);
  const { M } = table;
  const sq = Math.sqrt(alphaBar);
  const v = 1 - alphaBar;
  const mean = new Float64Array(2 * M);
  const precision = new Float64Array(3 * M);
  const logNorm = new Float64Array(M);
  for (let k = 0; k < M; k++) {
    mean[2 * k] = sq * table.mean[2 * k]!;
    mean[2 * k + 1] = sq * table.mean[2 * k + 1]!;
    const a = alphaBar * table.cov[3 * k]! + v;
    const b = alphaBar * table.cov[3 * k + 1]!;
    const c = alphaBar * table.cov[3 * k + 2]! + v;
    precision.set(inverse2(a, b, c), 3 * k);
    logNorm[k] = -LOG_2PI - 0.5 * Math.log(det2(a, b, c));
  }
  return { table, alphaBar, mean, precision, logNorm };
}

/** What `evalMixture` writes; every output is optional. */
export interface MixtureOutputs {
  /** log p_t(x | c) per point (n numbers); c = ∅ gives log p_t(x). */
  logp?: Float64Array;
  /** ∇_x log p_t(x | c) per point (2n numbers). */
  score?: Float64Array;
  /** p_t(y | x) for every class y, row-major n × K; computed from the marginal whatever the condition. */
  posterior?: Float64Array;
  /** Index of the condition's most responsible component for each point (n numbers). */
  best?: Int32Array;
}

/**
 * Evaluates the noised mixture for n = x.length / 2 points, each under its condition:
 * `cond` is one class index for all points, or one per point; NULL_CLASS means the marginal (∅).
 */
export function evalMixture(nm: NoisedMixture, x: Points, cond: number | Int32Array, out: MixtureOutputs): void {
  const { table, mean, precision, logNorm } = nm;
  const { K, M, classStart, classOf, logWeight, logJointWeight } = table;
  const n = x.length >> 1;
  const { logp, score, posterior, best } = out;
  const lw = new Float64Array(M);
  const qx = new Float64Array(M);
  const qy = new Float64Array(M);
  const classSum = new Float64Array(K);
  for (let i = 0; i < n; i++) {
    const c = typeof cond === 'number' ? cond : cond[i]!;
    // Components of the condition (all of them for ∅); the posterior needs all of them, weighted by p(y).
    const sFrom = c === NULL_CLASS ? 0 : classStart[c]!;
    const sTo = c === NULL_CLASS ? M : classStart[c + 1]!;
    const from = posterior ? 0 : sFrom;
    const to = posterior ? M : sTo;
    const weights = c === NULL_CLASS || posterior ? logJointWeight : logWeight;
    const px = x[2 * i]!;
    const py = x[2 * i + 1]!;
    let max = -Infinity;
    let maxSub = -Infinity;
    let argSub = sFrom;
    for (let k = from; k < to; k++) {
      const dx = mean[2 * k]! - px;
      const dy = mean[2 * k + 1]! - py;
      const pa = precision[3 * k]!;
      const pb = precision[3 * k + 1]!;
      const pc = precision[3 * k + 2]!;
      const gx = pa * dx + pb * dy;
      const gy = pb * dx + pc * dy;
      const l = weights[k]! + logNorm[k]! - 0.5 * (dx * gx + dy * gy);
      lw[k] = l;
      qx[k] = gx;
      qy[k] = gy;
      if (l > max) max = l;
      if (k >= sFrom && k < sTo && l > maxSub) {
        maxSub = l;
        argSub = k;
      }
    }
    if (best) best[i] = argSub;
    let sum = 0;
    let sx = 0;
    let sy = 0;
    for (let k = sFrom; k < sTo; k++) {
      const d = lw[k]! - maxSub;
      if (d < NEGLIGIBLE) continue;
      const e = Math.exp(d);
      sum += e;
      sx += e * qx[k]!;
      sy += e * qy[k]!;
    }
    if (logp) {
      // With the posterior, a class's terms were weighted by p(y) as well: remove it.
      const shift = posterior && c !== NULL_CLASS ? table.logPrior[c]! : 0;
      logp[i] = maxSub + Math.log(sum) - shift;
    }
    if (score) {
      score[2 * i] = sx / sum;
      score[2 * i + 1] = sy / sum;
    }
    if (posterior) {
      classSum.fill(0);
      let total = 0;
      for (let k = 0; k < M; k++) {
        const d = lw[k]! - max;
        if (d < NEGLIGIBLE) continue;
        const e = Math.exp(d);
        classSum[classOf[k]!]! += e;
        total += e;
      }
      for (let y = 0; y < K; y++) posterior[i * K + y] = classSum[y]! / total;
    }
  }
}
