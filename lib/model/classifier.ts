/**
 * A noisy classifier p_θ(y | x_t), the second network classifier guidance needs (Dhariwal & Nichol): an MLP on
 * (x_t, sinusoidal embedding of t) → K logits, trained with softmax cross-entropy on noised samples of the world at
 * t uniform in {0 … T−1}. Its input gradient ∇_x log p_θ(y | x_t) (tf.grad) is a `ClassifierGradFn`, so every sampler
 * in lib/science can guide with it (`Guidance.method = 'classifier'`). DOM-free; any tfjs backend.
 *
 *   h_1 = silu(W_1 · [x_t, τ(t)] + b_1),  h_{l+1} = silu(W_{l+1} · h_l + b_{l+1}),  logits = W_out · h_L + b_out
 *
 * with τ the same time features as the denoiser (network.ts `timeFeatures`). Training reuses the denoiser's pieces:
 * seeded batches (`drawBatch` without condition dropout), the learning-rate schedule and Adam loop (`SteppedTrainer`).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { ClassifierGradFn } from '../science/guidance';
import { Rng } from '../science/random';
import { makeSchedule, type Schedule } from '../science/schedule';
import type { ExactDenoiser } from '../science/exact';
import type { Points, World } from '../science/types';
import { sampleWorld } from '../science/world';
import { countSpecs, initialValues, linear, linearSpecs, silu, timeFeatures, type ParamSpec, type ParamTensors } from './network';
import { TrainableParameters } from './trainable';
import { SteppedTrainer, drawBatch, lossGradients, resolveTrainOptions, type GradientResult, type ResolvedTrainOptions } from './train';

export interface ClassifierArchitecture {
  /** K, the number of classes (logits). */
  numClasses: number;
  /** Number of timesteps T the time features are scaled for. */
  T: number;
  /** Width of the hidden layers. */
  hidden: number;
  /** Number of hidden layers (≥ 1). */
  layers: number;
  /** F, sinusoidal frequencies of the time features (2F numbers), and the highest one (see `timeFeatures`). */
  timeFreqs: number;
  timeMaxFreq: number;
}

export function defaultClassifierArchitecture(numClasses: number, overrides: Partial<Omit<ClassifierArchitecture, 'numClasses'>> = {}): ClassifierArchitecture {
  return { numClasses, T: 1000, hidden: 64, layers: 2, timeFreqs: 8, timeMaxFreq: 30, ...overrides };
}

/** The classifier's parameter tensors: names, shapes, initialisers (the read-out starts at zero: p_θ uniform). */
export function classifierParameterSpecs(a: ClassifierArchitecture): ParamSpec[] {
  if (!(Number.isInteger(a.layers) && a.layers >= 1)) throw new RangeError(`layers must be a positive integer, got ${a.layers}`);
  const specs: ParamSpec[] = [];
  const lin = (name: string, nin: number, nout: number, zero = false): void => void specs.push(...linearSpecs(name, nin, nout, zero));
  lin('in', 2 + 2 * a.timeFreqs, a.hidden);
  for (let l = 1; l < a.layers; l++) lin(`hidden${l}`, a.hidden, a.hidden);
  lin('out', a.hidden, a.numClasses, true);
  return specs;
}

export function countClassifierParameters(a: ClassifierArchitecture): number {
  return countSpecs(classifierParameterSpecs(a));
}

/** Logits [B, K] of points x [B, 2] with time features [B, 2F]. Call inside tf.tidy. */
export function classifierLogits(a: ClassifierArchitecture, p: ParamTensors, x: tf.Tensor2D, tFeat: tf.Tensor2D): tf.Tensor2D {
  let h = silu(linear(tf.concat([x, tFeat], 1), p, 'in')) as tf.Tensor2D;
  for (let l = 1; l < a.layers; l++) h = silu(linear(h, p, `hidden${l}`)) as tf.Tensor2D;
  return linear(h, p, 'out');
}

function oneHot(y: ArrayLike<number>, K: number): Float32Array {
  const out = new Float32Array(y.length * K);
  for (let i = 0; i < y.length; i++) {
    const c = y[i]!;
    if (!(Number.isInteger(c) && c >= 0 && c < K)) throw new RangeError(`class ${c} out of range: use 0 … ${K - 1}`);
    out[i * K + c] = 1;
  }
  return out;
}

export class NoisyClassifier extends TrainableParameters {
  readonly arch: ClassifierArchitecture;

  private constructor(arch: ClassifierArchitecture, values: Map<string, Float32Array>) {
    super(classifierParameterSpecs(arch), values, 'classifier');
    this.arch = { ...arch };
  }

  /** A freshly initialised classifier (seeded: the same seed gives the same weights on every backend). */
  static create(arch: ClassifierArchitecture, seed = 0): NoisyClassifier {
    return new NoisyClassifier(arch, initialValues(classifierParameterSpecs(arch), seed));
  }

  get numParameters(): number {
    return countClassifierParameters(this.arch);
  }

  /** The inputs as tensors: points [B, 2] and time features [B, 2F] (t: one timestep or one per point). */
  inputs(x: ArrayLike<number>, t: number | ArrayLike<number>): { xt: tf.Tensor2D; tt: tf.Tensor2D } {
    const B = x.length >> 1;
    if (x.length !== 2 * B) throw new RangeError(`x must hold 2n numbers, got ${x.length}`);
    const ts = typeof t === 'number' ? new Float32Array(B).fill(t) : t;
    if (ts.length !== B) throw new RangeError(`t has ${ts.length} entries for ${B} points`);
    for (let i = 0; i < B; i++) {
      const ti = ts[i]!;
      if (!(ti >= 0 && ti <= this.arch.T - 1)) throw new RangeError(`timestep ${ti} outside [0, ${this.arch.T - 1}]`);
    }
    return {
      xt: tf.tensor2d(Float32Array.from(x), [B, 2]),
      tt: tf.tensor2d(timeFeatures(ts, this.arch), [B, 2 * this.arch.timeFreqs]),
    };
  }

  /** log p_θ(· | x_t) for every class as a tensor [B, K] (caller disposes). */
  logProbsTensor(x: ArrayLike<number>, t: number | ArrayLike<number>): tf.Tensor2D {
    return tf.tidy(() => {
      const { xt, tt } = this.inputs(x, t);
      return tf.logSoftmax(classifierLogits(this.arch, this.tensors(), xt, tt)) as tf.Tensor2D;
    });
  }

  /** p_θ(y | x_t) for every class, row-major n × K. */
  async posterior(x: Points, t: number): Promise<Float64Array> {
    const lp = this.logProbsTensor(x, t);
    const p = tf.exp(lp);
    lp.dispose();
    try {
      return Float64Array.from(await p.data());
    } finally {
      p.dispose();
    }
  }

  /** log p_θ(y_i | x_i) per point. */
  async logProb(x: Points, t: number, y: Int32Array): Promise<Float64Array> {
    const out = tf.tidy(() => tf.sum(tf.mul(this.logProbsTensor(x, t), tf.tensor2d(oneHot(y, this.arch.numClasses), [y.length, this.arch.numClasses])), 1));
    try {
      return Float64Array.from(await out.data());
    } finally {
      out.dispose();
    }
  }

  /** ∇_x log p_θ(y_i | x_t) for a batch (2n numbers), by tf.grad; one class per point. */
  async gradLogProb(x: Points, t: number, y: Int32Array): Promise<Float64Array> {
    const n = x.length >> 1;
    if (y.length !== n) throw new RangeError(`need one class per point (${n}), got ${y.length}`);
    const g = tf.tidy(() => {
      const { xt, tt } = this.inputs(x, t);
      const mask = tf.tensor2d(oneHot(y, this.arch.numClasses), [n, this.arch.numClasses]);
      const p = this.tensors();
      // Points are independent, so the gradient of the sum is each point's own gradient.
      const f = (xv: tf.Tensor) => tf.sum(tf.mul(tf.logSoftmax(classifierLogits(this.arch, p, xv as tf.Tensor2D, tt)), mask));
      return tf.grad(f)(xt);
    });
    try {
      return Float64Array.from(await g.data());
    } finally {
      g.dispose();
    }
  }

  /** The classifier's gradient as lib/science's `ClassifierGradFn` (for `Guidance.classifierGrad`). */
  gradFn(): ClassifierGradFn {
    return (x, t, y) => this.gradLogProb(x, t, y);
  }
}

export interface ClassifierTrainOptions {
  world: World;
  schedule?: Schedule;
  /** Planned steps (horizon of the learning-rate schedule). */
  steps: number;
  /** Points per step. Default 128. */
  batchSize?: number;
  /** Peak learning rate. Default 3e-3. */
  lr?: number;
  lrFinal?: number;
  warmupSteps?: number;
  clipNorm?: number;
  seed?: number;
}

/** Mean softmax cross-entropy −log p_θ(y | x_t) of a batch, as a scalar tensor (call inside a tidy). */
function crossEntropy(c: NoisyClassifier, x: ArrayLike<number>, t: ArrayLike<number>, y: ArrayLike<number>): tf.Scalar {
  const { xt, tt } = c.inputs(x, t);
  const K = c.arch.numClasses;
  const mask = tf.tensor2d(oneHot(y, K), [y.length, K]);
  return tf.neg(tf.mean(tf.sum(tf.mul(tf.logSoftmax(classifierLogits(c.arch, c.tensors(), xt, tt)), mask), 1))) as tf.Scalar;
}

/** Trains a noisy classifier in place on (x_t, y) with t uniform; owns its Adam state (no EMA). */
export class ClassifierTrainer extends SteppedTrainer {
  readonly options: ResolvedTrainOptions;
  private readonly rng: Rng;

  constructor(
    readonly classifier: NoisyClassifier,
    options: ClassifierTrainOptions,
  ) {
    const K = options.world.classes.length;
    if (K !== classifier.arch.numClasses) throw new RangeError(`world "${options.world.name}" has ${K} classes, the classifier ${classifier.arch.numClasses}`);
    const resolved = resolveTrainOptions(
      { lr: 3e-3, ...options, schedule: options.schedule ?? makeSchedule('linear', classifier.arch.T), pUncond: 0, ema: 0 },
      classifier.arch.T,
    );
    super(classifier.params, resolved);
    this.options = resolved;
    this.rng = new Rng(resolved.seed);
  }

  protected nextGradients(): GradientResult {
    const o = this.options;
    const b = drawBatch(o.world, o.schedule, o.batchSize, 0, this.rng);
    return lossGradients(this.classifier.params, () => crossEntropy(this.classifier, b.xt, b.t, b.cond));
  }
}

/** Cross-entropy of a classifier on a batch of noised points (a number; for evaluation). */
export function classifierLoss(c: NoisyClassifier, world: World, schedule: Schedule, n: number, seed: number): number {
  const b = drawBatch(world, schedule, n, 0, new Rng(seed));
  const l = tf.tidy(() => crossEntropy(c, b.xt, b.t, b.cond));
  try {
    return l.dataSync()[0]!;
  } finally {
    l.dispose();
  }
}

/** Accuracy of a classifier on noised points with t in one band, beside the Bayes-optimal accuracy of the exact posterior. */
export interface BandAccuracy {
  tLo: number;
  tHi: number;
  /** Share of points whose most probable class under p_θ(y | x_t) is their true class. */
  accuracy: number;
  /** The same for the exact posterior p_t(y | x_t): the best any classifier can do. */
  exactAccuracy: number;
  /** Share of points where p_θ and the exact posterior pick the same class. */
  agreement: number;
}

/** Equal-width bands of t over {0 … T−1}. */
export function timeBands(T: number, count: number): [number, number][] {
  return Array.from({ length: count }, (_, i) => [Math.round((i * T) / count), Math.round(((i + 1) * T) / count) - 1] as [number, number]);
}

function argmaxRow(p: Float64Array, i: number, K: number): number {
  let best = 0;
  for (let k = 1; k < K; k++) if (p[i * K + k]! > p[i * K + best]!) best = k;
  return best;
}

/**
 * Accuracy per band of t: n points per band drawn from the world (seeded), noised at the band's middle timestep;
 * p_θ's and the exact posterior's most probable class against the true class.
 */
export async function accuracyByBand(
  c: NoisyClassifier,
  exact: ExactDenoiser,
  bands: readonly [number, number][],
  n: number,
  seed = 0,
): Promise<BandAccuracy[]> {
  const rng = new Rng(seed);
  const K = c.arch.numClasses;
  const out: BandAccuracy[] = [];
  for (const [tLo, tHi] of bands) {
    // one t per band keeps a batch on one timestep (the exact posterior is evaluated per t): the band's midpoint
    const t = Math.round((tLo + tHi) / 2);
    const ab = exact.alphaBar(t);
    const { x0, y } = sampleWorld(exact.world, n, rng);
    const x = x0.map((v) => Math.sqrt(ab) * v + Math.sqrt(1 - ab) * rng.normal());
    const learned = await c.posterior(x, t);
    const truth = exact.classPosterior(x, t);
    let hit = 0;
    let exactHit = 0;
    let agree = 0;
    for (let i = 0; i < n; i++) {
      const a = argmaxRow(learned, i, K);
      const b = argmaxRow(truth, i, K);
      if (a === y[i]) hit++;
      if (b === y[i]) exactHit++;
      if (a === b) agree++;
    }
    out.push({ tLo, tHi, accuracy: hit / n, exactAccuracy: exactHit / n, agreement: agree / n });
  }
  return out;
}
