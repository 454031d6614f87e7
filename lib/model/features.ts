/** The network's plain-JS inputs: time features, input features of x_t, one-hot conditions. */
import { NULL_CLASS } from '../science/types';
import type { Architecture } from './architecture';

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

/** The K = inputFreqs frequencies ω_k of the input features, geometric from 1 to `inputMaxFreq` (radians per unit of x). */
export function inputFrequencies(a: Pick<Architecture, 'inputFreqs' | 'inputMaxFreq'>): Float64Array {
  const K = a.inputFreqs;
  return Float64Array.from({ length: K }, (_, k) => (K === 1 ? 1 : Math.exp((Math.log(a.inputMaxFreq) * k) / (K - 1))));
}

/**
 * Input features, n × (2 + 4K) floats: x_t itself, then [sin(ω_k x), cos(ω_k x)] of each coordinate
 * for K = inputFreqs frequencies ω_k geometric from 1 to `inputMaxFreq` (Fourier features: sharp
 * class boundaries of ε* are easier to fit). x_t itself feeds the linear path that keeps ε̂ ≈ linear far out.
 * No shipped model uses them: off the data, where strong guidance takes the samples, they extrapolate badly
 * (docs/model-quality.md, "Where the error is made": s = 7.5 2.6–4.5 times further from the exact samples).
 */
export function inputFeatures(x: ArrayLike<number>, a: Pick<Architecture, 'inputFreqs' | 'inputMaxFreq'>): Float32Array {
  const n = x.length >> 1;
  const K = a.inputFreqs;
  const D = 2 + 4 * K;
  const out = new Float32Array(n * D);
  const omega = inputFrequencies(a);
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
