import { describe, expect, it } from 'vitest';
import { NULL_CLASS, Rng, sampleMoments, sampleWorld } from '../../../lib/science';
import { dataDensity, exactFor, expectClose, fdGrad, gauss2, probes, quadrature, schedule, world } from './helpers';

const ab = (t: number): number => schedule.alphasCumprod[t]!;

describe('chapter 1: scores and Bayes', () => {
  it('eq. 1.1: the forward process x_t = √ᾱ x_0 + √(1−ᾱ) ε has mean √ᾱ E[x_0] and covariance ᾱ Cov(x_0) + (1−ᾱ) I', () => {
    // two-gaussians: classes at (±1, 0) with covariance 0.5 I, equal priors → E[x_0] = 0, Cov(x_0) = diag(1.5, 0.5)
    const w = world('two-gaussians');
    const rng = new Rng(11);
    const n = 40000;
    const t = 400;
    const { x0 } = sampleWorld(w, n, rng);
    const xt = new Float64Array(2 * n);
    for (let i = 0; i < 2 * n; i++) xt[i] = Math.sqrt(ab(t)) * x0[i]! + Math.sqrt(1 - ab(t)) * rng.normal();
    const { mean, cov } = sampleMoments(xt);
    expect(Math.abs(mean[0])).toBeLessThan(0.02);
    expect(Math.abs(mean[1])).toBeLessThan(0.02);
    expect(cov[0]).toBeCloseTo(ab(t) * 1.5 + 1 - ab(t), 1);
    expect(cov[1]).toBeCloseTo(0, 1);
    expect(cov[2]).toBeCloseTo(ab(t) * 0.5 + 1 - ab(t), 1);
  });

  it('eq. 1.2: p_t is the data density integrated against the Gaussian kernel (quadrature vs. the exact p_t)', () => {
    const w = world('minor-mode');
    const exact = exactFor('minor-mode');
    for (const t of [100, 500]) {
      for (const pt of [
        [0, 0],
        [-1.5, 0.2],
        [1.2, 1.0],
      ] as [number, number][]) {
        const q = quadrature(w, ab(t), pt, 5, 400);
        const logp = exact.logDensity(Float64Array.from(pt), t)[0]!;
        expect(Math.abs(Math.log(q.density) - logp)).toBeLessThan(1e-3);
      }
    }
  });

  it('eq. 1.3: each component stays Gaussian with mean √ᾱ μ_k and covariance ᾱ Σ_k + (1−ᾱ) I', () => {
    const w = world('minor-mode');
    const exact = exactFor('minor-mode');
    const x = probes(30, 3);
    for (const t of [0, 250, 999]) {
      const a = ab(t);
      w.classes.forEach((c, y) => {
        const logp = exact.logDensity(x, t, y);
        for (let i = 0; i < 30; i++) {
          let p = 0;
          for (const comp of c.components) {
            const [[s11, s12], [, s22]] = comp.cov;
            p +=
              comp.weight *
              gauss2(x[2 * i]!, x[2 * i + 1]!, Math.sqrt(a) * comp.mean[0], Math.sqrt(a) * comp.mean[1], a * s11 + 1 - a, a * s12, a * s22 + 1 - a);
          }
          expect(Math.abs(logp[i]! - Math.log(p))).toBeLessThan(1e-9);
        }
      });
    }
  });

  it('eq. 1.4: the mixture score Σ r_k C_k⁻¹(m_k − x) equals finite differences of log p_t', () => {
    for (const name of ['two-gaussians', 'three-spirals', 'minor-mode']) {
      const exact = exactFor(name);
      const x = probes(25, 5);
      for (const t of [10, 300, 900]) {
        for (const c of [NULL_CLASS, 0, 1]) {
          expectClose(
            exact.score(x, t, c),
            fdGrad((p) => exact.logDensity(p, t, c), x),
            1e-5,
          );
        }
      }
    }
  });

  it('eq. 1.5: ∇log p_t = −E[ε | x_t]/√(1−ᾱ_t), with E[ε | x_t] from quadrature over the posterior of x_0', () => {
    const w = world('minor-mode');
    const exact = exactFor('minor-mode');
    for (const t of [150, 600]) {
      const a = ab(t);
      for (const pt of [
        [0.3, -0.2],
        [-1.2, 0.5],
      ] as [number, number][]) {
        const { meanX0 } = quadrature(w, a, pt, 5, 400);
        // E[ε | x_t] = (x_t − √ᾱ E[x_0 | x_t]) / √(1−ᾱ)
        const epsMean = [(pt[0] - Math.sqrt(a) * meanX0[0]) / Math.sqrt(1 - a), (pt[1] - Math.sqrt(a) * meanX0[1]) / Math.sqrt(1 - a)];
        const x = Float64Array.from(pt);
        expectClose(exact.epsUncond(x, t), epsMean, 1e-4);
        const score = exact.score(x, t);
        expectClose(
          score,
          epsMean.map((e) => -e / Math.sqrt(1 - a)),
          1e-4,
        );
      }
    }
  });

  it('eq. 1.6: Bayes for scores, ∇log p_t(x|y) = ∇log p_t(x) + ∇log p_t(y|x) (classifier gradient by finite differences)', () => {
    const exact = exactFor('three-spirals');
    const x = probes(25, 7, 2);
    for (const t of [50, 400]) {
      for (let y = 0; y < exact.numClasses; y++) {
        const logPost = (p: Float64Array): Float64Array => {
          const post = exact.classPosterior(p, t);
          return Float64Array.from({ length: p.length >> 1 }, (_, i) => Math.log(post[i * exact.numClasses + y]!));
        };
        const rhs = exact.score(x, t, NULL_CLASS);
        const g = fdGrad(logPost, x);
        for (let i = 0; i < rhs.length; i++) rhs[i]! += g[i]!;
        expectClose(exact.score(x, t, y), rhs, 1e-5);
      }
    }
  });

  it('eq. 1.7: p_t(y | x) = Σ_{k∈y} r_k equals p(y) p_t(x|y) / Σ p(y′) p_t(x|y′)', () => {
    const w = world('minor-mode');
    const exact = exactFor('minor-mode');
    const x = probes(30, 9);
    for (const t of [0, 300, 990]) {
      const post = exact.classPosterior(x, t);
      const logs = w.classes.map((_, y) => exact.logDensity(x, t, y));
      for (let i = 0; i < 30; i++) {
        const joint = w.classes.map((c, y) => c.prior * Math.exp(logs[y]![i]!));
        const z = joint.reduce((s, v) => s + v, 0);
        for (let y = 0; y < w.classes.length; y++) expect(Math.abs(post[i * w.classes.length + y]! - joint[y]! / z)).toBeLessThan(1e-9);
      }
    }
    // data-level sanity: at t = 0 the posterior matches the clean-data Bayes rule to within the tiny ᾱ_0 blur
    const p0 = exact.classPosterior(Float64Array.from([-1.6, 0]), 0);
    const a = dataDensity(w, -1.6, 0, 0) * 0.5;
    const b = dataDensity(w, -1.6, 0, 1) * 0.5;
    expect(p0[0]).toBeCloseTo(a / (a + b), 3);
  });

  it('eq. 1.8: with two classes ∇log p_t(y|x) = (1 − p_t(y|x)) ∇ℓ_t, ℓ_t the log-odds; it is largest on the other class’s side, not only where the classes meet', () => {
    const exact = exactFor('two-gaussians');
    const x = probes(40, 17, 2.5);
    for (const t of [10, 200, 600]) {
      const logOdds = (p: Float64Array): Float64Array => {
        const post = exact.classPosterior(p, t);
        return Float64Array.from({ length: p.length >> 1 }, (_, i) => Math.log(post[2 * i]!) - Math.log(post[2 * i + 1]!));
      };
      const dl = fdGrad(logOdds, x);
      const post = exact.classPosterior(x, t);
      const want = Float64Array.from(dl, (v, j) => (1 - post[2 * (j >> 1)]!) * v);
      expectClose(exact.classifierGrad(x, t, 0), want, 1e-6);
    }
    // Class 0 sits at (−1, 0), class 1 at (+1, 0). At t = 10: small deep inside class 0, half the log-odds gradient at the
    // boundary, and the full log-odds gradient deep inside class 1 (the figure's long arrows on the other side).
    const pts = Float64Array.from([-1.5, 0, 0, 0, 1.5, 0]);
    const g = exact.classifierGrad(pts, 10, 0);
    const dl = fdGrad((p) => {
      const post = exact.classPosterior(p, 10);
      return Float64Array.from({ length: p.length >> 1 }, (_, i) => Math.log(post[2 * i]!) - Math.log(post[2 * i + 1]!));
    }, pts);
    expect(Math.abs(g[0]!)).toBeLessThan(0.01 * Math.abs(dl[0]!));
    expect(g[2]! / dl[2]!).toBeCloseTo(0.5, 6);
    expect(g[4]! / dl[4]!).toBeGreaterThan(0.99);
    expect(Math.abs(g[4]!)).toBeGreaterThan(Math.abs(g[2]!));
  });
});
