/**
 * Guidance beyond CFG (chapter 8), DOM-free, one 2D point at a time or on batches of points (2n numbers).
 * Conventions as everywhere: a = √ᾱ_t, σ_t = √(1−ᾱ_t), x_t = a x_0 + σ_t ε, ε̃ = ε_∅ + s (ε_y − ε_∅).
 * A "vector" of the toy world is one point's 2 numbers: where an image method takes a norm or an inner product over
 * a whole sample, these take it over the point's two coordinates.
 */

/** The parameterisations a network may predict, all affine in ε at fixed x_t and t (eqs. 8.1–8.4). */
export const PARAMETERISATIONS = ['eps', 'x0', 'v', 'score', 'flow'] as const;
export type Parameterisation = (typeof PARAMETERISATIONS)[number];

/**
 * A prediction of `kind` from ε at x_t (eqs. 8.1–8.4), elementwise on 2n numbers:
 * x̂_0 = (x_t − σ_t ε)/a; v = a ε − σ_t x̂_0; score = −ε/σ_t; flow velocity u = ε − x̂_0 (rectified flow,
 * x_τ = (1−τ) x_0 + τ ε with x_τ = x_t/(a + σ_t)).
 */
export function fromEps(kind: Parameterisation, eps: Float64Array, x: Float64Array, alphaBar: number): Float64Array {
  const a = Math.sqrt(alphaBar);
  const sg = Math.sqrt(1 - alphaBar);
  const out = new Float64Array(eps.length);
  for (let i = 0; i < out.length; i++) {
    const e = eps[i]!;
    const x0 = (x[i]! - sg * e) / a;
    if (kind === 'eps') out[i] = e;
    else if (kind === 'x0') out[i] = x0;
    else if (kind === 'v') out[i] = a * e - sg * x0;
    else if (kind === 'score') out[i] = -e / sg;
    else out[i] = e - x0;
  }
  return out;
}

/** The ε of a prediction of `kind` at x_t, the inverse of `fromEps`: ε = (x_t − a x̂_0)/σ_t = σ_t x_t + a v = −σ_t · score = (u + x_t/a)/(1 + σ_t/a). */
export function toEps(kind: Parameterisation, pred: Float64Array, x: Float64Array, alphaBar: number): Float64Array {
  const a = Math.sqrt(alphaBar);
  const sg = Math.sqrt(1 - alphaBar);
  const out = new Float64Array(pred.length);
  for (let i = 0; i < out.length; i++) {
    const p = pred[i]!;
    if (kind === 'eps') out[i] = p;
    else if (kind === 'x0') out[i] = (x[i]! - a * p) / sg;
    else if (kind === 'v') out[i] = sg * x[i]! + a * p;
    else if (kind === 'score') out[i] = -sg * p;
    // u = ε − (x − σ ε)/a  ⇒  ε (1 + σ/a) = u + x/a
    else out[i] = (p + x[i]! / a) / (1 + sg / a);
  }
  return out;
}

/** x̂_0 of ε at x_t, one coordinate or a batch. */
export function x0FromEps(eps: Float64Array, x: Float64Array, alphaBar: number): Float64Array {
  return fromEps('x0', eps, x, alphaBar);
}

/** ε of x̂_0 at x_t. */
export function epsFromX0(x0: Float64Array, x: Float64Array, alphaBar: number): Float64Array {
  return toEps('x0', x0, x, alphaBar);
}

export interface ApgOptions {
  /** Weight η of the parallel part (1: CFG's own parallel part, 0: orthogonal only; the paper's default 0). */
  eta: number;
  /** Norm threshold r of the update (0: none). */
  r: number;
}

/**
 * Adaptive projected guidance (Sadat et al. 2024, eqs. 8.6–8.7) on x̂_0, per point, without momentum:
 * Δ = x̂_0(ε_y) − x̂_0(ε_∅), Δ ← Δ min(1, r/‖Δ‖), Δ_∥ = (⟨Δ, x̂_y⟩/‖x̂_y‖²) x̂_y, Δ_⊥ = Δ − Δ_∥,
 * x̂_0^APG = x̂_y + (s − 1)(Δ_⊥ + η Δ_∥); returned as the ε of that x̂_0.
 */
export function apg(epsU: Float64Array, epsC: Float64Array, x: Float64Array, alphaBar: number, s: number, opts: ApgOptions): Float64Array {
  const xu = x0FromEps(epsU, x, alphaBar);
  const xc = x0FromEps(epsC, x, alphaBar);
  const out = new Float64Array(xc.length);
  for (let i = 0; i < out.length; i += 2) {
    let dx = xc[i]! - xu[i]!;
    let dy = xc[i + 1]! - xu[i + 1]!;
    const nd = Math.hypot(dx, dy);
    if (opts.r > 0 && nd > opts.r) {
      dx *= opts.r / nd;
      dy *= opts.r / nd;
    }
    const cc = xc[i]! ** 2 + xc[i + 1]! ** 2;
    const k = cc > 0 ? (dx * xc[i]! + dy * xc[i + 1]!) / cc : 0;
    const px = k * xc[i]!;
    const py = k * xc[i + 1]!;
    out[i] = xc[i]! + (s - 1) * (dx - px + opts.eta * px);
    out[i + 1] = xc[i + 1]! + (s - 1) * (dy - py + opts.eta * py);
  }
  return epsFromX0(out, x, alphaBar);
}

/**
 * One deterministic DDIM step of CFG++ (Chung et al. 2024, eq. 8.8): x̂_0 from the guided ε^λ = ε_∅ + λ (ε_y − ε_∅),
 * λ ∈ [0, 1], but renoised with ε_∅: x_prev = √ᾱ_prev x̂_0(ε^λ) + √(1−ᾱ_prev) ε_∅.
 */
export function cfgPlusPlusStep(x: Float64Array, epsU: Float64Array, epsC: Float64Array, alphaBar: number, alphaBarPrev: number, lambda: number): Float64Array {
  const a = Math.sqrt(alphaBar);
  const sg = Math.sqrt(1 - alphaBar);
  const ap = Math.sqrt(alphaBarPrev);
  const sp = Math.sqrt(1 - alphaBarPrev);
  const out = new Float64Array(x.length);
  for (let i = 0; i < out.length; i++) {
    const el = epsU[i]! + lambda * (epsC[i]! - epsU[i]!);
    out[i] = (ap * (x[i]! - sg * el)) / a + sp * epsU[i]!;
  }
  return out;
}

/**
 * The ε that makes a plain deterministic DDIM step from ᾱ_t to ᾱ_prev land where CFG++ lands (eq. 8.9):
 * ε* = (σ_prev ε_∅ − √ᾱ_prev (σ_t/a) ε^λ) / (σ_prev − √ᾱ_prev σ_t/a). At ᾱ_prev = 1 it is ε^λ.
 */
export function cfgPlusPlusEps(epsU: Float64Array, epsC: Float64Array, alphaBar: number, alphaBarPrev: number, lambda: number): Float64Array {
  const r = (Math.sqrt(alphaBarPrev) * Math.sqrt(1 - alphaBar)) / Math.sqrt(alphaBar);
  const sp = Math.sqrt(1 - alphaBarPrev);
  const out = new Float64Array(epsU.length);
  for (let i = 0; i < out.length; i++) {
    const el = epsU[i]! + lambda * (epsC[i]! - epsU[i]!);
    out[i] = (sp * epsU[i]! - r * el) / (sp - r);
  }
  return out;
}

/** The p-quantile of numbers, linear between order statistics (numpy's default). */
export function quantile(values: ArrayLike<number>, p: number): number {
  const v = Array.from(values).sort((a, b) => a - b);
  if (v.length === 0) return NaN;
  const h = p * (v.length - 1);
  const lo = Math.floor(h);
  const hi = Math.min(v.length - 1, lo + 1);
  return v[lo]! + (h - lo) * (v[hi]! - v[lo]!);
}

/**
 * Dynamic thresholding of x̂_0 (Saharia et al. 2022, eq. 8.10), per sample of `dim` numbers: k = max(b, quantile_p |x̂_0|),
 * x̂_0 ← clip(x̂_0, −k, k) · b / k. With b = 1 it is Imagen's rule for data in [−1, 1]; b is the data's own bound.
 */
export function dynamicThreshold(x0: Float64Array, p: number, b: number, dim = 2): Float64Array {
  const out = new Float64Array(x0.length);
  for (let i = 0; i < x0.length; i += dim) {
    const abs = Array.from(x0.subarray(i, i + dim), Math.abs);
    const k = Math.max(b, quantile(abs, p));
    for (let j = i; j < i + dim; j++) out[j] = (Math.min(k, Math.max(-k, x0[j]!)) * b) / k;
  }
  return out;
}

/** ᾱ of the timestep a sampler of `steps` evenly strided steps goes to from t (1 past the last step), for rules that use ᾱ_prev. */
export function alphaBarPrevAt(alphasCumprod: ArrayLike<number>, t: number, steps: number): number {
  const prev = t - Math.max(1, Math.round(alphasCumprod.length / Math.max(1, steps)));
  return prev < 0 ? 1 : alphasCumprod[prev]!;
}
