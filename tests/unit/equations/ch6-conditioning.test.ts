/**
 * Chapter 6: the three conditioning mechanisms of the toy denoiser (lib/model/network.ts) against a
 * hand computation. The reference below is plain Float64 JavaScript written from the equations of the
 * chapter and the header of network.ts; it shares no code with `forward` (it does not even use
 * `timeFeatures`). Every weight, including those the initialiser sets to zero (W_o, W_m, the read-out),
 * is drawn at random, so a missing term cannot hide behind a zero.
 *
 * The network ends in a 2-wide linear read-out ε̂ = W_out h + b_out. To compare a block's output itself,
 * `residual` reads the whole residual stream h (H = 4) with two selector read-outs (W_out = unit columns,
 * b_out = 0): two calls give h_0, h_1 and h_2, h_3.
 *
 * Tolerance: tfjs runs in float32 (ε ≈ 6·10⁻⁸); with O(1) activations and a few dozen operations per
 * output the float32 result is within ~10⁻⁶ of the Float64 one. 10⁻⁴ (relative above 1) leaves a wide
 * margin, while every mistake probed below (no 1/√d, γ instead of 1 + γ, a dropped term) moves the
 * outputs by more than 10⁻².
 */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initNodeBackend } from '../../../lib/model/node';
import { DenoiserModel, defaultArchitecture, parameterSpecs, type Architecture, type Conditioning } from '../../../lib/model/network';
import { NULL_CLASS, Rng } from '../../../lib/science';
import { expectClose } from './helpers';

const TOL = 1e-4;

beforeAll(async () => {
  await initNodeBackend('wasm');
  expect(tf.getBackend()).toBe('wasm');
});

/** A small architecture: H = 4 (n = 2 query tokens of d = 2 features), E = 3, 2F = 4, D_c = d_a = 3. */
function tiny(conditioning: Conditioning, o: Partial<Architecture> = {}): Architecture {
  return defaultArchitecture(conditioning, 2, { hidden: 4, blocks: 1, embed: 3, timeFreqs: 2, queryTokens: 2, condTokens: 2, tokenDim: 3, ...o });
}

/** Every parameter random (seeded): matrices N(0, 0.8²/fan-in), biases N(0, 0.3²), tables / tokens N(0, 1). */
function randomValues(a: Architecture, seed: number): Map<string, Float32Array> {
  const rng = new Rng(seed);
  const m = new Map<string, Float32Array>();
  for (const s of parameterSpecs(a)) {
    const size = s.shape.reduce((p, q) => p * q, 1);
    const std = s.name === 'cond.table' || s.name === 'cond.tokens' ? 1 : s.shape.length === 1 ? 0.3 : 0.8 / Math.sqrt(s.shape[0]!);
    m.set(
      s.name,
      Float32Array.from({ length: size }, () => std * rng.normal()),
    );
  }
  return m;
}

// ---------- the hand computation (Float64) ----------

/** y = x W + b for W stored row-major [nin, nout]. */
function lin(x: number[], w: Float32Array, nout: number, b?: Float32Array): number[] {
  const y = new Array<number>(nout).fill(0);
  for (let j = 0; j < nout; j++) {
    let s = b ? b[j]! : 0;
    for (let i = 0; i < x.length; i++) s += x[i]! * w[i * nout + j]!;
    y[j] = s;
  }
  return y;
}
const silu = (z: number): number => z / (1 + Math.exp(-z));
const add = (u: number[], v: number[]): number[] => u.map((x, i) => x + v[i]!);
/** LayerNorm without affine parameters: (h − mean)/√(var + 10⁻⁵), population variance. */
function ln(h: number[]): number[] {
  const mu = h.reduce((s, v) => s + v, 0) / h.length;
  const v = h.reduce((s, x) => s + (x - mu) ** 2, 0) / h.length;
  return h.map((x) => (x - mu) / Math.sqrt(v + 1e-5));
}
/** τ(t): [sin(ω_j √(t/T)), cos(ω_j √(t/T))], ω_j geometric from 1 to timeMaxFreq. */
function tau(t: number, a: Architecture): number[] {
  const F = a.timeFreqs;
  const v = Math.sqrt(t / a.T);
  const om = Array.from({ length: F }, (_, j) => Math.exp((Math.log(a.timeMaxFreq) * j) / (F - 1)));
  return [...om.map((w) => Math.sin(w * v)), ...om.map((w) => Math.cos(w * v))];
}

interface RefOptions {
  /** Softmax temperature factor (1/√d_a in eq. 6.1). */
  attnScale?: number;
  /** The 1 of (1 + γ) in eq. 6.4. */
  gammaOffset?: number;
}

/** The toy's forward pass for one point, by hand. Returns the residual stream after the last block and ε̂. */
function reference(
  a: Architecture,
  v: Map<string, Float32Array>,
  x: [number, number],
  t: number,
  c: number,
  o: RefOptions = {},
): { h: number[]; attn: number[][]; eps: number[] } {
  const g = (k: string): Float32Array => v.get(k)!;
  const H = a.hidden;
  const E = a.embed;
  const row = c === NULL_CLASS ? a.numClasses : c; // ∅ is the extra row K
  const temb = lin(lin(tau(t, a), g('time.1.w'), E, g('time.1.b')).map(silu), g('time.2.w'), E, g('time.2.b'));
  // eq. 6.3 as built in the toy: e = MLP(τ(t)) + W_c E[c]; cross-attention: e = MLP(τ(t)) (c enters by attention)
  const e = a.conditioning === 'cross-attention' ? temb : add(temb, lin(Array.from(g('cond.table').subarray(row * E, (row + 1) * E)), g('cond.proj'), E));
  const se = e.map(silu);
  let h = lin([x[0], x[1]], g('in.w'), H, g('in.b'));
  const attnOut: number[][] = [];
  for (let b = 0; b < a.blocks; b++) {
    const p = `block${b}`;
    let u: number[];
    if (a.conditioning === 'adanorm') {
      // eq. 6.4: (γ, β) = W_m SiLU(e) + b_m;  h ↦ LN(h) ⊙ (1 + γ) + β, then the block's MLP
      const mod = lin(se, g(`${p}.mod.w`), 2 * H, g(`${p}.mod.b`));
      const n = ln(h);
      const hn = n.map((z, i) => z * ((o.gammaOffset ?? 1) + mod[i]!) + mod[H + i]!);
      u = lin(hn, g(`${p}.fc1.w`), H, g(`${p}.fc1.b`)).map(silu);
    } else {
      // eq. 6.3, second half: W_b SiLU(e) added to the block's hidden features (after its first layer)
      const hn = ln(h).map(silu);
      u = add(lin(hn, g(`${p}.fc1.w`), H, g(`${p}.fc1.b`)), lin(se, g(`${p}.emb.w`), H)).map(silu);
    }
    h = add(h, lin(u, g(`${p}.fc2.w`), H, g(`${p}.fc2.b`)));
    if (a.conditioning === 'cross-attention') {
      // eq. 6.1: LN(h) split into n query tokens of d features; the M tokens C[c] give keys and values
      const n = a.queryTokens;
      const d = H / n;
      const da = a.tokenDim;
      const M = a.condTokens;
      const tok = g('cond.tokens').subarray(row * M * da, (row + 1) * M * da);
      const keys: number[][] = [];
      const vals: number[][] = [];
      for (let m = 0; m < M; m++) {
        const cm = Array.from(tok.subarray(m * da, (m + 1) * da));
        keys.push(lin(cm, g(`${p}.attn.k`), da));
        vals.push(lin(cm, g(`${p}.attn.v`), da));
      }
      const hn = ln(h);
      const contrib: number[] = [];
      for (let j = 0; j < n; j++) {
        const q = lin(hn.slice(j * d, (j + 1) * d), g(`${p}.attn.q`), da);
        const sc = keys.map((k) => k.reduce((s, kv, i) => s + kv * q[i]!, 0) * (o.attnScale ?? 1 / Math.sqrt(da)));
        const mx = Math.max(...sc);
        const w = sc.map((z) => Math.exp(z - mx));
        const z = w.reduce((s, q2) => s + q2, 0);
        const av = new Array<number>(da).fill(0);
        for (let m = 0; m < M; m++) for (let i = 0; i < da; i++) av[i]! += (w[m]! / z) * vals[m]![i]!;
        contrib.push(...lin(av, g(`${p}.attn.o`), d)); // projected back by W_o
      }
      attnOut.push(contrib);
      h = add(h, contrib);
    }
  }
  return { h, attn: attnOut, eps: lin(h, g('out.w'), 2, g('out.b')) };
}

// ---------- the code under test ----------

const X = new Float64Array([0.3, -1.2, 1.7, 0.4, -0.8, 2.1, -1.9, -0.6, 0.05, 0.9, 1.1, -1.4]);
const TS = [0, 37, 250, 500, 812, 999];
const CS = new Int32Array([0, 1, NULL_CLASS, 1, 0, NULL_CLASS]);

function refBatch(a: Architecture, v: Map<string, Float32Array>, x = X, ts = TS, cs = CS, o: RefOptions = {}): { h: number[]; eps: number[]; attn: number[] } {
  const h: number[] = [];
  const eps: number[] = [];
  const attn: number[] = [];
  for (let i = 0; i < cs.length; i++) {
    const r = reference(a, v, [x[2 * i]!, x[2 * i + 1]!], ts[i]!, cs[i]!, o);
    h.push(...r.h);
    eps.push(...r.eps);
    attn.push(...(r.attn[r.attn.length - 1] ?? []));
  }
  return { h, eps, attn };
}

/** ε̂ of `DenoiserModel` with these values. */
function modelEps(a: Architecture, v: Map<string, Float32Array>, x = X, ts = TS, cs = CS): Float64Array {
  const m = DenoiserModel.fromValues(a, v);
  try {
    return m.predictSync(x, ts, cs);
  } finally {
    m.dispose();
  }
}

/** The residual stream h (H = 4) after the last block, read with two selector read-outs. */
function residual(a: Architecture, v: Map<string, Float32Array>, x = X, ts = TS, cs = CS): Float64Array {
  expect(a.hidden).toBe(4);
  const out = new Float64Array(cs.length * 4);
  for (const half of [0, 1]) {
    const w = new Float32Array(8);
    w[2 * half * 2 + 0] = 1; // ε̂_0 = h_{2·half}
    w[(2 * half + 1) * 2 + 1] = 1; // ε̂_1 = h_{2·half+1}
    const vv = new Map(v);
    vv.set('out.w', w);
    vv.set('out.b', new Float32Array(2));
    const e = modelEps(a, vv, x, ts, cs);
    for (let i = 0; i < cs.length; i++) {
      out[4 * i + 2 * half] = e[2 * i]!;
      out[4 * i + 2 * half + 1] = e[2 * i + 1]!;
    }
  }
  return out;
}

const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
};

describe('chapter 6: conditioning the network (lib/model/network.ts against a hand computation)', () => {
  it('eq. 6.1: the cross-attention block adds softmax(Q Kᵀ/√d_a) V W_o, Q from LN(h) split into n tokens, K = C[c] W_K, V = C[c] W_V', () => {
    const base = tf.memory().numTensors;
    const a = tiny('cross-attention');
    const v = randomValues(a, 61);
    const ref = refBatch(a, v);
    // the residual stream after the block (the block's output plus its input), and ε̂
    expectClose(residual(a, v), ref.h, TOL);
    expectClose(modelEps(a, v), ref.eps, TOL);
    // the attention term alone: h with W_o minus h with W_o = 0
    const v0 = new Map(v);
    v0.set('block0.attn.o', new Float32Array(v.get('block0.attn.o')!.length));
    const hOff = residual(a, v0);
    const attn = residual(a, v).map((z, i) => z - hOff[i]!);
    expectClose(attn, ref.attn, TOL);
    expect(Math.max(...ref.attn.map(Math.abs))).toBeGreaterThan(0.05); // the term is not negligible
    // the test can tell: without the 1/√d_a the hand computation disagrees with the code
    expect(maxDiff(refBatch(a, v, X, TS, CS, { attnScale: 1 }).attn, attn)).toBeGreaterThan(1e-2);
    // two blocks, M = 3 tokens: still the same network end to end
    const a2 = tiny('cross-attention', { blocks: 2, condTokens: 3 });
    const v2 = randomValues(a2, 62);
    expectClose(modelEps(a2, v2), refBatch(a2, v2).eps, TOL);
    expect(tf.memory().numTensors).toBe(base);
  });

  it('eq. 6.2: with a single condition token (M = 1) the attention term is 1 C[c] W_V W_o for every query token, whatever h is', () => {
    const a = tiny('cross-attention', { condTokens: 1 });
    const v = randomValues(a, 63);
    const v0 = new Map(v);
    v0.set('block0.attn.o', new Float32Array(v.get('block0.attn.o')!.length));
    // six points with different x_t and t (so different h), all of class 1
    const cs = new Int32Array(6).fill(1);
    const attnOf = (vals: Map<string, Float32Array>, values0: Map<string, Float32Array>, c = cs): Float64Array => {
      const h1 = residual(a, vals, X, TS, c);
      const h0 = residual(a, values0, X, TS, c);
      return h1.map((z, i) => z - h0[i]!);
    };
    const attn = attnOf(v, v0);
    // the hand value: C[1] W_V W_o, the same for both query tokens and all points
    const da = a.tokenDim;
    const c1 = Array.from(v.get('cond.tokens')!.subarray(1 * da, 2 * da));
    const cv = lin(lin(c1, v.get('block0.attn.v')!, da), v.get('block0.attn.o')!, 2);
    const want = Array.from({ length: 6 * 2 }, () => cv).flat();
    expectClose(attn, want, TOL);
    expect(Math.max(...cv.map(Math.abs))).toBeGreaterThan(0.05);
    // the residual streams before the attention differ from point to point, so h did change
    const hBefore = residual(a, v0, X, TS, cs);
    expect(maxDiff(hBefore.subarray(0, 4), hBefore.subarray(4, 8))).toBeGreaterThan(0.1);
    // ∅ gets its own constant (its own token)
    const attnNull = attnOf(v, v0, new Int32Array(6).fill(NULL_CLASS));
    expect(maxDiff(attnNull, attn)).toBeGreaterThan(1e-2);
    // control: with M = 2 tokens the attention term does depend on h
    const a2 = tiny('cross-attention', { condTokens: 2 });
    const w = randomValues(a2, 63);
    const w0 = new Map(w);
    w0.set('block0.attn.o', new Float32Array(w.get('block0.attn.o')!.length));
    const h1 = residual(a2, w, X, TS, cs);
    const h0 = residual(a2, w0, X, TS, cs);
    const attn2 = h1.map((z, i) => z - h0[i]!);
    let spread = 0;
    for (let i = 1; i < 6; i++) spread = Math.max(spread, maxDiff(attn2.subarray(4 * i, 4 * i + 4), attn2.subarray(0, 4)));
    expect(spread).toBeGreaterThan(1e-2);
  });

  it('eq. 6.3: `add` builds e = MLP(τ(t)) + W_c E[c] and adds W_b SiLU(e) to each block’s hidden features', () => {
    const a = tiny('add', { blocks: 2 });
    const v = randomValues(a, 64);
    const ref = refBatch(a, v);
    expectClose(modelEps(a, v), ref.eps, TOL);
    const a1 = tiny('add');
    const v1 = randomValues(a1, 65);
    expectClose(residual(a1, v1), refBatch(a1, v1).h, TOL);
    // the condition enters only through W_c E[c]: with W_c = 0, class 0, class 1 and ∅ give the same ε̂ …
    const vz = new Map(v);
    vz.set('cond.proj', new Float32Array(a.embed * a.embed));
    const x3 = X.subarray(0, 2);
    const x = Float64Array.from([...x3, ...x3, ...x3]);
    const same = modelEps(a, vz, x, [300, 300, 300], new Int32Array([0, 1, NULL_CLASS]));
    expectClose(same.subarray(2, 4), same.subarray(0, 2), 1e-6);
    expectClose(same.subarray(4, 6), same.subarray(0, 2), 1e-6);
    // … and with it the three differ (the test can see the condition)
    const diff = modelEps(a, v, x, [300, 300, 300], new Int32Array([0, 1, NULL_CLASS]));
    expect(maxDiff(diff.subarray(0, 2), diff.subarray(2, 4))).toBeGreaterThan(1e-2);
    expect(maxDiff(diff.subarray(0, 2), diff.subarray(4, 6))).toBeGreaterThan(1e-2);
  });

  it('eq. 6.4: `adanorm` feeds the block LN(h) ⊙ (1 + γ) + β with (γ, β) = W_m SiLU(e) + b_m; with zero modulation weights it sees LN(h) unchanged', () => {
    const a = tiny('adanorm', { blocks: 2 });
    const v = randomValues(a, 66);
    expectClose(modelEps(a, v), refBatch(a, v).eps, TOL);
    const a1 = tiny('adanorm');
    const v1 = randomValues(a1, 67);
    const h = residual(a1, v1);
    expectClose(h, refBatch(a1, v1).h, TOL);
    // the scale is 1 + γ, not γ
    expect(maxDiff(refBatch(a1, v1, X, TS, CS, { gammaOffset: 0 }).h, h)).toBeGreaterThan(1e-2);
    // zero modulation (W_m = 0, b_m = 0, as initialised): the block is h + W_2 SiLU(W_1 LN(h) + b_1) + b_2,
    // computed here without γ and β at all; t and c then no longer reach the output
    const vz = new Map(v1);
    vz.set('block0.mod.w', new Float32Array(v1.get('block0.mod.w')!.length));
    vz.set('block0.mod.b', new Float32Array(2 * a1.hidden));
    const g = (k: string): Float32Array => vz.get(k)!;
    const want: number[] = [];
    for (let i = 0; i < CS.length; i++) {
      const h0 = lin([X[2 * i]!, X[2 * i + 1]!], g('in.w'), 4, g('in.b'));
      const u = lin(ln(h0), g('block0.fc1.w'), 4, g('block0.fc1.b')).map(silu);
      want.push(...add(h0, lin(u, g('block0.fc2.w'), 4, g('block0.fc2.b'))));
    }
    const hz = residual(a1, vz);
    expectClose(hz, want, TOL);
    const hzOther = residual(a1, vz, X, [999, 0, 500, 3, 700, 1], new Int32Array([NULL_CLASS, 0, 1, 0, NULL_CLASS, 1]));
    expectClose(hzOther, hz, 1e-6);
    // a freshly initialised adanorm model has exactly this zero modulation
    const init = DenoiserModel.create(a1, 5);
    try {
      for (const k of ['block0.mod.w', 'block0.mod.b']) expect(Math.max(...init.getValues().get(k)!.map(Math.abs))).toBe(0);
    } finally {
      init.dispose();
    }
  });
});
