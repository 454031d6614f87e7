/**
 * Discrete noise schedules (diffusers convention: t ∈ {0, …, T−1}, larger t = noisier).
 * x_t = √ᾱ_t x_0 + √(1−ᾱ_t) ε.
 */
export const T_DEFAULT = 1000;
export const SCHEDULE_NAMES = ['linear', 'cosine'] as const;
export type ScheduleName = (typeof SCHEDULE_NAMES)[number];

export interface Schedule {
  readonly name: ScheduleName;
  readonly T: number;
  readonly betas: Float64Array;
  readonly alphas: Float64Array;
  readonly alphasCumprod: Float64Array;
}

/** Linear β from 1e-4 to 0.02 (Ho et al. 2020), or cosine ᾱ (Nichol & Dhariwal 2021, offset 0.008, β ≤ 0.999). */
export function makeSchedule(name: ScheduleName = 'linear', T: number = T_DEFAULT): Schedule {
  if (!Number.isInteger(T) || T < 2) throw new RangeError(`T must be an integer ≥ 2, got ${T}`);
  const betas = new Float64Array(T);
  if (name === 'linear') {
    const lo = 1e-4;
    const hi = 0.02;
    for (let i = 0; i < T; i++) betas[i] = lo + ((hi - lo) * i) / (T - 1);
  } else if (name === 'cosine') {
    const offset = 0.008;
    const alphaBar = (u: number): number => Math.cos(((u + offset) / (1 + offset)) * (Math.PI / 2)) ** 2;
    for (let i = 0; i < T; i++) betas[i] = Math.min(1 - alphaBar((i + 1) / T) / alphaBar(i / T), 0.999);
  } else {
    throw new RangeError(`unknown schedule "${String(name)}": use one of ${SCHEDULE_NAMES.join(', ')}`);
  }
  const alphas = new Float64Array(T);
  const alphasCumprod = new Float64Array(T);
  let prod = 1;
  for (let i = 0; i < T; i++) {
    alphas[i] = 1 - betas[i]!;
    prod *= alphas[i]!;
    alphasCumprod[i] = prod;
  }
  return { name, T, betas, alphas, alphasCumprod };
}
