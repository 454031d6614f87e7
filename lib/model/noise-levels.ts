/**
 * Which noise levels a training step sees: t uniform in {0 … T−1} (DDPM), or EDM's log-normal ln σ ~ N(P_mean, P_std²)
 * (Karras et al. 2022, §5) mapped to the discrete timestep whose σ_t = √((1−ᾱ_t)/ᾱ_t) is nearest in ln σ (the network
 * and the samplers work on the discrete t of the schedule).
 */
import type { Rng } from '../science/random';
import type { Schedule } from '../science/schedule';
import { logSigmaTable, nearestIndex } from '../science/sigma';

export const NOISE_SAMPLINGS = ['uniform', 'lognormal'] as const;
export type NoiseSampling = (typeof NOISE_SAMPLINGS)[number];

export interface NoiseLevelOptions {
  noise: NoiseSampling;
  /** lognormal: mean of ln σ. */
  pMean: number;
  /** lognormal: standard deviation of ln σ. */
  pStd: number;
}

/** Draws timesteps; `draw(rng)` uses one uniform (uniform) or one normal (lognormal) per call. */
export class NoiseLevelSampler {
  private readonly logSigma: Float64Array;

  constructor(
    readonly schedule: Schedule,
    readonly options: NoiseLevelOptions,
  ) {
    this.logSigma = logSigmaTable(schedule);
  }

  draw(rng: Rng): number {
    if (this.options.noise === 'uniform') return rng.int(this.schedule.T);
    return this.nearestTimestep(this.options.pMean + this.options.pStd * rng.normal());
  }

  /** The t whose ln σ_t is nearest to `logSigma` (lib/science/sigma.ts, on the table computed once). */
  nearestTimestep(logSigma: number): number {
    return nearestIndex(this.logSigma, logSigma);
  }
}
