/**
 * The learned denoiser (the model class; its parts: architecture.ts, features.ts, forward.ts, readout.ts) ε_θ(x_t, t, c) for 2D worlds: a residual MLP with a sinusoidal timestep
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
import { type Architecture, architectureProblems, countParameters, initialParameters, parameterSpecs } from './architecture';
import { predictEps } from './readout';
import { TrainableParameters } from './trainable';

export * from './architecture';
export * from './features';
export * from './forward';
export * from './readout';
export { trainableVariables } from './trainable';
export { CONDITIONINGS, type Conditioning } from './conditioning';

/**
 * A model: an architecture and its parameters as tf.Variables on the current backend.
 * Create with `DenoiserModel.create(arch, seed)` or from a validated weight file (weights.ts).
 */
export class DenoiserModel extends TrainableParameters {
  readonly arch: Architecture;

  private constructor(arch: Architecture, values: Map<string, Float32Array>) {
    const problems = architectureProblems(arch);
    if (problems.length) throw new Error(`invalid architecture: ${problems.join('; ')}`);
    super(parameterSpecs(arch), values, 'model'); // parameters in `parameterSpecs` order
    this.arch = { ...arch };
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
    return tf.tidy(() => predictEps(this.arch, this.tensors(), x, ts, cond));
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
}
