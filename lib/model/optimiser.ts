/**
 * The optimiser loop shared by every trainer in lib/model: Adam with warm-up + cosine learning rate, global-norm
 * clipping, EMA, NaN refusal, and `run` in slices that yield to the event loop.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { GradientResult } from './loss';
import { learningRate } from './lr-schedule';
import type { ResolvedTrainOptions } from './train-options';

export class TrainingDivergedError extends Error {
  constructor(
    readonly step: number,
    readonly loss: number,
    readonly gradNorm: number,
  ) {
    super(
      `training diverged at step ${step}: loss = ${loss}, gradient norm = ${gradNorm}. ` +
        'No update was applied: the model keeps the weights of the last good step. Try a lower learning rate.',
    );
    this.name = 'TrainingDivergedError';
  }
}

export interface StepResult {
  /** Steps done so far (after this one). */
  step: number;
  loss: number;
  gradNorm: number;
  lr: number;
}

export interface Progress extends StepResult {
  /** Planned steps. */
  steps: number;
  /** Running (exponentially smoothed) loss. */
  smoothLoss: number;
  /** Steps per second over the current `run`. */
  stepsPerSecond: number;
}

export interface RunOptions {
  /** Run until this many steps are done in total. Default: the planned `steps`. */
  until?: number;
  /** Abort to stop (pause) after the current step. */
  signal?: AbortSignal;
  /** Called after the first step of a run, every `progressEvery` steps and at the end. */
  onProgress?: (p: Progress) => void;
  progressEvery?: number;
  /** Yield to the event loop after this many ms of work (keeps a page responsive). Default 30. */
  sliceMs?: number;
  /** Read the loss back asynchronously (better on webgl). Default false. */
  async?: boolean;
}

export type RunOutcome = 'done' | 'stopped';

const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());
const yieldToEventLoop = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

/** What the shared optimiser loop needs: the learning-rate schedule, gradient clip and Adam constants. */
export type OptimiserOptions = Pick<ResolvedTrainOptions, 'steps' | 'lr' | 'lrFinal' | 'warmupSteps' | 'clipNorm' | 'beta1' | 'beta2' | 'epsilon' | 'ema'>;

/**
 * The optimiser loop shared by every trainer in lib/model: Adam with warm-up + cosine learning rate, global-norm
 * clipping, an optional EMA copy of the weights, NaN refusal, a smoothed loss, and `run` in slices that yield to the
 * event loop. A subclass supplies the gradients of one (freshly drawn) batch.
 */
export abstract class SteppedTrainer {
  private readonly m = new Map<string, tf.Variable>();
  private readonly v = new Map<string, tf.Variable>();
  private k = 0;
  private smooth = NaN;
  private readonly recent: number[] = [];
  private failed: TrainingDivergedError | null = null;
  private stopRequested = false;
  private disposed = false;

  constructor(
    /** The parameters trained in place. */
    private readonly trainedParams: Map<string, tf.Variable>,
    private readonly optimiser: OptimiserOptions,
    /** Parameters that follow the trained ones as an EMA (same names), when `optimiser.ema` > 0. */
    private readonly emaParams?: Map<string, tf.Variable>,
  ) {
    // tidy frees the zerosLike temporaries; the variables (copies) survive it
    tf.tidy(() => {
      for (const [name, p] of trainedParams) {
        this.m.set(name, tf.variable(tf.zerosLike(p), false));
        this.v.set(name, tf.variable(tf.zerosLike(p), false));
      }
    });
  }

  /** Gradients of the loss on the next batch (drawn by the subclass from its seeded generator). */
  protected abstract nextGradients(): GradientResult;

  /** Steps done so far. */
  get stepCount(): number {
    return this.k;
  }

  get done(): boolean {
    return this.k >= this.optimiser.steps;
  }

  /** The error that stopped training, if it diverged. */
  get error(): TrainingDivergedError | null {
    return this.failed;
  }

  /** Exponentially smoothed loss (NaN before the first step). */
  get smoothLoss(): number {
    return this.smooth;
  }

  /** Mean loss over the last (up to) 100 steps: the "final loss" written to weight files. */
  get recentLoss(): number {
    if (this.recent.length === 0) return NaN;
    return this.recent.reduce((a, b) => a + b, 0) / this.recent.length;
  }

  /** Ask a running `run` to stop after its current step. */
  stop(): void {
    this.stopRequested = true;
  }

  /** One training step; reads the loss back synchronously. Throws TrainingDivergedError on NaN/Inf. */
  step(): StepResult {
    const { g, lr } = this.prepare();
    let stats: Float32Array;
    try {
      stats = g.stats.dataSync() as Float32Array;
    } catch (e) {
      g.dispose();
      throw e;
    }
    return this.finish(g, stats, lr);
  }

  /** One training step with an asynchronous read-back. */
  async stepAsync(): Promise<StepResult> {
    const { g, lr } = this.prepare();
    let stats: Float32Array;
    try {
      stats = (await g.stats.data()) as Float32Array;
    } catch (e) {
      g.dispose();
      throw e;
    }
    return this.finish(g, stats, lr);
  }

  private prepare(): { g: GradientResult; lr: number } {
    if (this.disposed) throw new Error('this trainer has been disposed');
    if (this.failed) throw this.failed;
    return { g: this.nextGradients(), lr: learningRate(this.optimiser, this.k) };
  }

  private finish(g: GradientResult, stats: Float32Array, lr: number): StepResult {
    const loss = stats[0]!;
    const gradNorm = stats[1]!;
    if (!Number.isFinite(loss) || !Number.isFinite(gradNorm)) {
      g.dispose();
      this.failed = new TrainingDivergedError(this.k + 1, loss, gradNorm);
      throw this.failed;
    }
    const o = this.optimiser;
    this.k++;
    const clip = Math.min(1, o.clipNorm / Math.max(gradNorm, 1e-12));
    const b1 = o.beta1;
    const b2 = o.beta2;
    const lrT = (lr * Math.sqrt(1 - b2 ** this.k)) / (1 - b1 ** this.k);
    const emaDecay = o.ema > 0 ? Math.min(o.ema, (1 + this.k) / (10 + this.k)) : 0;
    tf.tidy(() => {
      for (const [name, p] of this.trainedParams) {
        const gr = clip < 1 ? tf.mul(g.grads.get(name)!, clip) : g.grads.get(name)!;
        const m = this.m.get(name)!;
        const v = this.v.get(name)!;
        const m1 = tf.add(tf.mul(m, b1), tf.mul(gr, 1 - b1));
        const v1 = tf.add(tf.mul(v, b2), tf.mul(tf.square(gr), 1 - b2));
        m.assign(m1);
        v.assign(v1);
        const p1 = tf.sub(p, tf.mul(tf.div(m1, tf.add(tf.sqrt(v1), o.epsilon)), lrT));
        p.assign(p1);
        const e = this.emaParams?.get(name);
        if (e && e !== p) e.assign(tf.add(tf.mul(e, emaDecay), tf.mul(p1, 1 - emaDecay)));
      }
    });
    g.dispose();
    this.smooth = Number.isNaN(this.smooth) ? loss : 0.98 * this.smooth + 0.02 * loss;
    this.recent.push(loss);
    if (this.recent.length > 100) this.recent.shift();
    return { step: this.k, loss, gradNorm, lr };
  }

  /**
   * Runs steps until `until` (default: the planned steps), yielding to the event loop every
   * `sliceMs`, reporting progress; stops early (resolving 'stopped') when `signal` aborts or
   * `stop()` is called. Resume by calling `run` again. Rejects with TrainingDivergedError on NaN/Inf.
   */
  async run(opts: RunOptions = {}): Promise<RunOutcome> {
    const until = opts.until ?? this.optimiser.steps;
    const every = opts.progressEvery ?? 10;
    const slice = opts.sliceMs ?? 30;
    this.stopRequested = false;
    const t0 = now();
    const k0 = this.k;
    let sliceStart = now();
    let last: StepResult | null = null;
    const report = (): void => {
      if (!last || !opts.onProgress) return;
      const dt = (now() - t0) / 1000;
      opts.onProgress({ ...last, steps: this.optimiser.steps, smoothLoss: this.smooth, stepsPerSecond: dt > 0 ? (this.k - k0) / dt : 0 });
    };
    while (this.k < until) {
      if (this.stopRequested || opts.signal?.aborted) {
        report();
        return 'stopped';
      }
      last = opts.async ? await this.stepAsync() : this.step();
      if (this.k % every === 0 || this.k === k0 + 1) report(); // the first step at once: the reader sees training start
      if (now() - sliceStart > slice) {
        await yieldToEventLoop();
        sliceStart = now();
      }
    }
    report();
    return 'done';
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  /** Frees the Adam state (not the trained parameters). */
  dispose(): void {
    if (this.disposed) return;
    for (const x of this.m.values()) x.dispose();
    for (const x of this.v.values()) x.dispose();
    this.disposed = true;
  }
}
