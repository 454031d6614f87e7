/**
 * The discretisation bias of the samplers, in closed form for a Gaussian class. For p(x_0 | y) = N(μ, Σ) the exact
 * ε is affine in x_t: ε = √(1−ᾱ) C⁻¹ (x_t − √ᾱ μ), C = ᾱΣ + (1−ᾱ)I, so every sampler step (at s = 1) maps the
 * deviation u = x_t − √ᾱ_t μ linearly, along each eigenvector of Σ with eigenvalue λ:
 *   x̂_0 − μ = u √ᾱ λ / c,   c = ᾱλ + 1 − ᾱ
 *   DDIM (η):  u' = (√ᾱ' √ᾱ λ + d √(1−ᾱ)) / c · u + σ_η z,  d = √(1 − ᾱ' − σ_η²)
 *   DDPM:      u' = (c_0 √ᾱ λ / c + c_t) u + √β̃ z   (c_0, c_t, β̃ of `reverseUpdate`)
 * so Var u' = g² Var u + (noise)², starting from Var x_T = 1. With continuous time (steps → ∞) the result is λ.
 * Heun in the EDM variable x̃ = x_t/√ᾱ = x_0 + σε: dx̃/dσ = σ (x̃ − μ)/(λ + σ²), a linear ODE, so each Heun step
 * multiplies x̃ − μ by a known gain too.
 */
import { sigmaOfT } from './sigma';
import type { Schedule } from './schedule';
import type { SamplerName } from './samplers';
import type { World } from './types';
import { mixtureTable } from './world';

export type DiscretisedSampler = SamplerName | 'heun';

/**
 * Variance of the sampler's output along an eigen-direction of Σ with eigenvalue λ, starting from x_T ~ N(0, 1)
 * (the mean's offset also shrinks with the same gains and is ignored: it is √ᾱ_T μ ≈ 0 at t = T−1).
 */
export function discretisedVariance(lambda: number, schedule: Schedule, timesteps: Int32Array, sampler: DiscretisedSampler, eta = 0): number {
  const ac = schedule.alphasCumprod;
  if (sampler === 'heun') {
    // x̃ = x_T / √ᾱ_T: variance 1/ᾱ_T.
    let v = 1 / ac[timesteps[0]!]!;
    const slope = (s: number): number => s / (lambda + s * s);
    for (let i = 0; i < timesteps.length; i++) {
      const s = sigmaOfT(schedule, timesteps[i]!);
      const sn = i + 1 < timesteps.length ? sigmaOfT(schedule, timesteps[i + 1]!) : 0;
      const h = sn - s;
      const euler = 1 + h * slope(s);
      const g = sn > 0 ? 1 + (h / 2) * (slope(s) + slope(sn) * euler) : euler;
      v *= g * g;
    }
    return v;
  }
  let v = 1;
  for (let i = 0; i < timesteps.length; i++) {
    const a = ac[timesteps[i]!]!;
    const ap = i + 1 < timesteps.length ? ac[timesteps[i + 1]!]! : 1;
    const c = a * lambda + 1 - a;
    let g: number;
    let noise2: number;
    if (sampler === 'ddim') {
      noise2 = (eta * eta * ((1 - ap) / (1 - a)) * (1 - a / ap)) as number;
      const d = Math.sqrt(Math.max(0, 1 - ap - noise2));
      g = (Math.sqrt(ap * a) * lambda + d * Math.sqrt(1 - a)) / c;
    } else {
      const alpha = a / ap;
      const beta = 1 - alpha;
      const c0 = (Math.sqrt(ap) * beta) / (1 - a);
      const ct = (Math.sqrt(alpha) * (1 - ap)) / (1 - a);
      g = (c0 * Math.sqrt(a) * lambda) / c + ct;
      noise2 = (beta * (1 - ap)) / (1 - a);
    }
    v = g * g * v + noise2;
  }
  return v;
}

/** Eigenvalues of a symmetric 2×2 [[a, b], [b, c]]. */
export function eigenvalues2(a: number, b: number, c: number): [number, number] {
  const m = (a + c) / 2;
  const r = Math.hypot((a - c) / 2, b);
  return [m + r, m - r];
}

export interface StepBias {
  /** The largest |variance ratio − 1| over the class's components and eigen-directions. */
  worst: number;
  /** Variance produced / true variance, per component of the class and eigen-direction (larger first). */
  ratios: [number, number][];
}

/**
 * The relative bias of the s = 1 sample variance that `steps` sampler steps cause for class y, per component,
 * treating each component as if alone (exact for single-Gaussian classes, a guide for well-separated mixtures).
 */
export function stepVarianceBias(world: World, y: number, schedule: Schedule, timesteps: Int32Array, sampler: DiscretisedSampler, eta = 0): StepBias {
  const tab = mixtureTable(world);
  const ratios: [number, number][] = [];
  let worst = 0;
  for (let k = tab.classStart[y]!; k < tab.classStart[y + 1]!; k++) {
    const lams = eigenvalues2(tab.cov[3 * k]!, tab.cov[3 * k + 1]!, tab.cov[3 * k + 2]!);
    const r = lams.map((l) => discretisedVariance(l, schedule, timesteps, sampler, eta) / l) as [number, number];
    ratios.push(r);
    worst = Math.max(worst, ...r.map((x) => Math.abs(x - 1)));
  }
  return { worst, ratios };
}
