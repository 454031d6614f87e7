/**
 * The learned denoiser ε_θ(x_t, t, c) for 2D worlds: a residual MLP with a sinusoidal timestep
 * embedding and one of three conditioning mechanisms. DOM-free; runs on any tfjs backend.
 *
 * c ∈ {0 … K−1, ∅}: ∅ (NULL_CLASS in code) is its own learned condition, stored as row K of
 * the condition tables (the "empty prompt"), never a zero vector.
 *
 * Skeleton shared by the three mechanisms (H = hidden width, E = embedding width):
 *   τ    = sinusoidal(√(t/T)), low frequencies (`timeFeatures`) (2F numbers, computed in plain JS)
 *   temb = W_t2 · silu(W_t1 · τ + b_t1) + b_t2             (E)
 *   h    = W_in · x_t + b_in                                (H)
 *   for each block b:  h ← h + block_b(h, t, c)
 *   ε̂    = W_out · h + b_out                               (2; W_out starts at zero; a linear read-out,
 *                                                          so ε̂ extrapolates linearly far from the data)
 *
 * Mechanisms (how c enters each block):
 *   add:             emb = temb + W_c · E_c[c]   (diffusers' TimestepEmbedding with cond_proj);
 *                    block: W_2 · silu(W_1 · silu(LN(h)) + b_1 + W_e · silu(emb)) + b_2
 *   adanorm:         emb = temb + W_c · E_c[c];  (γ, β) = W_m · silu(emb) + b_m per block;
 *                    block: W_2 · silu(W_1 · (LN(h) ⊙ (1 + γ) + β) + b_1) + b_2   (AdaLayerNorm)
 *   cross-attention: time as in `add` but from temb alone; c is a sequence of M learned tokens
 *                    C[c] ∈ R^{M×D_c}; after the MLP of each block, LN(h) is split into n tokens
 *                    of H/n features that attend to C[c]: softmax(Q Kᵀ/√d_a) V, projected back
 *                    by W_o (zero-initialised) and added to h.
 */
import * as tf from '@tensorflow/tfjs-core';
import { NULL_CLASS } from '../science/types';
import { Rng } from '../science/random';
import { CONDITIONINGS, type Conditioning } from './conditioning';

export { CONDITIONINGS, type Conditioning };

/** Everything that fixes the tensor shapes of a model. Stored verbatim in weight files. */
export interface Architecture {
  conditioning: Conditioning;
  /** K, the number of real classes; the condition tables have K + 1 rows (row K is ∅). */
  numClasses: number;
  /** Number of timesteps T the embedding is scaled for (t ∈ {0 … T−1}). */
  T: number;
  /** H, hidden width of the residual stream. */
  hidden: number;
  /** Number of residual blocks. */
  blocks: number;
  /** F, number of sinusoidal frequencies (the raw time features have 2F numbers). */
  timeFreqs: number;
  /** Highest frequency of the time features, in radians per unit of √(t/T) (see `timeFeatures`). */
  timeMaxFreq: number;
  /** Sinusoidal features of each coordinate of x_t added to x_t itself (0 = x_t only; see `inputFeatures`). */
  inputFreqs: number;
  /** Highest frequency of the input features, in radians per unit of x. */
  inputMaxFreq: number;
  /** E, width of the time / condition embedding. */
  embed: number;
  /** cross-attention: n, the hidden features are split into n query tokens of H/n features. */
  queryTokens: number;
  /** cross-attention: M, learned tokens per condition (∅ has its own M tokens). */
  condTokens: number;
  /** cross-attention: D_c, width of a condition token, and d_a, width of queries / keys / values. */
  tokenDim: number;
}

/** Default sizes: ≈ 3–4·10⁴ parameters, trainable in a browser tab. */
export function defaultArchitecture(
  conditioning: Conditioning,
  numClasses: number,
  overrides: Partial<Omit<Architecture, 'conditioning' | 'numClasses'>> = {},
): Architecture {
  return {
    conditioning,
    numClasses,
    T: 1000,
    hidden: 64,
    blocks: 3,
    timeFreqs: 16,
    timeMaxFreq: 60,
    inputFreqs: 0,
    inputMaxFreq: 8,
    embed: 64,
    queryTokens: 4,
    condTokens: 4,
    tokenDim: 16,
    ...overrides,
  };
}

/** Checks an architecture; returns a list of problems (empty when fine). */
export function architectureProblems(a: unknown): string[] {
  const p: string[] = [];
  if (typeof a !== 'object' || a === null) return ['architecture is not an object'];
  const r = a as Record<string, unknown>;
  if (!CONDITIONINGS.includes(r.conditioning as Conditioning)) {
    p.push(`conditioning must be one of ${CONDITIONINGS.join(', ')}, got ${JSON.stringify(r.conditioning)}`);
  }
  const ints: [keyof Architecture, number, number][] = [
    ['numClasses', 1, 1024],
    ['T', 2, 100000],
    ['hidden', 1, 4096],
    ['blocks', 1, 64],
    ['timeFreqs', 1, 512],
    ['timeMaxFreq', 1, 100000],
    ['inputFreqs', 0, 256],
    ['inputMaxFreq', 1, 100000],
    ['embed', 1, 4096],
    ['queryTokens', 1, 512],
    ['condTokens', 1, 512],
    ['tokenDim', 1, 4096],
  ];
  for (const [k, lo, hi] of ints) {
    const v = r[k];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < lo || v > hi) {
      p.push(`architecture.${k} must be an integer in [${lo}, ${hi}], got ${JSON.stringify(v)}`);
    }
  }
  if (p.length === 0 && r.conditioning === 'cross-attention' && (r.hidden as number) % (r.queryTokens as number) !== 0) {
    p.push(`architecture.hidden (${String(r.hidden)}) must be divisible by queryTokens (${String(r.queryTokens)})`);
  }
  return p;
}

export type Init = 'zeros' | 'lecun' | 'normal';
export interface ParamSpec {
  name: string;
  shape: number[];
  init: Init;
}

/** The ordered list of parameter tensors of an architecture: names, shapes, initialisers. */
export function parameterSpecs(a: Architecture): ParamSpec[] {
  const H = a.hidden;
  const E = a.embed;
  const K1 = a.numClasses + 1;
  const specs: ParamSpec[] = [];
  const lin = (name: string, nin: number, nout: number, zero = false): void => void specs.push(...linearSpecs(name, nin, nout, zero));
  lin('time.1', 2 * a.timeFreqs, E);
  lin('time.2', E, E);
  if (a.conditioning === 'cross-attention') {
    specs.push({ name: 'cond.tokens', shape: [K1, a.condTokens * a.tokenDim], init: 'normal' });
  } else {
    specs.push({ name: 'cond.table', shape: [K1, E], init: 'normal' });
    specs.push({ name: 'cond.proj', shape: [E, E], init: 'lecun' });
  }
  lin('in', inputDim(a), H);
  const d = H / a.queryTokens;
  for (let b = 0; b < a.blocks; b++) {
    const p = `block${b}`;
    if (a.conditioning === 'adanorm') {
      lin(`${p}.mod`, E, 2 * H, true);
    } else {
      specs.push({ name: `${p}.emb.w`, shape: [E, H], init: 'lecun' });
    }
    lin(`${p}.fc1`, H, H);
    lin(`${p}.fc2`, H, H);
    if (a.conditioning === 'cross-attention') {
      specs.push({ name: `${p}.attn.q`, shape: [d, a.tokenDim], init: 'lecun' });
      specs.push({ name: `${p}.attn.k`, shape: [a.tokenDim, a.tokenDim], init: 'lecun' });
      specs.push({ name: `${p}.attn.v`, shape: [a.tokenDim, a.tokenDim], init: 'lecun' });
      specs.push({ name: `${p}.attn.o`, shape: [a.tokenDim, d], init: 'zeros' });
    }
  }
  lin('out', H, 2, true);
  return specs;
}

/** The weight (LeCun-initialised, or zero) and the zero bias of a linear layer `name`: nin → nout. */
export function linearSpecs(name: string, nin: number, nout: number, zero = false): ParamSpec[] {
  return [
    { name: `${name}.w`, shape: [nin, nout], init: zero ? 'zeros' : 'lecun' },
    { name: `${name}.b`, shape: [nout], init: 'zeros' },
  ];
}

/** The number of values in a list of parameter tensors. */
export function countSpecs(specs: readonly ParamSpec[]): number {
  return specs.reduce((n, s) => n + s.shape.reduce((x, y) => x * y, 1), 0);
}

export function countParameters(a: Architecture): number {
  return countSpecs(parameterSpecs(a));
}

/** Initial values, drawn from a seeded Rng: the same seed gives the same model on every backend. */
export function initialParameters(a: Architecture, seed: number): Map<string, Float32Array> {
  return initialValues(parameterSpecs(a), seed);
}

/** Initial values of any list of parameter specs (LeCun-normal, N(0, 1) or zeros), from a seeded Rng. */
export function initialValues(specs: readonly ParamSpec[], seed: number): Map<string, Float32Array> {
  const rng = new Rng(seed);
  const out = new Map<string, Float32Array>();
  for (const s of specs) {
    const size = s.shape.reduce((x, y) => x * y, 1);
    const v = new Float32Array(size);
    if (s.init !== 'zeros') {
      const std = s.init === 'lecun' ? 1 / Math.sqrt(s.shape[0]!) : 1;
      for (let i = 0; i < size; i++) v[i] = rng.normal() * std;
    }
    out.set(s.name, v);
  }
  return out;
}

/**
 * Raw time features, n×2F floats: [sin(ω_j v), cos(ω_j v)] of v = √(t/T) ∈ [0, 1), with F frequencies
 * ω_j geometric from 1 to `timeMaxFreq` (radians per unit v).
 *
 * Not the transformer embedding of t with frequencies up to 1 rad/step: with a few thousand training
 * steps those high frequencies make neighbouring timesteps look unrelated, so each t is learned from
 * its own few samples (a rough, noisy ε_θ in t). √t stretches the low-noise end, where ᾱ_t and ε*
 * change fastest; the shortest period (2π/60 in v) still spans ≈ 25 steps near t = 10 and ≈ 75 near t = 100.
 */
export function timeFeatures(t: ArrayLike<number>, a: Pick<Architecture, 'timeFreqs' | 'timeMaxFreq' | 'T'>): Float32Array {
  const F = a.timeFreqs;
  const out = new Float32Array(t.length * 2 * F);
  const omega = new Float64Array(F);
  for (let j = 0; j < F; j++) omega[j] = F === 1 ? 1 : Math.exp((Math.log(a.timeMaxFreq) * j) / (F - 1));
  for (let i = 0; i < t.length; i++) {
    const v = Math.sqrt(Math.max(0, t[i]!) / a.T);
    for (let j = 0; j < F; j++) {
      out[i * 2 * F + j] = Math.sin(omega[j]! * v);
      out[i * 2 * F + F + j] = Math.cos(omega[j]! * v);
    }
  }
  return out;
}

/** Width of the input features: 2 + 4·inputFreqs. */
export function inputDim(a: Pick<Architecture, 'inputFreqs'>): number {
  return 2 + 4 * a.inputFreqs;
}

/**
 * Input features, n × (2 + 4K) floats: x_t itself, then [sin(ω_k x), cos(ω_k x)] of each coordinate
 * for K = inputFreqs frequencies ω_k geometric from 1 to `inputMaxFreq` (Fourier features: sharp
 * class boundaries of ε* are easier to fit). x_t itself feeds the linear path that keeps ε̂ ≈ linear far out.
 */
export function inputFeatures(x: ArrayLike<number>, a: Pick<Architecture, 'inputFreqs' | 'inputMaxFreq'>): Float32Array {
  const n = x.length >> 1;
  const K = a.inputFreqs;
  const D = 2 + 4 * K;
  const out = new Float32Array(n * D);
  const omega = new Float64Array(K);
  for (let k = 0; k < K; k++) omega[k] = K === 1 ? 1 : Math.exp((Math.log(a.inputMaxFreq) * k) / (K - 1));
  for (let i = 0; i < n; i++) {
    const o = i * D;
    for (let c = 0; c < 2; c++) {
      const v = x[2 * i + c]!;
      out[o + c] = v;
      for (let k = 0; k < K; k++) {
        out[o + 2 + c * 2 * K + k] = Math.sin(omega[k]! * v);
        out[o + 2 + c * 2 * K + K + k] = Math.cos(omega[k]! * v);
      }
    }
  }
  return out;
}

/** One-hot rows over K + 1 conditions: class k → column k, NULL_CLASS (∅) → column K. */
export function conditionOneHot(cond: ArrayLike<number>, numClasses: number): Float32Array {
  const K1 = numClasses + 1;
  const out = new Float32Array(cond.length * K1);
  for (let i = 0; i < cond.length; i++) {
    const c = cond[i]!;
    let col: number;
    if (c === NULL_CLASS) col = numClasses;
    else if (Number.isInteger(c) && c >= 0 && c < numClasses) col = c;
    else throw new RangeError(`condition ${c} out of range: use 0 … ${numClasses - 1} or NULL_CLASS (${NULL_CLASS})`);
    out[i * K1 + col] = 1;
  }
  return out;
}

export type ParamTensors = Record<string, tf.Tensor>;

export function linear(x: tf.Tensor2D, p: ParamTensors, name: string): tf.Tensor2D {
  return tf.add(tf.matMul(x, p[`${name}.w`] as tf.Tensor2D), p[`${name}.b`]!) as tf.Tensor2D;
}

export function silu(x: tf.Tensor): tf.Tensor {
  return tf.mul(x, tf.sigmoid(x));
}

/** LayerNorm over the last axis, no affine parameters (the mechanisms supply their own). */
function layerNorm(x: tf.Tensor2D): tf.Tensor2D {
  const { mean, variance } = tf.moments(x, -1, true);
  return tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, 1e-5))) as tf.Tensor2D;
}

/**
 * The forward pass. Call inside tf.tidy (or dispose the result).
 * @param p      parameter tensors by name
 * @param x      [B, 2 + 4K] input features of the noisy points x_t from `inputFeatures`
 * @param tFeat  [B, 2F] time features from `timeFeatures`
 * @param cond   [B, K+1] one-hot conditions from `conditionOneHot`
 * @returns      [B, 2] ε̂
 */
export function forward(a: Architecture, p: ParamTensors, x: tf.Tensor2D, tFeat: tf.Tensor2D, cond: tf.Tensor2D): tf.Tensor2D {
  const B = x.shape[0];
  const H = a.hidden;
  const temb = linear(silu(linear(tFeat, p, 'time.1')) as tf.Tensor2D, p, 'time.2');
  let emb: tf.Tensor2D;
  let ctx: tf.Tensor2D | null = null;
  if (a.conditioning === 'cross-attention') {
    emb = temb;
    // condition tokens C[c]: [B·M, D_c], looked up as one-hot · table (no gather: its gradient is missing on wasm)
    ctx = tf.reshape(tf.matMul(cond, p['cond.tokens'] as tf.Tensor2D), [B * a.condTokens, a.tokenDim]);
  } else {
    const cemb = tf.matMul(cond, p['cond.table'] as tf.Tensor2D);
    emb = tf.add(temb, tf.matMul(cemb, p['cond.proj'] as tf.Tensor2D)) as tf.Tensor2D;
  }
  const embAct = silu(emb) as tf.Tensor2D;
  let h = linear(x, p, 'in');
  const n = a.queryTokens;
  const d = H / n;
  for (let b = 0; b < a.blocks; b++) {
    const pre = `block${b}`;
    let u: tf.Tensor2D;
    if (a.conditioning === 'adanorm') {
      const mod = linear(embAct, p, `${pre}.mod`);
      const [gamma, beta] = tf.split(mod, 2, 1) as [tf.Tensor2D, tf.Tensor2D];
      const hn = tf.add(tf.mul(layerNorm(h), tf.add(gamma, 1)), beta) as tf.Tensor2D;
      u = silu(linear(hn, p, `${pre}.fc1`)) as tf.Tensor2D;
    } else {
      const hn = silu(layerNorm(h)) as tf.Tensor2D;
      const inj = tf.matMul(embAct, p[`${pre}.emb.w`] as tf.Tensor2D);
      u = silu(tf.add(linear(hn, p, `${pre}.fc1`), inj)) as tf.Tensor2D;
    }
    h = tf.add(h, linear(u, p, `${pre}.fc2`)) as tf.Tensor2D;
    if (ctx !== null) {
      const da = a.tokenDim;
      const q = tf.reshape(tf.matMul(tf.reshape(layerNorm(h), [B * n, d]), p[`${pre}.attn.q`] as tf.Tensor2D), [B, n, da]);
      const k = tf.reshape(tf.matMul(ctx, p[`${pre}.attn.k`] as tf.Tensor2D), [B, a.condTokens, da]);
      const v = tf.reshape(tf.matMul(ctx, p[`${pre}.attn.v`] as tf.Tensor2D), [B, a.condTokens, da]);
      const scores = tf.mul(tf.matMul(q, k, false, true), 1 / Math.sqrt(da)); // [B, n, M]
      const attn = tf.softmax(scores);
      const o = tf.matMul(tf.reshape(tf.matMul(attn, v), [B * n, da]), p[`${pre}.attn.o`] as tf.Tensor2D);
      h = tf.add(h, tf.reshape(o, [B, H])) as tf.Tensor2D;
    }
  }
  // linear read-out of the residual stream (no final LayerNorm): keeps ε̂ linear in x_t far from the
  // data, where ε* ≈ x_t at high noise. A normalised read-out saturates there and samples blow up.
  return linear(h, p, 'out');
}

/**
 * Trainable tf.Variables of a parameter list, from plain values whose sizes are all checked first (on a mismatch
 * it throws and creates nothing).
 */
export function trainableVariables(specs: readonly ParamSpec[], values: Map<string, Float32Array>): Map<string, tf.Variable> {
  for (const s of specs) {
    const v = values.get(s.name);
    const size = s.shape.reduce((x, y) => x * y, 1);
    if (!v || v.length !== size) throw new Error(`parameter ${s.name}: expected ${size} values, got ${v ? v.length : 'none'}`);
  }
  const params = new Map<string, tf.Variable>();
  for (const s of specs) {
    const init = tf.tensor(values.get(s.name)!, s.shape, 'float32');
    params.set(s.name, tf.variable(init, true)); // copies init
    init.dispose();
  }
  return params;
}

/**
 * A model: an architecture and its parameters as tf.Variables on the current backend.
 * Create with `DenoiserModel.create(arch, seed)` or from a validated weight file (weights.ts).
 */
export class DenoiserModel {
  readonly arch: Architecture;
  /** Parameters in `parameterSpecs` order. */
  readonly params: Map<string, tf.Variable>;
  private disposed = false;

  private constructor(arch: Architecture, values: Map<string, Float32Array>) {
    const problems = architectureProblems(arch);
    if (problems.length) throw new Error(`invalid architecture: ${problems.join('; ')}`);
    this.arch = { ...arch };
    this.params = trainableVariables(parameterSpecs(arch), values);
  }

  /** A freshly initialised model (seeded: same seed, same initial weights on every backend). */
  static create(arch: Architecture, seed = 0): DenoiserModel {
    return new DenoiserModel(arch, initialParameters(arch, seed));
  }

  /** A model from plain arrays (shapes checked against the architecture). */
  static fromValues(arch: Architecture, values: Map<string, Float32Array>): DenoiserModel {
    return new DenoiserModel(arch, values);
  }

  get numParameters(): number {
    return countParameters(this.arch);
  }

  /** Parameter tensors by name (for `forward`). */
  tensors(): ParamTensors {
    this.assertAlive();
    const r: ParamTensors = {};
    for (const [k, v] of this.params) r[k] = v;
    return r;
  }

  /** ε̂ for a batch, as a tensor [B, 2] (caller disposes). t: one timestep for all points or one per point. */
  predictTensor(x: ArrayLike<number>, t: number | ArrayLike<number>, cond: ArrayLike<number>): tf.Tensor2D {
    this.assertAlive();
    const B = cond.length;
    if (x.length !== 2 * B) throw new RangeError(`x has ${x.length} numbers for ${B} conditions (need 2 per point)`);
    const ts = typeof t === 'number' ? new Float32Array(B).fill(t) : t;
    if (ts.length !== B) throw new RangeError(`t has ${ts.length} entries for ${B} points`);
    for (let i = 0; i < B; i++) {
      const ti = ts[i]!;
      if (!(ti >= 0 && ti <= this.arch.T - 1)) throw new RangeError(`timestep ${ti} outside [0, ${this.arch.T - 1}]`);
    }
    const oh = conditionOneHot(cond, this.arch.numClasses);
    const tf32 = timeFeatures(ts, this.arch);
    return tf.tidy(() =>
      forward(
        this.arch,
        this.tensors(),
        tf.tensor2d(inputFeatures(x, this.arch), [B, inputDim(this.arch)]),
        tf.tensor2d(tf32, [B, 2 * this.arch.timeFreqs]),
        tf.tensor2d(oh, [B, this.arch.numClasses + 1]),
      ),
    );
  }

  /** ε̂ for a batch, read back synchronously (fine on cpu / wasm; prefer `predict` on webgl). */
  predictSync(x: ArrayLike<number>, t: number | ArrayLike<number>, cond: ArrayLike<number>): Float64Array {
    const out = this.predictTensor(x, t, cond);
    try {
      return Float64Array.from(out.dataSync());
    } finally {
      out.dispose();
    }
  }

  /** ε̂ for a batch, read back asynchronously. */
  async predict(x: ArrayLike<number>, t: number | ArrayLike<number>, cond: ArrayLike<number>): Promise<Float64Array> {
    const out = this.predictTensor(x, t, cond);
    try {
      return Float64Array.from(await out.data());
    } finally {
      out.dispose();
    }
  }

  /** Copies of the current parameter values, by name (synchronous read-back). */
  getValues(): Map<string, Float32Array> {
    this.assertAlive();
    const m = new Map<string, Float32Array>();
    for (const [k, v] of this.params) m.set(k, Float32Array.from(v.dataSync() as Float32Array));
    return m;
  }

  /**
   * Replaces all parameter values. Everything is checked first (names, sizes, finiteness);
   * on any problem it throws and the model is untouched.
   */
  setValues(values: Map<string, Float32Array>): void {
    this.assertAlive();
    for (const s of parameterSpecs(this.arch)) {
      const v = values.get(s.name);
      const size = s.shape.reduce((x, y) => x * y, 1);
      if (!v) throw new Error(`parameter ${s.name} missing`);
      if (v.length !== size) throw new Error(`parameter ${s.name}: expected ${size} values, got ${v.length}`);
      for (let i = 0; i < v.length; i++) if (!Number.isFinite(v[i]!)) throw new Error(`parameter ${s.name} has a non-finite value at ${i}`);
    }
    for (const k of values.keys()) if (!this.params.has(k)) throw new Error(`unknown parameter ${k}`);
    tf.tidy(() => {
      for (const s of parameterSpecs(this.arch)) this.params.get(s.name)!.assign(tf.tensor(values.get(s.name)!, s.shape, 'float32'));
    });
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  dispose(): void {
    if (this.disposed) return;
    for (const v of this.params.values()) v.dispose();
    this.disposed = true;
  }

  private assertAlive(): void {
    if (this.disposed) throw new Error('this model has been disposed');
  }
}
