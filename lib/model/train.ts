/**
 * Training with condition dropout, the same code in the browser and in Node.
 *
 * One step: draw (x_0, y) from the world, t uniform in {0 … T−1}, ε ~ N(0, I),
 * x_t = √ᾱ_t x_0 + √(1−ᾱ_t) ε; replace y by ∅ with probability p_uncond (or, with `dropout: 'expected'`, score
 * every point under both, weighted 1 − p_uncond and p_uncond); loss = the (weighted) mean of (ε_θ(x_t, t, c) − ε)²
 * over points and both coordinates; gradients clipped to a global norm; Adam with linear
 * warm-up then cosine decay of the learning rate; optional EMA of the weights.
 *
 * Every random draw comes from a seeded Rng in plain JS (batches, and the initial weights of
 * `DenoiserModel.create`), so a run is reproducible and identical across backends up to float
 * rounding.
 *
 * Step-wise API: `trainer.step()` (sync read-back of the loss) or `await trainer.stepAsync()`
 * (async read-back, better on webgl); `await trainer.run({ signal, onProgress })` runs in chunks,
 * yielding to the event loop, until done or stopped (pause = stop, resume = run again).
 * A NaN/Inf loss or gradient stops training with a `TrainingDivergedError` before any update is
 * applied, so the model (and its EMA) keep the last good weights.
 */
import * as tf from '@tensorflow/tfjs-core';
import './gradients';
import { Rng } from '../science/random';
import { makeSchedule, type Schedule } from '../science/schedule';
import { NULL_CLASS, type World } from '../science/types';
import { sampleWorld } from '../science/world';
import { DenoiserModel, conditionOneHot, forward, inputDim, inputFeatures, timeFeatures } from './network';
import { worldFingerprint, type WeightMeta } from './weights';
import { DROPOUT_MODES, type DropoutMode } from './conditioning';

export interface TrainOptions {
  /** The world to learn. Its number of classes must equal the model's. */
  world: World;
  /** Noise schedule; default linear with the model's T. */
  schedule?: Schedule;
  /** Probability of replacing y by ∅ (condition dropout). Default 0.1. */
  pUncond?: number;
  /**
   * How condition dropout enters the loss. 'sampled' (default): one coin per point, c = ∅ with probability
   * p_uncond, else y. 'expected': every x_t is scored under both c = y and c = ∅, weighted 1 − p_uncond and
   * p_uncond: the coin averaged out, so the same expected loss and gradient, without the coin's noise and with
   * both branches fitted to the same noise ε (see `DROPOUT_MODES`).
   */
  dropout?: DropoutMode;
  /** Planned number of steps: the horizon of the learning-rate schedule (training may go on beyond it at the final rate). */
  steps: number;
  /** Points per step. Default 128. */
  batchSize?: number;
  /** Peak learning rate. Default 2e-3. */
  lr?: number;
  /** Final learning rate, reached at `steps` by cosine decay. Default lr / 20. */
  lrFinal?: number;
  /** Linear warm-up steps. Default min(200, steps / 10). */
  warmupSteps?: number;
  /** EMA decay of the weights (0 = off). Default 0.999. The EMA warms up as min(decay, (1+k)/(10+k)). */
  ema?: number;
  /** Global gradient-norm clip. Default 1. */
  clipNorm?: number;
  /** Seed of the batch draws. Default 0. */
  seed?: number;
  /** Adam β1, β2, ε. Defaults 0.9, 0.999, 1e-8. */
  beta1?: number;
  beta2?: number;
  epsilon?: number;
}

export type ResolvedTrainOptions = Required<Omit<TrainOptions, 'schedule'>> & { schedule: Schedule };

export function resolveTrainOptions(o: TrainOptions, T: number): ResolvedTrainOptions {
  const steps = o.steps;
  if (!Number.isInteger(steps) || steps < 1) throw new RangeError(`steps must be a positive integer, got ${steps}`);
  const lr = o.lr ?? 2e-3;
  const r: ResolvedTrainOptions = {
    world: o.world,
    schedule: o.schedule ?? makeSchedule('linear', T),
    pUncond: o.pUncond ?? 0.1,
    dropout: o.dropout ?? 'sampled',
    steps,
    batchSize: o.batchSize ?? 128,
    lr,
    lrFinal: o.lrFinal ?? lr / 20,
    warmupSteps: o.warmupSteps ?? Math.min(200, Math.floor(steps / 10)),
    ema: o.ema ?? 0.999,
    clipNorm: o.clipNorm ?? 1,
    seed: o.seed ?? 0,
    beta1: o.beta1 ?? 0.9,
    beta2: o.beta2 ?? 0.999,
    epsilon: o.epsilon ?? 1e-8,
  };
  if (!(r.pUncond >= 0 && r.pUncond <= 1)) throw new RangeError(`pUncond must be in [0, 1], got ${r.pUncond}`);
  if (!DROPOUT_MODES.includes(r.dropout)) throw new RangeError(`dropout must be one of ${DROPOUT_MODES.join(', ')}, got ${String(r.dropout)}`);
  if (!Number.isInteger(r.batchSize) || r.batchSize < 1) throw new RangeError(`batchSize must be a positive integer, got ${r.batchSize}`);
  if (!(r.lr > 0) || !(r.lrFinal >= 0)) throw new RangeError('learning rates must be positive');
  if (!(r.ema >= 0 && r.ema < 1)) throw new RangeError(`ema must be in [0, 1), got ${r.ema}`);
  if (!(r.clipNorm > 0)) throw new RangeError(`clipNorm must be positive, got ${r.clipNorm}`);
  if (r.schedule.T !== T) throw new RangeError(`schedule has T = ${r.schedule.T} but the model was built for T = ${T}`);
  return r;
}

/** Learning rate at step k (0-based): linear warm-up to `lr`, then cosine decay to `lrFinal` at `steps`. */
export function learningRate(o: Pick<ResolvedTrainOptions, 'lr' | 'lrFinal' | 'warmupSteps' | 'steps'>, k: number): number {
  if (k < o.warmupSteps) return (o.lr * (k + 1)) / o.warmupSteps;
  const span = Math.max(1, o.steps - o.warmupSteps);
  const u = Math.min(1, (k - o.warmupSteps) / span);
  return o.lrFinal + 0.5 * (o.lr - o.lrFinal) * (1 + Math.cos(Math.PI * u));
}

/** One training batch in plain arrays: R rows (B points, or 2B when both conditions score each point). */
export interface Batch {
  /** x_t, 2B numbers */
  xt: ArrayLike<number>;
  /** timesteps, B numbers */
  t: ArrayLike<number>;
  /** conditions (class or NULL_CLASS), B numbers */
  cond: ArrayLike<number>;
  /** the noise ε that made x_t, 2B numbers (the regression target) */
  eps: ArrayLike<number>;
  /** weight of each row in the loss (absent: 1 each); the loss is Σ w·(squared error) / Σ w */
  weight?: ArrayLike<number>;
}

/**
 * Draws a training batch from the world, with condition dropout: 'sampled' gives n rows, each with c = ∅ with
 * probability p_uncond; 'expected' gives 2n rows, the n points under c = y (weight 1 − p_uncond) then the same
 * points under c = ∅ (weight p_uncond).
 */
export function drawBatch(world: World, schedule: Schedule, n: number, pUncond: number, rng: Rng, dropout: DropoutMode = 'sampled'): Batch {
  const copies = dropout === 'expected' ? 2 : 1;
  const { x0, y } = sampleWorld(world, n, rng);
  const xt = new Float32Array(2 * n * copies);
  const eps = new Float32Array(2 * n * copies);
  const t = new Float32Array(n * copies);
  const cond = new Int32Array(n * copies);
  for (let i = 0; i < n; i++) {
    const ti = rng.int(schedule.T);
    const ab = schedule.alphasCumprod[ti]!;
    const a = Math.sqrt(ab);
    const b = Math.sqrt(1 - ab);
    const e0 = rng.normal();
    const e1 = rng.normal();
    xt[2 * i] = a * x0[2 * i]! + b * e0;
    xt[2 * i + 1] = a * x0[2 * i + 1]! + b * e1;
    eps[2 * i] = e0;
    eps[2 * i + 1] = e1;
    t[i] = ti;
    const coin = rng.uniform() < pUncond; // drawn in both modes: the same seed gives the same points
    cond[i] = dropout === 'sampled' && coin ? NULL_CLASS : y[i]!;
  }
  if (copies === 1) return { xt, t, cond, eps };
  // the same points again, under ∅
  xt.copyWithin(2 * n, 0, 2 * n);
  eps.copyWithin(2 * n, 0, 2 * n);
  t.copyWithin(n, 0, n);
  cond.fill(NULL_CLASS, n);
  const weight = new Float32Array(2 * n).fill(1 - pUncond, 0, n).fill(pUncond, n);
  return { xt, t, cond, eps, weight };
}

/** Gradients of the loss on one batch, and [loss, global gradient norm] as one tensor (for one read-back). */
export interface GradientResult {
  grads: Map<string, tf.Tensor>;
  /** [loss, ‖g‖₂] */
  stats: tf.Tensor1D;
  dispose(): void;
}

/** Loss of the model on a batch, as a scalar tensor (caller disposes). */
export function batchLoss(model: DenoiserModel, batch: Batch): tf.Scalar {
  return tf.tidy(() => lossOf(model, batch));
}

/** Σ w·mean-over-coordinates((ε_θ − ε)²) / Σ w over the rows of a batch (plain mean without weights). Call inside a tidy. */
function lossOf(model: DenoiserModel, batch: Batch): tf.Scalar {
  const a = model.arch;
  const R = batch.cond.length;
  const x = tf.tensor2d(inputFeatures(batch.xt, a), [R, inputDim(a)]);
  const tt = tf.tensor2d(timeFeatures(batch.t, a), [R, 2 * a.timeFreqs]);
  const c = tf.tensor2d(conditionOneHot(batch.cond, a.numClasses), [R, a.numClasses + 1]);
  const e = tf.tensor2d(Float32Array.from(batch.eps), [R, 2]);
  const sq = tf.squaredDifference(forward(a, model.tensors(), x, tt, c), e);
  if (!batch.weight) return tf.mean(sq) as tf.Scalar;
  const w = Float32Array.from(batch.weight);
  const total = w.reduce((u, v) => u + v, 0);
  return tf.div(tf.sum(tf.mul(tf.mean(sq, 1), tf.tensor1d(w))), total) as tf.Scalar;
}

/**
 * Gradients of a scalar loss with respect to a model's parameters, without applying them, with [loss, ‖g‖₂] as one
 * tensor for one read-back. `loss` runs inside a tidy; shared by every trainer (denoiser, noisy classifier).
 */
export function lossGradients(params: Map<string, tf.Variable>, loss: () => tf.Scalar): GradientResult {
  const names = [...params.keys()];
  const vars = names.map((n) => params.get(n)!);
  const { value, gradList, stats } = tf.tidy(() => {
    const { value, grads } = tf.variableGrads(loss, vars);
    const gradList = vars.map((v) => grads[v.name]!);
    const norm = tf.sqrt(tf.addN(gradList.map((g) => tf.sum(tf.square(g)))));
    const stats = tf.stack([value, norm]) as tf.Tensor1D;
    return { value, gradList, stats };
  });
  value.dispose();
  const grads = new Map<string, tf.Tensor>();
  names.forEach((n, i) => {
    grads.set(n, gradList[i]!);
  });
  return {
    grads,
    stats,
    dispose(): void {
      stats.dispose();
      for (const g of gradList) g.dispose();
    },
  };
}

/** Computes the gradients on a batch without applying them. */
export function gradientStep(model: DenoiserModel, batch: Batch): GradientResult {
  return lossGradients(model.params, () => lossOf(model, batch));
}

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
  /** Called every `progressEvery` steps and at the end. */
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
      if (this.k % every === 0) report();
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

/** Trains a denoiser in place. Owns its Adam state and EMA copy; call `dispose()` when done. */
export class Trainer extends SteppedTrainer {
  readonly model: DenoiserModel;
  readonly options: ResolvedTrainOptions;
  /** The EMA of the weights (a separate model), or the trained model itself when EMA is off. */
  readonly averaged: DenoiserModel;
  private readonly rng: Rng;

  constructor(model: DenoiserModel, options: TrainOptions) {
    const resolved = resolveTrainOptions(options, model.arch.T);
    const K = options.world.classes.length;
    if (K !== model.arch.numClasses) throw new RangeError(`world "${options.world.name}" has ${K} classes, the model ${model.arch.numClasses}`);
    const averaged = resolved.ema > 0 ? DenoiserModel.fromValues(model.arch, model.getValues()) : model;
    super(model.params, resolved, averaged.params);
    this.model = model;
    this.options = resolved;
    this.averaged = averaged;
    this.rng = new Rng(resolved.seed);
  }

  protected nextGradients(): GradientResult {
    const o = this.options;
    return gradientStep(this.model, drawBatch(o.world, o.schedule, o.batchSize, o.pUncond, this.rng, o.dropout));
  }

  /** Frees the Adam state and the EMA copy (not the trained model). */
  override dispose(): void {
    if (this.isDisposed) return;
    super.dispose();
    if (this.averaged !== this.model) this.averaged.dispose();
  }
}

/**
 * The trained weights as a weight-file payload: metadata plus values (the EMA weights when EMA is
 * on). Pass to `stringifyWeights(meta, values)`.
 */
export function trainedWeights(trainer: Trainer, extra: { backend?: string; seconds?: number } = {}): { meta: WeightMeta; values: Map<string, Float32Array> } {
  const o = trainer.options;
  const meta: WeightMeta = {
    world: { name: o.world.name, fingerprint: worldFingerprint(o.world), definition: o.world },
    schedule: { name: o.schedule.name, T: o.schedule.T },
    architecture: { ...trainer.model.arch },
    training: {
      pUncond: o.pUncond,
      dropout: o.dropout,
      steps: trainer.stepCount,
      seed: o.seed,
      finalLoss: trainer.recentLoss,
      batchSize: o.batchSize,
      lr: o.lr,
      lrFinal: o.lrFinal,
      warmupSteps: o.warmupSteps,
      ema: o.ema,
      clipNorm: o.clipNorm,
      ...(extra.backend !== undefined ? { backend: extra.backend } : {}),
      ...(extra.seconds !== undefined ? { seconds: Math.round(extra.seconds * 10) / 10 } : {}),
    },
  };
  return { meta, values: trainer.averaged.getValues() };
}
