/**
 * The EDM (Karras et al. 2022) noise level of a discrete timestep and back: x_t = √ᾱ_t (x_0 + σ_t ε) with
 * σ_t = √((1−ᾱ_t)/ᾱ_t), increasing in t. Guidance intervals in papers (Kynkäänniemi et al. 2024) are stated in σ.
 */
import type { Schedule } from './schedule';

/** σ_t = √((1−ᾱ_t)/ᾱ_t) of timestep t. */
export function sigmaOfT(schedule: Schedule, t: number): number {
  if (!Number.isInteger(t) || t < 0 || t >= schedule.T) throw new RangeError(`t must be an integer in [0, ${schedule.T - 1}], got ${t}`);
  return sigmaOfAlphaBar(schedule.alphasCumprod[t]!);
}

/** σ of a noise level ᾱ in the EDM parameterisation: σ = √((1 − ᾱ)/ᾱ), the inverse of alphaBarOfSigma. */
export function sigmaOfAlphaBar(alphaBar: number): number {
  return Math.sqrt((1 - alphaBar) / alphaBar);
}

/** ᾱ of a noise level σ: 1 / (1 + σ²). */
export function alphaBarOfSigma(sigma: number): number {
  return 1 / (1 + sigma * sigma);
}

/** ln σ_t of every timestep of a schedule, increasing in t. */
export function logSigmaTable(schedule: Schedule): Float64Array {
  return Float64Array.from(schedule.alphasCumprod, (ab) => Math.log(sigmaOfAlphaBar(ab)));
}

/** The index of an increasing table whose value is nearest to v (the lower one on a tie): binary search. */
export function nearestIndex(table: Float64Array, v: number): number {
  let lo = 0;
  let hi = table.length - 1;
  if (v <= table[lo]!) return lo;
  if (v >= table[hi]!) return hi;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (table[mid]! <= v) lo = mid;
    else hi = mid;
  }
  return v - table[lo]! <= table[hi]! - v ? lo : hi;
}

/** The timestep whose σ_t is nearest to σ in log σ (σ ≥ 0; σ = 0 gives t = 0). */
export function tOfSigma(schedule: Schedule, sigma: number): number {
  if (!(sigma >= 0) || !Number.isFinite(sigma)) throw new RangeError(`σ must be a finite number ≥ 0, got ${sigma}`);
  return nearestIndex(logSigmaTable(schedule), Math.log(sigma));
}

/**
 * The guidance interval in timesteps of an interval [σ_lo, σ_hi] in noise level: every t with σ_lo ≤ σ_t ≤ σ_hi
 * (σ_t increases with t, so they are consecutive). Throws when no timestep falls inside.
 */
export function sigmaIntervalToT(schedule: Schedule, sigmaLo: number, sigmaHi: number): [number, number] {
  if (!(sigmaLo >= 0 && sigmaLo <= sigmaHi)) throw new RangeError(`need 0 ≤ σ_lo ≤ σ_hi, got [${sigmaLo}, ${sigmaHi}]`);
  let lo = -1;
  let hi = -1;
  for (let t = 0; t < schedule.T; t++) {
    const s = sigmaOfT(schedule, t);
    if (s >= sigmaLo && s <= sigmaHi) {
      if (lo < 0) lo = t;
      hi = t;
    }
  }
  if (lo < 0) {
    const range = `[${sigmaOfT(schedule, 0).toPrecision(3)}, ${sigmaOfT(schedule, schedule.T - 1).toPrecision(4)}]`;
    throw new RangeError(`no timestep has σ in [${sigmaLo}, ${sigmaHi}]; the ${schedule.name} schedule spans σ ∈ ${range}`);
  }
  return [lo, hi];
}

/** Karras et al.'s (2022, eq. 5) ρ: the exponent of their noise-level spacing (7 in EDM). */
export const KARRAS_RHO = 7;

/**
 * Karras et al.'s (2022, eq. 5) noise levels: σ_i = (σ_max^{1/ρ} + i/(n−1) (σ_min^{1/ρ} − σ_max^{1/ρ}))^ρ for
 * i = 0 … n−1, from σ_max down to σ_min (n = 1: σ_max alone). The sampler's last step goes on to σ = 0.
 */
export function karrasSigmas(sigmaMin: number, sigmaMax: number, n: number, rho = KARRAS_RHO): Float64Array {
  if (!(sigmaMin > 0 && sigmaMin < sigmaMax && Number.isFinite(sigmaMax))) throw new RangeError(`need 0 < σ_min < σ_max, got [${sigmaMin}, ${sigmaMax}]`);
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`n must be an integer ≥ 1, got ${n}`);
  if (!(rho > 0 && Number.isFinite(rho))) throw new RangeError(`ρ must be a finite number > 0, got ${rho}`);
  const hi = sigmaMax ** (1 / rho);
  const lo = sigmaMin ** (1 / rho);
  return Float64Array.from({ length: n }, (_, i) => (n === 1 ? sigmaMax : (hi + (i / (n - 1)) * (lo - hi)) ** rho));
}

/**
 * `steps` timesteps on Karras's ρ-spacing of the schedule's own range (σ_min = σ_0, σ_max = σ_{T−1}): each σ_i goes to
 * the timestep nearest in log σ (as tOfSigma), then ties are parted so the steps stay distinct and decreasing (one
 * timestep up from the low end, then capped at T−1 − i from the top; only dense grids need it, where the log-σ gap
 * between timesteps is wider than Karras's). First T−1, last 0; steps = T gives T−1 … 0.
 */
export function karrasTimesteps(schedule: Schedule, steps: number, rho = KARRAS_RHO): Int32Array {
  const T = schedule.T;
  if (!Number.isInteger(steps) || steps < 1 || steps > T) throw new RangeError(`steps must be an integer in [1, ${T}], got ${steps}`);
  const sigmas = karrasSigmas(sigmaOfT(schedule, 0), sigmaOfT(schedule, T - 1), steps, rho);
  const table = logSigmaTable(schedule);
  const ts = Int32Array.from(sigmas, (s) => nearestIndex(table, Math.log(s)));
  for (let i = steps - 2; i >= 0; i--) ts[i] = Math.max(ts[i]!, ts[i + 1]! + 1);
  for (let i = 0; i < steps; i++) ts[i] = Math.min(ts[i]!, T - 1 - i);
  return ts;
}
