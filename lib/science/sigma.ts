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
