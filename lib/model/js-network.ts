/**
 * The same network in plain JS over Float32Arrays (no tfjs): the reference the sampler benchmark compares the tfjs
 * backends with (`npm run bench -- sampler`). `add` and `adanorm`; cross-attention is not implemented here.
 * ε̂ = a x_t + b F as in readout.ts. A unit test checks it against the tfjs forward pass.
 */
import type { Schedule } from '../science/schedule';
import type { Denoiser, Points } from '../science/types';
import type { Architecture } from './architecture';
import { conditionOneHot, inputDim, inputFeatures, timeFeatures } from './features';
import { readoutRows } from './readout';

/** y = x W + b for rows of x (n × nin), W (nin × nout) row-major. */
function dense(x: Float32Array, n: number, nin: number, w: Float32Array, b: Float32Array | null, nout: number): Float32Array {
  const y = new Float32Array(n * nout);
  for (let i = 0; i < n; i++) {
    const yo = i * nout;
    if (b) for (let o = 0; o < nout; o++) y[yo + o] = b[o]!;
    const xo = i * nin;
    for (let k = 0; k < nin; k++) {
      const v = x[xo + k]!;
      if (v === 0) continue;
      const wo = k * nout;
      for (let o = 0; o < nout; o++) y[yo + o]! += v * w[wo + o]!;
    }
  }
  return y;
}

function siluInPlace(x: Float32Array): Float32Array {
  for (let i = 0; i < x.length; i++) x[i] = x[i]! / (1 + Math.exp(-x[i]!));
  return x;
}

/** LayerNorm of each row (no affine), ε = 1e-5 as in forward.ts. */
function layerNorm(x: Float32Array, n: number, H: number): Float32Array {
  const y = new Float32Array(n * H);
  for (let i = 0; i < n; i++) {
    let m = 0;
    for (let k = 0; k < H; k++) m += x[i * H + k]!;
    m /= H;
    let v = 0;
    for (let k = 0; k < H; k++) v += (x[i * H + k]! - m) ** 2;
    const r = 1 / Math.sqrt(v / H + 1e-5);
    for (let k = 0; k < H; k++) y[i * H + k] = (x[i * H + k]! - m) * r;
  }
  return y;
}

function addInPlace(a: Float32Array, b: Float32Array): Float32Array {
  for (let i = 0; i < a.length; i++) a[i]! += b[i]!;
  return a;
}

export class JsNetwork implements Denoiser {
  readonly kind = 'learned' as const;
  readonly numClasses: number;

  constructor(
    readonly arch: Architecture,
    private readonly p: Map<string, Float32Array>,
    readonly schedule: Schedule,
  ) {
    if (arch.conditioning === 'cross-attention') throw new Error('the plain-JS network implements add and adanorm');
    this.numClasses = arch.numClasses;
  }

  private w(name: string): Float32Array {
    const v = this.p.get(name);
    if (!v) throw new Error(`parameter ${name} missing`);
    return v;
  }

  /** The raw output F for n rows (x already scaled by c_in). */
  output(x: Float32Array, t: ArrayLike<number>, cond: ArrayLike<number>): Float32Array {
    const a = this.arch;
    const n = cond.length;
    const H = a.hidden;
    const E = a.embed;
    const K1 = a.numClasses + 1;
    const tf1 = siluInPlace(dense(timeFeatures(t, a), n, 2 * a.timeFreqs, this.w('time.1.w'), this.w('time.1.b'), E));
    const temb = dense(tf1, n, E, this.w('time.2.w'), this.w('time.2.b'), E);
    const cemb = dense(conditionOneHot(cond, a.numClasses), n, K1, this.w('cond.table'), null, E);
    const embAct = siluInPlace(addInPlace(temb, dense(cemb, n, E, this.w('cond.proj'), null, E)));
    let h = dense(a.inputFreqs ? inputFeatures(x, a) : x, n, inputDim(a), this.w('in.w'), this.w('in.b'), H);
    for (let b = 0; b < a.blocks; b++) {
      const pre = `block${b}`;
      let u: Float32Array;
      if (a.conditioning === 'adanorm') {
        const mod = dense(embAct, n, E, this.w(`${pre}.mod.w`), this.w(`${pre}.mod.b`), 2 * H);
        const hn = layerNorm(h, n, H);
        for (let i = 0; i < n; i++) for (let k = 0; k < H; k++) hn[i * H + k] = hn[i * H + k]! * (1 + mod[i * 2 * H + k]!) + mod[i * 2 * H + H + k]!;
        u = siluInPlace(dense(hn, n, H, this.w(`${pre}.fc1.w`), this.w(`${pre}.fc1.b`), H));
      } else {
        const hn = siluInPlace(layerNorm(h, n, H));
        u = siluInPlace(addInPlace(dense(hn, n, H, this.w(`${pre}.fc1.w`), this.w(`${pre}.fc1.b`), H), dense(embAct, n, E, this.w(`${pre}.emb.w`), null, H)));
      }
      h = addInPlace(h, dense(u, n, H, this.w(`${pre}.fc2.w`), this.w(`${pre}.fc2.b`), H));
    }
    return dense(h, n, H, this.w('out.w'), this.w('out.b'), 2);
  }

  /** ε̂ for a batch at one timestep (the `Denoiser` interface). */
  eps(x: Points, t: number, cond: Int32Array): Promise<Float64Array> {
    return Promise.resolve(this.epsSync(x, t, cond));
  }

  epsSync(x: Points, t: number, cond: Int32Array): Float64Array {
    const n = cond.length;
    const ts = new Float32Array(n).fill(t);
    const r = readoutRows(this.arch, [t]);
    const xin = Float32Array.from(x);
    if (r) for (let i = 0; i < xin.length; i++) xin[i]! *= r.cIn[0]!;
    const F = this.output(xin, ts, cond);
    const out = new Float64Array(2 * n);
    for (let i = 0; i < 2 * n; i++) out[i] = r ? r.a[0]! * x[i]! + r.b[0]! * F[i]! : F[i]!;
    return out;
  }
}
