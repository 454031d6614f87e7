/**
 * Samplers generic over a `Denoiser`: DDIM (η ∈ [0, 1]) and DDPM ancestral, on any number of steps ≤ T
 * (strided "trailing" timesteps, so the first step is always t = T−1), seeded, optionally recording trajectories.
 * Each step awaits the denoiser (learned ones are asynchronous). `samplerStep` is one step, for UIs that animate.
 */
import { guidedEps, validateGuidance, type Guidance } from './guidance';
import { Rng } from './random';
import type { Schedule } from './schedule';
import { KARRAS_RHO, karrasTimesteps } from './sigma';
import type { Denoiser, Points } from './types';

export const SAMPLER_NAMES = ['ddim', 'ddpm'] as const;
export type SamplerName = (typeof SAMPLER_NAMES)[number];

/**
 * `steps` timesteps from T−1 down to 0 or near it, evenly strided ("trailing" spacing, Lin et al. 2023):
 * t_i = round(T − i T / steps) − 1. steps = T gives T−1, T−2, …, 0.
 */
export function stridedTimesteps(T: number, steps: number): Int32Array {
  if (!Number.isInteger(steps) || steps < 1 || steps > T) throw new RangeError(`steps must be an integer in [1, ${T}], got ${steps}`);
  const ts = new Int32Array(steps);
  for (let i = 0; i < steps; i++) ts[i] = Math.round(T - (i * T) / steps) - 1;
  return ts;
}

/** How the timesteps of a run are spaced: evenly in t ("trailing") or on Karras et al.'s ρ-spacing of σ. */
export const TIMESTEP_SPACINGS = ['trailing', 'karras'] as const;
export type TimestepSpacing = (typeof TIMESTEP_SPACINGS)[number];

/** The timesteps of a run of `steps` steps (default T) with the chosen spacing (default trailing; ρ for karras, default 7). */
export function samplerTimesteps(schedule: Schedule, steps = schedule.T, spacing: TimestepSpacing = 'trailing', rho = KARRAS_RHO): Int32Array {
  if (!TIMESTEP_SPACINGS.includes(spacing)) throw new RangeError(`spacing must be one of ${TIMESTEP_SPACINGS.join(', ')}, got ${String(spacing)}`);
  return spacing === 'karras' ? karrasTimesteps(schedule, steps, rho) : stridedTimesteps(schedule.T, steps);
}

/** x_T ~ N(0, I) for n points. */
export function initialNoise(n: number, rng: Rng): Float64Array {
  return rng.fillNormal(new Float64Array(2 * n));
}

export interface StepOptions {
  sampler: SamplerName;
  /** DDIM only: η ∈ [0, 1] (0 deterministic; 1 has DDPM's posterior variance). */
  eta?: number;
}

export interface StepResult {
  /** x_{t_prev}. */
  x: Float64Array;
  /** The guided ε̃ used. */
  eps: Float64Array;
  /** The predicted x̂_0 = (x_t − √(1−ᾱ_t) ε̃) / √ᾱ_t. */
  x0Hat: Float64Array;
}

/**
 * One reverse step from t to tPrev (tPrev = −1: to the data, ᾱ = 1) given ε̃:
 *   x̂_0 = (x_t − √(1−ᾱ_t) ε̃) / √ᾱ_t
 *   DDIM:  x_prev = √ᾱ_prev x̂_0 + √(1−ᾱ_prev−σ²) ε̃ + σ z,  σ = η √((1−ᾱ_prev)/(1−ᾱ_t)) √(1−ᾱ_t/ᾱ_prev)
 *   DDPM:  x_prev = (√ᾱ_prev β'/(1−ᾱ_t)) x̂_0 + (√α' (1−ᾱ_prev)/(1−ᾱ_t)) x_t + √β̃ z,
 *          α' = ᾱ_t/ᾱ_prev, β' = 1−α', β̃ = β' (1−ᾱ_prev)/(1−ᾱ_t)
 * z is drawn from `rng` only when the step adds noise.
 */
export function reverseUpdate(x: Points, eps: Float64Array, alphaBar: number, alphaBarPrev: number, opts: StepOptions, rng: Rng): StepResult {
  const sa = Math.sqrt(alphaBar);
  const sigmaT = Math.sqrt(1 - alphaBar);
  const x0Hat = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) x0Hat[i] = (x[i]! - sigmaT * eps[i]!) / sa;
  const out = new Float64Array(x.length);
  const sap = Math.sqrt(alphaBarPrev);
  let noise = 0;
  if (opts.sampler === 'ddim') {
    const eta = opts.eta ?? 0;
    noise = eta * Math.sqrt(((1 - alphaBarPrev) / (1 - alphaBar)) * (1 - alphaBar / alphaBarPrev));
    const dir = Math.sqrt(Math.max(0, 1 - alphaBarPrev - noise * noise));
    for (let i = 0; i < x.length; i++) out[i] = sap * x0Hat[i]! + dir * eps[i]!;
  } else {
    const a = alphaBar / alphaBarPrev;
    const b = 1 - a;
    const c0 = (sap * b) / (1 - alphaBar);
    const ct = (Math.sqrt(a) * (1 - alphaBarPrev)) / (1 - alphaBar);
    noise = Math.sqrt((b * (1 - alphaBarPrev)) / (1 - alphaBar));
    for (let i = 0; i < x.length; i++) out[i] = c0 * x0Hat[i]! + ct * x[i]!;
  }
  if (noise > 0) for (let i = 0; i < x.length; i++) out[i]! += noise * rng.normal();
  return { x: out, eps, x0Hat };
}

/** One guided sampler step of any denoiser from t to tPrev (−1 for the last step). */
export async function samplerStep(
  denoiser: Denoiser,
  x: Points,
  t: number,
  tPrev: number,
  y: number | Int32Array,
  guidance: Guidance,
  opts: StepOptions,
  rng: Rng,
): Promise<StepResult> {
  const ac = denoiser.schedule.alphasCumprod;
  const abarPrev = tPrev < 0 ? 1 : ac[tPrev]!;
  const eps = await guidedEps(denoiser, x, t, y, guidance, abarPrev);
  return reverseUpdate(x, eps, ac[t]!, abarPrev, opts, rng);
}

export interface SampleOptions extends StepOptions {
  /** Number of points. */
  n: number;
  /** Class per point, or one class for all. */
  y: number | Int32Array;
  guidance: Guidance;
  /** Number of steps ≤ T (default T). */
  steps?: number;
  /** Spacing of the timesteps (default trailing: evenly strided). */
  spacing?: TimestepSpacing;
  /** ρ of the karras spacing (default 7). */
  rho?: number;
  seed: number;
  /** Record x at every step (steps + 1 snapshots, x_T first). */
  trajectory?: boolean;
  /** Start from these x_T (2n numbers) instead of drawing them. */
  xT?: Float64Array;
  /** Record the predicted x̂_0 and the guided ε̃ of every step (`x0Hat`, `eps` of the result). */
  recordSteps?: boolean;
  /** Called after each step; may return a promise (e.g. to yield to the UI). */
  onStep?: (done: number, total: number, x: Float64Array) => void | Promise<void>;
  /** Stops the run (the promise rejects with the signal's reason). */
  signal?: AbortSignal;
}

export interface SampleResult {
  /** The samples x_0, 2n numbers. */
  x0: Float64Array;
  timesteps: Int32Array;
  /** x_T, then x after each step (when asked for). */
  trajectory?: Float64Array[];
  /** x̂_0 predicted at each step (with `recordSteps`). */
  x0Hat?: Float64Array[];
  /** The guided ε̃ used at each step (with `recordSteps`). */
  eps?: Float64Array[];
}

/** Draws n samples with a guided DDIM or DDPM sampler. */
export async function sample(denoiser: Denoiser, opts: SampleOptions): Promise<SampleResult> {
  validateSampleOptions(opts, denoiser.numClasses, denoiser.schedule.T);
  const timesteps = samplerTimesteps(denoiser.schedule, opts.steps, opts.spacing, opts.rho);
  const rng = new Rng(opts.seed);
  let x: Float64Array = opts.xT ? Float64Array.from(opts.xT) : initialNoise(opts.n, rng);
  const trajectory: Float64Array[] | undefined = opts.trajectory ? [Float64Array.from(x)] : undefined;
  const x0Hat: Float64Array[] = [];
  const eps: Float64Array[] = [];
  for (let i = 0; i < timesteps.length; i++) {
    opts.signal?.throwIfAborted();
    const tPrev = i + 1 < timesteps.length ? timesteps[i + 1]! : -1;
    const step = await samplerStep(denoiser, x, timesteps[i]!, tPrev, opts.y, opts.guidance, opts, rng);
    x = step.x;
    if (opts.recordSteps) {
      x0Hat.push(step.x0Hat);
      eps.push(step.eps);
    }
    trajectory?.push(x);
    await opts.onStep?.(i + 1, timesteps.length, x);
  }
  const result: SampleResult = trajectory ? { x0: x, timesteps, trajectory } : { x0: x, timesteps };
  return opts.recordSteps ? { ...result, x0Hat, eps } : result;
}

/** Throws a RangeError naming the bad option. */
export function validateSampleOptions(opts: SampleOptions, numClasses: number, T: number): void {
  if (!SAMPLER_NAMES.includes(opts.sampler)) throw new RangeError(`sampler must be one of ${SAMPLER_NAMES.join(', ')}, got ${String(opts.sampler)}`);
  if (opts.eta !== undefined && !(opts.eta >= 0 && opts.eta <= 1)) throw new RangeError(`eta must be in [0, 1], got ${opts.eta}`);
  if (!Number.isInteger(opts.n) || opts.n < 0) throw new RangeError(`n must be a non-negative integer, got ${opts.n}`);
  if (opts.xT && opts.xT.length !== 2 * opts.n) throw new RangeError(`xT must hold 2n = ${2 * opts.n} numbers, got ${opts.xT.length}`);
  const ys = typeof opts.y === 'number' ? [opts.y] : opts.y;
  if (typeof opts.y !== 'number' && opts.y.length !== opts.n) throw new RangeError(`y must hold one class per point (${opts.n}), got ${opts.y.length}`);
  for (const c of ys) {
    if (!(Number.isInteger(c) && c >= 0 && c < numClasses)) throw new RangeError(`y must be a class index in [0, ${numClasses - 1}], got ${c}`);
  }
  stridedTimesteps(T, opts.steps ?? T);
  if (opts.spacing !== undefined && !TIMESTEP_SPACINGS.includes(opts.spacing)) {
    throw new RangeError(`spacing must be one of ${TIMESTEP_SPACINGS.join(', ')}, got ${String(opts.spacing)}`);
  }
  if (opts.rho !== undefined && !(opts.rho > 0 && Number.isFinite(opts.rho))) throw new RangeError(`rho must be a finite number > 0, got ${opts.rho}`);
  validateGuidance(opts.guidance, numClasses, T);
}
