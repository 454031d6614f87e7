/**
 * A guided sampler run that a view can animate step by step: N particles from N(0, I) through the reverse process
 * under one guidance rule, seeded (the same settings give the same run), with optional trails for a subset of
 * particles and the metrics of the final cloud. DOM-free; any Denoiser.
 */
import type { Guidance } from '../science/guidance';
import { sampleMetrics, type SampleMetrics } from '../science/metrics';
import { Rng } from '../science/random';
import { initialNoise, samplerStep, stridedTimesteps, validateSampleOptions, type SamplerName } from '../science/samplers';
import type { Denoiser, World } from '../science/types';

export interface RunSettings {
  y: number;
  guidance: Guidance;
  sampler: SamplerName;
  eta: number;
  steps: number;
  n: number;
  seed: number;
  /** Particles whose whole path is kept for drawing trails (the first ones). */
  trails: number;
}

export class SamplerRun {
  readonly timesteps: Int32Array;
  /** Positions now: 2n numbers. */
  x: Float64Array;
  /** Steps taken so far (0 … timesteps.length). */
  done = 0;
  /** The prediction x̂_0 = (x_t − √(1−ᾱ_t) ε̃)/√ᾱ_t of the last step (undefined before the first). */
  x0Hat?: Float64Array;
  /** Paths of the first `trails` particles: one snapshot (2·trails numbers) per step, x_T first. */
  readonly paths: Float64Array[] = [];
  private readonly rng: Rng;
  private busy = false;

  constructor(
    readonly denoiser: Denoiser,
    readonly world: World,
    readonly settings: RunSettings,
  ) {
    validateSampleOptions({ ...settings, y: settings.y }, denoiser.numClasses, denoiser.schedule.T);
    this.timesteps = stridedTimesteps(denoiser.schedule.T, settings.steps);
    this.rng = new Rng(settings.seed);
    this.x = initialNoise(settings.n, this.rng);
    this.record();
  }

  get total(): number {
    return this.timesteps.length;
  }

  get finished(): boolean {
    return this.done >= this.total;
  }

  /** The timestep the next step starts from (−1 when finished). */
  get t(): number {
    return this.finished ? -1 : this.timesteps[this.done]!;
  }

  /** One reverse step; returns false when the run had already finished (or a step is still in flight). */
  async step(): Promise<boolean> {
    if (this.finished || this.busy) return false;
    this.busy = true;
    try {
      const i = this.done;
      const tPrev = i + 1 < this.total ? this.timesteps[i + 1]! : -1;
      const r = await samplerStep(
        this.denoiser,
        this.x,
        this.timesteps[i]!,
        tPrev,
        this.settings.y,
        this.settings.guidance,
        { sampler: this.settings.sampler, eta: this.settings.eta },
        this.rng,
      );
      this.x = r.x;
      this.x0Hat = r.x0Hat;
      this.done++;
      this.record();
      return true;
    } finally {
      this.busy = false;
    }
  }

  /** Fidelity, diversity and NLL of the current cloud against the class (meaningful once finished). */
  metrics(): SampleMetrics {
    return sampleMetrics(this.world, this.x, this.settings.y);
  }

  private record(): void {
    const k = Math.min(this.settings.trails, this.settings.n);
    if (k > 0) this.paths.push(this.x.slice(0, 2 * k));
  }
}
