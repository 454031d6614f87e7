/**
 * The training lab's view model, DOM-free: the loss history of a run (raw points, a smoothed line, a thinned copy for
 * drawing, validation of a stored copy), progress and time left, and the messages between the page and the training
 * worker (components/widgets/training-lab/train.worker.ts), typed here so both sides agree.
 */
import type { Conditioning, DropoutMode } from '../model/conditioning';
import type { WeightMeta } from '../model/weights';

/** One recorded training step: step number (1-based, after the step) and its batch loss. */
export interface LossPoint {
  step: number;
  loss: number;
}

/** Weight of the newest point in the smoothed loss (an exponential moving average, bias-corrected). */
export const SMOOTHING = 0.25;

/** Loss history of one run. Points must come in increasing step order; non-finite losses are refused. */
export class LossHistory {
  private readonly raw: LossPoint[] = [];

  constructor(points: readonly LossPoint[] = []) {
    for (const p of points) this.add(p.step, p.loss);
  }

  get points(): readonly LossPoint[] {
    return this.raw;
  }

  get length(): number {
    return this.raw.length;
  }

  get lastStep(): number {
    return this.raw.at(-1)?.step ?? 0;
  }

  /** Adds a point; returns false (and keeps nothing) for a non-finite or non-positive loss or a step not after the last. */
  add(step: number, loss: number): boolean {
    if (!Number.isFinite(loss) || !(loss > 0) || !Number.isInteger(step) || step <= this.lastStep) return false;
    this.raw.push({ step, loss });
    return true;
  }

  /** The smoothed loss at every point: EMA with weight `alpha`, bias-corrected so that it starts at the first loss. */
  smoothed(alpha = SMOOTHING): LossPoint[] {
    const out: LossPoint[] = [];
    let m = 0;
    let w = 0;
    for (const p of this.raw) {
      m = (1 - alpha) * m + alpha * p.loss;
      w = (1 - alpha) * w + alpha;
      out.push({ step: p.step, loss: m / w });
    }
    return out;
  }

  /** At most `max` of the raw points, evenly spread, always keeping the first and the last (for drawing). */
  thinned(max: number): LossPoint[] {
    return thin(this.raw, max);
  }

  /** Mean of the smoothed loss over the first and the last tenth of the run (at least one point each), for the summary. */
  summary(): { first: number; last: number; min: number; steps: number } | null {
    if (this.raw.length === 0) return null;
    const sm = this.smoothed();
    const k = Math.max(1, Math.floor(sm.length / 10));
    const mean = (xs: LossPoint[]) => xs.reduce((a, p) => a + p.loss, 0) / xs.length;
    return { first: mean(sm.slice(0, k)), last: mean(sm.slice(-k)), min: Math.min(...this.raw.map((p) => p.loss)), steps: this.lastStep };
  }

  toJSON(): LossPoint[] {
    return this.raw.map((p) => ({ ...p }));
  }

  /** A history from stored data; anything malformed is dropped point by point (never throws). */
  static fromJSON(data: unknown): LossHistory {
    const h = new LossHistory();
    if (!Array.isArray(data)) return h;
    for (const p of data) {
      if (typeof p === 'object' && p !== null) h.add(Number((p as LossPoint).step), Number((p as LossPoint).loss));
    }
    return h;
  }
}

/** At most `max` items of `xs`, evenly spread, keeping the first and the last. */
export function thin<T>(xs: readonly T[], max: number): T[] {
  if (xs.length <= max) return [...xs];
  if (max < 2) return xs.slice(-1);
  const out: T[] = [];
  for (let i = 0; i < max; i++) out.push(xs[Math.round((i * (xs.length - 1)) / (max - 1))]!);
  return out;
}

/** Fraction of the planned steps done, in [0, 1]. */
export function progressFraction(step: number, steps: number): number {
  if (!(steps > 0)) return 0;
  return Math.min(1, Math.max(0, step / steps));
}

/** Seconds left at the current speed; undefined while the speed is unknown. */
export function secondsLeft(step: number, steps: number, stepsPerSecond: number): number | undefined {
  if (!(stepsPerSecond > 0) || !Number.isFinite(stepsPerSecond)) return undefined;
  return Math.max(0, steps - step) / stepsPerSecond;
}

/** "42 s", "3 min 05 s", "1 h 02 min"; "–" when unknown. */
export function formatDuration(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds)) return '–';
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}

/** Mean of the ε RMSE over the noise bands, for the conditional (y) and unconditional (∅) branches. */
export function meanBandError(bands: readonly { rmseCond: number; rmseUncond: number }[]): { cond: number; uncond: number } {
  if (bands.length === 0) return { cond: NaN, uncond: NaN };
  const cond = bands.reduce((a, b) => a + b.rmseCond, 0) / bands.length;
  const uncond = bands.reduce((a, b) => a + b.rmseUncond, 0) / bands.length;
  return { cond, uncond };
}

// ---------- messages between the page and the training worker ----------

export interface TrainRequest {
  world: string;
  conditioning: Conditioning;
  pUncond: number;
  /** Condition dropout by a coin per example or in expectation (lib/model/train.ts `TrainOptions.dropout`). */
  dropout: DropoutMode;
  lr: number;
  steps: number;
  seed: number;
  /** Noise schedule name (the model's T is 1000). */
  schedule: string;
}

/** The training request of a notebook state: the lab's own keys (trainPUncond, trainLr, …) and the shared ones. */
export function trainRequestOf(st: {
  world: string;
  cond: Conditioning;
  trainPUncond: number;
  trainDropout: DropoutMode;
  trainLr: number;
  trainSteps: number;
  seed: number;
  schedule: string;
}): TrainRequest {
  return {
    world: st.world,
    conditioning: st.cond,
    pUncond: st.trainPUncond,
    dropout: st.trainDropout,
    lr: st.trainLr,
    steps: st.trainSteps,
    seed: st.seed,
    schedule: st.schedule,
  };
}

export type ToWorker =
  /** `backend`: the page's backend override ('auto' or undefined: measured); only the first message of a worker chooses. */
  | { type: 'train'; run: number; request: TrainRequest; snapshotEvery: number; backend?: string }
  | { type: 'pause' }
  | { type: 'resume' }
  /** A validated weight file (restored or imported) to show in the field panel. */
  | { type: 'load'; text: string; backend?: string }
  /**
   * The lab came into view: start the backend now and run one throwaway step of `request`'s network (webgl compiles its
   * shaders, wasm its kernels), so that Train's first step does not wait for them.
   */
  | { type: 'warm'; request: TrainRequest; backend?: string }
  /** The learned fields at (t, y) and the ε errors against the exact model, for the current model. */
  | { type: 'field'; t: number; y: number; schedule: string };

export interface TrainProgress {
  step: number;
  steps: number;
  loss: number;
  smoothLoss: number;
  lr: number;
  stepsPerSecond: number;
  /** The (step, loss) of every step since the last progress message. */
  points: LossPoint[];
}

/** What the lab shows of a weight file: the world it was trained on, its p_uncond and its number of steps. */
export interface ModelFacts {
  world: string;
  /** The fingerprint of the world it was trained on (names may repeat: the reader's world can be called anything). */
  fingerprint: string;
  pUncond: number;
  steps: number;
}

/** The facts of a weight file's metadata. */
export function factsOf(meta: Pick<WeightMeta, 'world' | 'training'>): ModelFacts {
  return { world: meta.world.definition.name, fingerprint: meta.world.fingerprint, pUncond: meta.training.pUncond, steps: meta.training.steps };
}

export type FromWorker =
  | { type: 'backend'; summary: string; backend: string }
  | { type: 'progress'; run: number; progress: TrainProgress }
  /**
   * The weights (documented weight-file JSON) at `step`: the EMA weights of the run, with the facts the page needs
   * about them (so that it need not parse and validate the file again on the main thread).
   */
  | { type: 'snapshot'; run: number; step: number; text: string; facts: ModelFacts }
  | { type: 'done'; run: number; step: number; outcome: 'done' | 'stopped' }
  /** Training diverged: `message` is the Trainer's error; the last snapshot holds the last good weights. */
  | { type: 'diverged'; run: number; message: string; text?: string }
  | {
      type: 'field';
      t: number;
      y: number;
      epsUncond: Float64Array;
      epsCond: Float64Array;
      rmse: { cond: number; uncond: number };
    }
  /** The quality readout after a snapshot: sliced Wasserstein of learned vs exact samples at scale s, and the floor. */
  | { type: 'quality'; run: number; step: number; s: number; sw: number; floor: number; ratio: number }
  | { type: 'error'; message: string };

/** Arrow grid of the lab's field panels (as the score-field explorer's). */
export const LAB_ARROW_GRID_N = 17;
/**
 * The lab's quality readout (computed in the worker after each snapshot): DDIM samples per class of the learned and
 * the exact model at s = 1, their sliced Wasserstein distance and the floor (two exact runs); small enough to take a
 * fraction of a second on wasm. `npm run bench -- lab` measures the 60-second goal with the evaluation's full size.
 */
export const LAB_QUALITY = { s: 1, n: 400, steps: 40, seed: 7 } as const;

/** Progress messages every this many steps. */
export const PROGRESS_EVERY = 10;
