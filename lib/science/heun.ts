/**
 * Heun's second-order sampler in the EDM σ-parameterisation (Karras et al. 2022, Algorithm 1 with S_churn = 0) on the
 * timesteps of a discrete-time denoiser. With x̃ = x_t / √ᾱ_t = x_0 + σ_t ε the probability-flow ODE is
 * dx̃/dσ = ε̃(x̃ √ᾱ(σ), σ): an Euler step from σ_t to σ_t' is exactly DDIM (η = 0); Heun averages the slope at both
 * ends, except on the last step to σ = 0 (Euler). It evaluates the denoiser 2·steps − 1 times.
 */
import { guidedEps } from './guidance';
import { Rng } from './random';
import { initialNoise, samplerTimesteps, validateSampleOptions, type SampleOptions, type SampleResult } from './samplers';
import { alphaBarOfSigma, sigmaOfT } from './sigma';
import type { Denoiser } from './types';

export interface HeunStep {
  /** x̃ after the step, in the EDM variable (x_0 + σ ε). */
  xTilde: Float64Array;
  /** The slope (ε̃) at the start of the step. */
  eps: Float64Array;
  /** x̂_0 = x̃ − σ ε̃ at the start of the step. */
  x0Hat: Float64Array;
}

/** One Heun step in x̃ from timestep t to tNext (−1: to σ = 0). */
export async function heunStep(
  denoiser: Denoiser,
  xTilde: Float64Array,
  t: number,
  tNext: number,
  y: SampleOptions['y'],
  guidance: SampleOptions['guidance'],
): Promise<HeunStep> {
  const schedule = denoiser.schedule;
  const sigma = sigmaOfT(schedule, t);
  const sigmaNext = tNext < 0 ? 0 : sigmaOfT(schedule, tNext);
  const h = sigmaNext - sigma;
  const scaled = (x: Float64Array, s: number): Float64Array => x.map((v) => v * Math.sqrt(alphaBarOfSigma(s)));
  const eps = await guidedEps(denoiser, scaled(xTilde, sigma), t, y, guidance);
  const x0Hat = xTilde.map((v, i) => v - sigma * eps[i]!);
  const euler = xTilde.map((v, i) => v + h * eps[i]!);
  if (tNext < 0) return { xTilde: euler, eps, x0Hat };
  const epsNext = await guidedEps(denoiser, scaled(euler, sigmaNext), tNext, y, guidance);
  return { xTilde: xTilde.map((v, i) => v + (h / 2) * (eps[i]! + epsNext[i]!)), eps, x0Hat };
}

/**
 * Draws n samples with Heun's method over the run's timesteps (strided, or Karras's ρ-spacing with `spacing: 'karras'`) (same x_T draw as `sample` for the same seed).
 * The trajectory (if asked) holds x_t = √ᾱ_t x̃ at each timestep, as `sample` does, and x_0 last.
 */
export async function sampleHeun(denoiser: Denoiser, opts: SampleOptions): Promise<SampleResult> {
  const schedule = denoiser.schedule;
  validateSampleOptions(opts, denoiser.numClasses, schedule.T);
  const timesteps = samplerTimesteps(schedule, opts.steps, opts.spacing, opts.rho);
  const rng = new Rng(opts.seed);
  const xT = opts.xT ? Float64Array.from(opts.xT) : initialNoise(opts.n, rng);
  let xTilde: Float64Array = xT.map((v) => v / Math.sqrt(schedule.alphasCumprod[timesteps[0]!]!));
  const trajectory: Float64Array[] | undefined = opts.trajectory ? [Float64Array.from(xT)] : undefined;
  const x0Hats: Float64Array[] = [];
  const epsilons: Float64Array[] = [];
  for (let i = 0; i < timesteps.length; i++) {
    opts.signal?.throwIfAborted();
    const tNext = i + 1 < timesteps.length ? timesteps[i + 1]! : -1;
    const step = await heunStep(denoiser, xTilde, timesteps[i]!, tNext, opts.y, opts.guidance);
    xTilde = step.xTilde;
    if (opts.recordSteps) {
      x0Hats.push(step.x0Hat);
      epsilons.push(step.eps);
    }
    const x = tNext < 0 ? xTilde : xTilde.map((v) => v * Math.sqrt(schedule.alphasCumprod[tNext]!));
    trajectory?.push(x);
    await opts.onStep?.(i + 1, timesteps.length, x);
  }
  const result: SampleResult = { x0: xTilde, timesteps };
  if (trajectory) result.trajectory = trajectory;
  if (opts.recordSteps) Object.assign(result, { x0Hat: x0Hats, eps: epsilons });
  return result;
}
