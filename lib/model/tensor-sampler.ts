/**
 * The guided DDIM sampler (η = 0, CFG at scale s) with its state on the tfjs backend: x_t stays a tensor from step to
 * step, the doubled batch [x, x] with conditions [∅ (or a negative class), y] is built on the device, and nothing is
 * read back until `read()`: one download per drawn frame instead of one per step, so that webgl on a real GPU is not
 * bound by transfers. The same update as lib/science/samplers.ts `reverseUpdate` (DDIM, η = 0) with
 * ε̃ = ε_∅ + s (ε_y − ε_∅), on the same strided timesteps; a unit test checks it against `sample`.
 */
import * as tf from '@tensorflow/tfjs-core';
import { stridedTimesteps } from '../science/samplers';
import type { Schedule } from '../science/schedule';
import { NULL_CLASS } from '../science/types';
import type { Architecture } from './architecture';
import { conditionOneHot, inputFrequencies, timeFeatures } from './features';
import { forward } from './forward';
import type { DenoiserModel } from './network';
import { readoutRows } from './readout';

export interface TensorSamplerOptions {
  /** The class y. */
  y: number;
  /** Guidance scale s. */
  s: number;
  /** Sampler steps (strided timesteps from T − 1). */
  steps: number;
  /** A negative class in place of ∅. */
  negative?: number;
}

/**
 * features.ts `inputFeatures` on the device, in the same column order: x, then per coordinate sin(ω_k x) and cos(ω_k x)
 * for the geometric frequencies ω_k (`inputFrequencies`). Call inside tf.tidy.
 */
function inputFeaturesOnDevice(x: tf.Tensor2D, a: Pick<Architecture, 'inputFreqs' | 'inputMaxFreq'>): tf.Tensor2D {
  if (a.inputFreqs === 0) return x;
  const omega = tf.tensor2d(Float32Array.from(inputFrequencies(a)), [1, a.inputFreqs]);
  const [x0, x1] = tf.split(x, 2, 1) as [tf.Tensor2D, tf.Tensor2D];
  const w0 = tf.matMul(x0, omega);
  const w1 = tf.matMul(x1, omega);
  return tf.concat([x, tf.sin(w0), tf.cos(w0), tf.sin(w1), tf.cos(w1)], 1) as tf.Tensor2D;
}

export class TensorSampler {
  private x: tf.Tensor2D;
  private readonly cond: tf.Tensor2D;
  private readonly timesteps: Int32Array;
  private i = 0;
  private disposed = false;

  /** x_T: 2n numbers (the initial noise; `initialNoise` of lib/science for the same draws as `sample`). */
  constructor(
    private readonly model: DenoiserModel,
    private readonly schedule: Schedule,
    private readonly opts: TensorSamplerOptions,
    xT: ArrayLike<number>,
  ) {
    const n = xT.length >> 1;
    this.timesteps = stridedTimesteps(schedule.T, opts.steps);
    this.x = tf.tensor2d(Float32Array.from(xT), [n, 2]);
    const conds = new Int32Array(2 * n).fill(opts.negative ?? NULL_CLASS, 0, n).fill(opts.y, n);
    this.cond = tf.tensor2d(conditionOneHot(conds, model.arch.numClasses), [2 * n, model.arch.numClasses + 1]);
  }

  /** Steps done, and planned. */
  get stepCount(): number {
    return this.i;
  }

  get done(): boolean {
    return this.i >= this.timesteps.length;
  }

  /** One reverse step on the device (no read-back); false when there was none left. */
  step(): boolean {
    if (this.disposed) throw new Error('this sampler has been disposed');
    if (this.done) return false;
    const a = this.model.arch;
    const t = this.timesteps[this.i]!;
    const tPrev = this.i + 1 < this.timesteps.length ? this.timesteps[this.i + 1]! : -1;
    const ac = this.schedule.alphasCumprod;
    const ab = ac[t]!;
    const abPrev = tPrev < 0 ? 1 : ac[tPrev]!;
    const n = this.x.shape[0];
    const r = readoutRows(a, [t]);
    const next = tf.tidy(() => {
      const x2 = tf.concat([this.x, this.x], 0) as tf.Tensor2D;
      const tFeat = tf.tile(tf.tensor2d(timeFeatures([t], a), [1, 2 * a.timeFreqs]), [2 * n, 1]) as tf.Tensor2D;
      const F = forward(a, this.model.tensors(), inputFeaturesOnDevice(r ? (tf.mul(x2, r.cIn[0]!) as tf.Tensor2D) : x2, a), tFeat, this.cond);
      const eps2 = r ? tf.add(tf.mul(x2, r.a[0]!), tf.mul(F, r.b[0]!)) : F;
      const [epsU, epsC] = tf.split(eps2, 2, 0) as [tf.Tensor2D, tf.Tensor2D];
      const guided = tf.add(epsU, tf.mul(tf.sub(epsC, epsU), this.opts.s));
      const x0 = tf.div(tf.sub(this.x, tf.mul(guided, Math.sqrt(1 - ab))), Math.sqrt(ab));
      return tf.add(tf.mul(x0, Math.sqrt(abPrev)), tf.mul(guided, Math.sqrt(Math.max(0, 1 - abPrev)))) as tf.Tensor2D;
    });
    this.x.dispose();
    this.x = next;
    this.i++;
    return true;
  }

  /** The current points x_t (after `stepCount` steps): the one download of a frame. */
  async read(): Promise<Float32Array> {
    return (await this.x.data()) as Float32Array;
  }

  readSync(): Float32Array {
    return this.x.dataSync() as Float32Array;
  }

  dispose(): void {
    if (this.disposed) return;
    this.x.dispose();
    this.cond.dispose();
    this.disposed = true;
  }
}
