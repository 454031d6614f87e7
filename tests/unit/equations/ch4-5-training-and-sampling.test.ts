import { describe, expect, it } from 'vitest';
import { NULL_CLASS, Rng, cfg, guidedEps, reverseUpdate } from '../../../lib/science';
import { drawBatch } from '../../../lib/model/train';
import { exactFor, expectClose, fdGrad, probes, schedule, world } from './helpers';

const ac = schedule.alphasCumprod;

describe('chapter 4: training with condition dropout', () => {
  it('eq. 4.1: a training batch replaces the label by ∅ with probability p_uncond, and x_t = √ᾱ_t x_0 + √(1−ᾱ_t) ε', () => {
    const w = world('three-spirals');
    const exact = exactFor('three-spirals');
    for (const p of [0, 0.1, 0.5, 1]) {
      const n = 20000;
      const b = drawBatch(w, schedule, n, p, new Rng(5));
      let dropped = 0;
      for (let i = 0; i < n; i++) if (b.cond[i] === NULL_CLASS) dropped++;
      const sd = Math.sqrt((p * (1 - p)) / n);
      expect(Math.abs(dropped / n - p)).toBeLessThanOrEqual(4 * sd + 1e-12);
      // x_0 recovered from (x_t, ε, t) lies on the world: its mean log-density is that of real data, not of noise
      const x0 = new Float64Array(2 * 500);
      for (let i = 0; i < 500; i++) {
        const a = ac[b.t[i]!]!;
        for (let d = 0; d < 2; d++) x0[2 * i + d] = (b.xt[2 * i + d]! - Math.sqrt(1 - a) * b.eps[2 * i + d]!) / Math.sqrt(a);
      }
      const lp = exact.logDensity(x0, 0);
      const mean = lp.reduce((s, v) => s + v, 0) / lp.length;
      expect(mean).toBeGreaterThan(-3);
    }
  });

  it('eq. 4.2: the exact ε*(·, y) and ε*(·, ∅) minimise the dropout loss (any perturbation raises it)', () => {
    const w = world('minor-mode');
    const exact = exactFor('minor-mode');
    const n = 20000;
    const b = drawBatch(w, schedule, n, 0.3, new Rng(8));
    const xt = Float64Array.from(b.xt);
    const pred = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) {
      const e = exact.epsFor(xt.subarray(2 * i, 2 * i + 2), b.t[i]!, b.cond[i]!);
      pred[2 * i] = e[0]!;
      pred[2 * i + 1] = e[1]!;
    }
    const loss = (f: (v: number, i: number) => number): number => {
      let s = 0;
      for (let i = 0; i < 2 * n; i++) s += (b.eps[i]! - f(pred[i]!, i)) ** 2;
      return s / n;
    };
    const best = loss((v) => v);
    expect(loss((v) => 1.1 * v)).toBeGreaterThan(best);
    expect(loss((v) => 0.9 * v)).toBeGreaterThan(best);
    expect(loss((v, i) => v + (i % 2 ? 0.05 : -0.05))).toBeGreaterThan(best);
    // the unconditional answer for ∅ examples beats using a class's answer for them
    const swapped = (v: number, i: number): number => {
      const k = i >> 1;
      if (b.cond[k] !== NULL_CLASS) return v;
      return exact.epsFor(xt.subarray(2 * k, 2 * k + 2), b.t[k]!, 0)[i & 1]!;
    };
    expect(loss(swapped)).toBeGreaterThan(best);
  });

  it('eq. 4.3: ε*_∅ = Σ_y p_t(y|x) ε*_y', () => {
    for (const name of ['two-gaussians', 'three-spirals', 'minor-mode', 'branching-tree']) {
      const exact = exactFor(name);
      const K = exact.numClasses;
      const x = probes(20, 13);
      for (const t of [5, 250, 700]) {
        const post = exact.classPosterior(x, t);
        const mix = new Float64Array(x.length);
        for (let y = 0; y < K; y++) {
          const e = exact.epsCond(x, t, y);
          for (let i = 0; i < x.length >> 1; i++) {
            mix[2 * i]! += post[i * K + y]! * e[2 * i]!;
            mix[2 * i + 1]! += post[i * K + y]! * e[2 * i + 1]!;
          }
        }
        expectClose(exact.epsUncond(x, t), mix, 1e-9);
      }
    }
  });
});

describe('chapter 5: sampling with guidance', () => {
  const exact = exactFor('two-gaussians');
  const x = probes(10, 17);

  it('eq. 5.1: x̂_0 = (x_t − √(1−ᾱ_t) ε̃)/√ᾱ_t, and with s = 1 on the exact model it is the posterior mean E[x_0 | x_t, y]', async () => {
    for (const t of [100, 600]) {
      const eps = await guidedEps(exact, x, t, 1, { s: 1 });
      const step = reverseUpdate(x, eps, ac[t]!, ac[t - 1]!, { sampler: 'ddim' }, new Rng(1));
      const direct = Float64Array.from(x, (v, i) => (v - Math.sqrt(1 - ac[t]!) * eps[i]!) / Math.sqrt(ac[t]!));
      expectClose(step.x0Hat, direct, 1e-12);
      expectClose(step.x0Hat, exact.tweedie(x, t, 1), 1e-9);
    }
  });

  it('eq. 5.2: the deterministic DDIM step is √ᾱ_{t′} x̂_0 + √(1−ᾱ_{t′}) ε̃', async () => {
    for (const [t, tp] of [
      [900, 850],
      [300, 100],
      [20, 0],
    ] as [number, number][]) {
      const eps = await guidedEps(exact, x, t, 0, { s: 7.5 });
      const step = reverseUpdate(x, eps, ac[t]!, ac[tp]!, { sampler: 'ddim', eta: 0 }, new Rng(1));
      const want = Float64Array.from(step.x0Hat, (v, i) => Math.sqrt(ac[tp]!) * v + Math.sqrt(1 - ac[tp]!) * eps[i]!);
      expectClose(step.x, want, 1e-12);
    }
  });

  it('eq. 5.3: the DDPM step; for t′ = t − 1 it equals (x_t − β_t/√(1−ᾱ_t) ε̃)/√α_t + √β̃ z', async () => {
    for (const t of [999, 500, 1]) {
      const eps = await guidedEps(exact, x, t, 0, { s: 3 });
      const step = reverseUpdate(x, eps, ac[t]!, ac[t - 1]!, { sampler: 'ddpm' }, new Rng(99));
      const z = new Rng(99);
      const beta = schedule.betas[t]!;
      const alpha = schedule.alphas[t]!;
      const betaTilde = ((1 - ac[t - 1]!) / (1 - ac[t]!)) * beta;
      const want = Float64Array.from(x, (v, i) => (v - (beta / Math.sqrt(1 - ac[t]!)) * eps[i]!) / Math.sqrt(alpha));
      for (let i = 0; i < want.length; i++) want[i]! += Math.sqrt(betaTilde) * z.normal();
      expectClose(step.x, want, 1e-9);
    }
  });

  it('eq. 5.4: DDIM with η: x_{t′} = √ᾱ_{t′} x̂_0 + √(1−ᾱ_{t′}−σ_η²) ε̃ + σ_η z; η = 0 is eq. 5.2, η = 1 has the DDPM step’s variance β̃', async () => {
    for (const [t, tp] of [
      [999, 979],
      [500, 499],
      [40, 20],
    ] as const) {
      const eps = await guidedEps(exact, x, t, 0, { s: 3 });
      const x0 = Float64Array.from(x, (v, i) => (v - Math.sqrt(1 - ac[t]!) * eps[i]!) / Math.sqrt(ac[t]!));
      for (const eta of [0, 0.5, 1]) {
        const sigma = eta * Math.sqrt((1 - ac[tp]!) / (1 - ac[t]!)) * Math.sqrt(1 - ac[t]! / ac[tp]!);
        const z = new Rng(5);
        const want = Float64Array.from(x0, (v, i) => Math.sqrt(ac[tp]!) * v + Math.sqrt(1 - ac[tp]! - sigma * sigma) * eps[i]!);
        if (sigma > 0) for (let i = 0; i < want.length; i++) want[i]! += sigma * z.normal();
        expectClose(reverseUpdate(x, eps, ac[t]!, ac[tp]!, { sampler: 'ddim', eta }, new Rng(5)).x, want, 1e-9);
        if (eta === 1) expect(sigma * sigma).toBeCloseTo(((1 - ac[tp]!) / (1 - ac[t]!)) * (1 - ac[t]! / ac[tp]!), 14);
      }
    }
  });

  it('eq. 5.5: a negative class replaces ∅: ε̃ = ε_neg + s(ε_y − ε_neg), the score of p_t(x|y)^s p_t(x|y_neg)^{1−s} times −√(1−ᾱ_t)', async () => {
    const ex = exactFor('three-spirals');
    const xs = probes(15, 23, 2);
    for (const t of [50, 400]) {
      for (const s of [1, 2, 7.5]) {
        const got = await guidedEps(ex, xs, t, 0, { s, negative: 2 });
        expectClose(got, cfg(ex.epsCond(xs, t, 2), ex.epsCond(xs, t, 0), s), 1e-12);
        const logTilt = (p: Float64Array): Float64Array => {
          const a = ex.logDensity(p, t, 0);
          const b = ex.logDensity(p, t, 2);
          return Float64Array.from(a, (v, i) => s * v + (1 - s) * b[i]!);
        };
        const g = fdGrad(logTilt, xs);
        expectClose(
          got,
          Float64Array.from(g, (v) => -Math.sqrt(1 - ac[t]!) * v),
          1e-5,
        );
      }
    }
  });
});
