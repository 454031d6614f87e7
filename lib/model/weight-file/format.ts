/**
 * The weight file format, version 1 (documented in lib/model/README.md): its types, constants, limits and error.
 * A JSON object:
 *
 * {
 *   "format": "scorefield-weights", "version": 1,
 *   "world": { "name": "two-gaussians", "fingerprint": "a1b2c3d4", "definition": { …World… } },
 *   "schedule": { "name": "linear", "T": 1000 },
 *   "architecture": { "conditioning": "adanorm", "numClasses": 2, "T": 1000, "hidden": 64, … },
 *   "training": { "pUncond": 0.1, "steps": 4000, "seed": 1, "finalLoss": 0.31, "batchSize": 256, … },
 *   "tensors": { "time.1.w": { "shape": [32, 64], "data": "<base64 of little-endian float32>" }, … },
 *   "checksum": "crc32 hex of all tensor bytes, in parameter order"
 * }
 */
import type { World } from '../../science/types';
import type { ScheduleName } from '../../science/schedule';
import type { Architecture } from '../network';
import type { DropoutMode } from '../conditioning';

export const WEIGHTS_FORMAT = 'scorefield-weights';
export const WEIGHTS_VERSION = 1;

/**
 * Physical plausibility: bounds no network trained by this project can exceed, so that a file that is finite but
 * absurd (every weight 3e38, T = 100000) is refused before it reaches a model or a page.
 */
export const WEIGHT_LIMITS = {
  /**
   * The largest weight file read, in characters (UTF-16 code units of its text). The shipped files are 250–340 kB; the
   * largest architecture the format allows stays under 2 MB, so 4 MB leaves room without letting a 50 MB file in.
   */
  maxChars: 4_000_000,
  /**
   * The largest |weight|. Adam moves a weight by about the learning rate per step (≤ 0.01 here), so 20000 lab steps
   * move it by at most ~200 from its initial value (|w| < 1); the shipped weights stay under 4.
   */
  maxAbsWeight: 256,
  /** Diffusion timesteps: the site draws t in 0–999; the CLI may train other T, never more than this. */
  maxT: 10_000,
  /** Training metadata: optimisation steps, batch size, learning rate, loss. */
  maxSteps: 10_000_000,
  maxBatchSize: 65_536,
  maxLr: 1,
  maxLoss: 1e6,
  /** Runs whose weights one file may average (`training.averagedWith` lists all but the first; lib/model/average.ts). */
  maxAveraged: 16,
} as const;

/** How the weights were trained: stored for the reader and for reproducibility. */
export interface TrainingInfo {
  /** Probability of ∅ during training (condition dropout). */
  pUncond: number;
  /** How the dropout entered the loss (lib/model/train.ts `DropoutMode`); absent in older files: 'sampled'. */
  dropout?: DropoutMode;
  /** Optimisation steps done. */
  steps: number;
  /** Seed of initial weights and batches. */
  seed: number;
  /** Mean training loss over the last (up to) 100 steps. */
  finalLoss: number;
  batchSize: number;
  /** Peak and final learning rate, warm-up steps (linear warm-up, cosine decay). */
  lr: number;
  lrFinal: number;
  warmupSteps: number;
  /** EMA decay (0 = none); when > 0 the stored tensors are the EMA weights. */
  ema: number;
  clipNorm: number;
  /** Noise-level sampling and its log-normal parameters (lib/model/noise-levels.ts); absent: uniform t. */
  noise?: 'uniform' | 'lognormal';
  pMean?: number;
  pStd?: number;
  /** Learned per-noise-level loss weighting (lib/model/train.ts); absent: none. */
  lossWeighting?: 'none' | 'learned';
  weightBins?: number;
  /** Tail weighting radius R: rows weighted by 1 + (|x_t| / R)⁴ (lib/model/train-options.ts); absent: none. */
  tailWeight?: number;
  /** tfjs backend used for training. */
  backend?: string;
  /** Wall-clock seconds of training. */
  seconds?: number;
  /**
   * The training record of the weights this run started from (`scorefield train --init`); absent: random weights.
   * `steps` counts both runs; the other fields describe this run.
   */
  previous?: TrainingInfo;
  /**
   * The training records of the other runs whose weights were averaged with this one's (`scorefield average`, the
   * uniform mean of each tensor; lib/model/average.ts); absent: one run. The other fields describe the first run.
   */
  averagedWith?: TrainingInfo[];
}

/** The noise schedule a model was trained with (new fields, e.g. preconditioning, are compared whole: see validate.ts). */
export interface ScheduleInfo {
  name: ScheduleName;
  T: number;
}

export interface WeightMeta {
  world: { name: string; fingerprint: string; definition: World };
  schedule: ScheduleInfo;
  architecture: Architecture;
  training: TrainingInfo;
}

/** A validated weight file: metadata plus the parameter values by name. */
export interface LoadedWeights extends WeightMeta {
  values: Map<string, Float32Array>;
}

/** What a caller expects of a file; any mismatch is refused. */
export interface WeightExpectations {
  /** The world it must have been trained on (compared by fingerprint: classes, priors, components). */
  world?: World;
  conditioning?: Architecture['conditioning'];
  /** The full architecture, e.g. that of a model whose values are to be replaced. */
  architecture?: Architecture;
  /** The full schedule (every field compared, not only the name). */
  schedule?: ScheduleInfo;
}

/** At most this many problems are listed in an error's message (all of them stay in `problems`). */
const MAX_PROBLEMS_IN_MESSAGE = 6;

export class WeightFileError extends Error {
  constructor(
    message: string,
    readonly problems: string[] = [message],
  ) {
    super(message);
    this.name = 'WeightFileError';
  }

  /** An error listing `problems` (the first few in its message). */
  static of(problems: string[]): WeightFileError {
    const shown = problems.slice(0, MAX_PROBLEMS_IN_MESSAGE).join('; ');
    const more = problems.length > MAX_PROBLEMS_IN_MESSAGE ? ` (and ${problems.length - MAX_PROBLEMS_IN_MESSAGE} more)` : '';
    return new WeightFileError(`invalid weight file: ${shown}${more}`, problems);
  }
}
