/**
 * From plain arrays to ε̂: the network's inputs scaled by c_in, its raw output F, and the parameterization's read-out
 * ε̂ = a · x_t + b · F (precondition.ts). For 'eps' (every file from before the field) ε̂ = F, op for op as before.
 */
import * as tf from '@tensorflow/tfjs-core';
import { makeSchedule } from '../science/schedule';
import type { Architecture } from './architecture';
import { conditionOneHot, inputDim, inputFeatures, timeFeatures } from './features';
import { forward, type ParamTensors } from './forward';
import { epsReadout } from './precondition';

const alphaBarCache = new Map<string, Float64Array>();

/** ᾱ_t of the schedule an architecture's read-out uses. */
export function architectureAlphaBars(a: Pick<Architecture, 'schedule' | 'T'>): Float64Array {
  const name = a.schedule ?? 'linear';
  const key = `${name}:${a.T}`;
  let ab = alphaBarCache.get(key);
  if (!ab) {
    ab = makeSchedule(name, a.T).alphasCumprod;
    alphaBarCache.set(key, ab);
  }
  return ab;
}

/** Per-row read-out coefficients (precondition.ts `epsReadout`) at timesteps t; null for 'eps' (ε̂ = F). */
export function readoutRows(a: Architecture, t: ArrayLike<number>): { cIn: Float32Array; a: Float32Array; b: Float32Array } | null {
  const p = a.parameterization ?? 'eps';
  if (p === 'eps') return null;
  const ab = architectureAlphaBars(a);
  const n = t.length;
  const r = { cIn: new Float32Array(n), a: new Float32Array(n), b: new Float32Array(n) };
  for (let i = 0; i < n; i++) {
    const c = epsReadout(p, ab[Math.round(t[i]!)]!, a.sigmaData ?? 1);
    r.cIn[i] = c.cIn;
    r.a[i] = c.a;
    r.b[i] = c.b;
  }
  return r;
}

/**
 * The raw network output F(c_in · x_t, t, c) for a batch given as plain arrays (x_t: 2B numbers). Call inside tf.tidy.
 * `cIn` scales the input rows (absent: 1).
 */
export function networkOutput(
  a: Architecture,
  p: ParamTensors,
  xt: ArrayLike<number>,
  t: ArrayLike<number>,
  cond: ArrayLike<number>,
  cIn?: ArrayLike<number>,
): tf.Tensor2D {
  const B = cond.length;
  let xin = xt;
  if (cIn) {
    const s = new Float32Array(2 * B);
    for (let i = 0; i < B; i++) {
      s[2 * i] = xt[2 * i]! * cIn[i]!;
      s[2 * i + 1] = xt[2 * i + 1]! * cIn[i]!;
    }
    xin = s;
  }
  return forward(
    a,
    p,
    tf.tensor2d(inputFeatures(xin, a), [B, inputDim(a)]),
    tf.tensor2d(timeFeatures(t, a), [B, 2 * a.timeFreqs]),
    tf.tensor2d(conditionOneHot(cond, a.numClasses), [B, a.numClasses + 1]),
  );
}

/** ε̂ = a · x_t + b · F(c_in · x_t, t, c) for a batch (ε̂ = F for 'eps'). Call inside tf.tidy. */
export function predictEps(a: Architecture, p: ParamTensors, xt: ArrayLike<number>, t: ArrayLike<number>, cond: ArrayLike<number>): tf.Tensor2D {
  const r = readoutRows(a, t);
  const F = networkOutput(a, p, xt, t, cond, r?.cIn);
  if (!r) return F;
  const B = cond.length;
  const x = tf.tensor2d(Float32Array.from(xt), [B, 2]);
  return tf.add(tf.mul(x, tf.tensor2d(r.a, [B, 1])), tf.mul(F, tf.tensor2d(r.b, [B, 1]))) as tf.Tensor2D;
}
