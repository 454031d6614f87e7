/**
 * The forward pass of the residual MLP, one function per conditioning mechanism (see network.ts for the formulas).
 * Skeleton: temb from the time features, h = W_in x + b_in, blocks, linear read-out ε̂ (or F) = W_out h + b_out.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Architecture } from './architecture';

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

/** temb = W_t2 · silu(W_t1 · τ + b_t1) + b_t2. */
function timeEmbedding(p: ParamTensors, tFeat: tf.Tensor2D): tf.Tensor2D {
  return linear(silu(linear(tFeat, p, 'time.1')) as tf.Tensor2D, p, 'time.2');
}

/** silu(temb + W_c · E_c[c]): the class embedding (a one-hot · table lookup) added to the time embedding. */
function classEmbedding(p: ParamTensors, temb: tf.Tensor2D, cond: tf.Tensor2D): tf.Tensor2D {
  const cemb = tf.matMul(cond, p['cond.table'] as tf.Tensor2D);
  return silu(tf.add(temb, tf.matMul(cemb, p['cond.proj'] as tf.Tensor2D))) as tf.Tensor2D;
}

/** h + W_2 · silu(W_1 · silu(LN h) + b_1 + W_e · embAct) + b_2: the block of `add` (and of cross-attention, with temb). */
function injectedBlock(h: tf.Tensor2D, embAct: tf.Tensor2D, p: ParamTensors, pre: string): tf.Tensor2D {
  const hn = silu(layerNorm(h)) as tf.Tensor2D;
  const inj = tf.matMul(embAct, p[`${pre}.emb.w`] as tf.Tensor2D);
  const u = silu(tf.add(linear(hn, p, `${pre}.fc1`), inj)) as tf.Tensor2D;
  return tf.add(h, linear(u, p, `${pre}.fc2`)) as tf.Tensor2D;
}

/** `add`: emb = temb + W_c E_c[c], injected into every block's MLP. */
export function forwardAdd(a: Architecture, p: ParamTensors, x: tf.Tensor2D, temb: tf.Tensor2D, cond: tf.Tensor2D): tf.Tensor2D {
  const embAct = classEmbedding(p, temb, cond);
  let h = linear(x, p, 'in');
  for (let b = 0; b < a.blocks; b++) h = injectedBlock(h, embAct, p, `block${b}`);
  return h;
}

/** `adanorm`: emb as in `add`; each block's LayerNorm scaled and shifted by (γ, β) = W_m silu(emb) + b_m. */
export function forwardAdanorm(a: Architecture, p: ParamTensors, x: tf.Tensor2D, temb: tf.Tensor2D, cond: tf.Tensor2D): tf.Tensor2D {
  const embAct = classEmbedding(p, temb, cond);
  let h = linear(x, p, 'in');
  for (let b = 0; b < a.blocks; b++) {
    const pre = `block${b}`;
    const mod = linear(embAct, p, `${pre}.mod`);
    const [gamma, beta] = tf.split(mod, 2, 1) as [tf.Tensor2D, tf.Tensor2D];
    const hn = tf.add(tf.mul(layerNorm(h), tf.add(gamma, 1)), beta) as tf.Tensor2D;
    const u = silu(linear(hn, p, `${pre}.fc1`)) as tf.Tensor2D;
    h = tf.add(h, linear(u, p, `${pre}.fc2`)) as tf.Tensor2D;
  }
  return h;
}

/**
 * `cross-attention`: time as in `add` from temb alone; after each block's MLP, LN(h) split into n query tokens of H/n
 * features attends to the M condition tokens C[c]: softmax(Q Kᵀ/√d_a) V, projected back by W_o and added to h.
 */
export function forwardCrossAttention(a: Architecture, p: ParamTensors, x: tf.Tensor2D, temb: tf.Tensor2D, cond: tf.Tensor2D): tf.Tensor2D {
  const B = x.shape[0];
  const H = a.hidden;
  const n = a.queryTokens;
  const d = H / n;
  const da = a.tokenDim;
  // condition tokens C[c]: [B·M, D_c], looked up as one-hot · table (no gather: its gradient is missing on wasm)
  const ctx = tf.reshape(tf.matMul(cond, p['cond.tokens'] as tf.Tensor2D), [B * a.condTokens, a.tokenDim]);
  const embAct = silu(temb) as tf.Tensor2D;
  let h = linear(x, p, 'in');
  for (let b = 0; b < a.blocks; b++) {
    const pre = `block${b}`;
    h = injectedBlock(h, embAct, p, pre);
    const q = tf.reshape(tf.matMul(tf.reshape(layerNorm(h), [B * n, d]), p[`${pre}.attn.q`] as tf.Tensor2D), [B, n, da]);
    const k = tf.reshape(tf.matMul(ctx, p[`${pre}.attn.k`] as tf.Tensor2D), [B, a.condTokens, da]);
    const v = tf.reshape(tf.matMul(ctx, p[`${pre}.attn.v`] as tf.Tensor2D), [B, a.condTokens, da]);
    const scores = tf.mul(tf.matMul(q, k, false, true), 1 / Math.sqrt(da)); // [B, n, M]
    const attn = tf.softmax(scores);
    const o = tf.matMul(tf.reshape(tf.matMul(attn, v), [B * n, da]), p[`${pre}.attn.o`] as tf.Tensor2D);
    h = tf.add(h, tf.reshape(o, [B, H])) as tf.Tensor2D;
  }
  return h;
}

const MECHANISMS = { add: forwardAdd, adanorm: forwardAdanorm, 'cross-attention': forwardCrossAttention } as const;

/**
 * The forward pass. Call inside tf.tidy (or dispose the result).
 * @param p      parameter tensors by name
 * @param x      [B, 2 + 4K] input features of the noisy points x_t from `inputFeatures`
 * @param tFeat  [B, 2F] time features from `timeFeatures`
 * @param cond   [B, K+1] one-hot conditions from `conditionOneHot`
 * @returns      [B, 2] the raw output (ε̂ for the 'eps' parameterization)
 */
export function forward(a: Architecture, p: ParamTensors, x: tf.Tensor2D, tFeat: tf.Tensor2D, cond: tf.Tensor2D): tf.Tensor2D {
  const h = MECHANISMS[a.conditioning](a, p, x, timeEmbedding(p, tFeat), cond);
  // linear read-out of the residual stream (no final LayerNorm): keeps ε̂ linear in x_t far from the
  // data, where ε* ≈ x_t at high noise. A normalised read-out saturates there and samples blow up.
  return linear(h, p, 'out');
}
