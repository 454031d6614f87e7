import { describe, expect, it } from 'vitest';
import { NULL_CLASS, cfg, cfgHoSalimans, classifierGuided, guidedEps } from '../../../lib/science';
import { exactFor, expectClose, fdGrad, probes, schedule } from './helpers';

const exact = exactFor('three-spirals');
const K = exact.numClasses;
const x = probes(25, 21, 2);
const n = x.length >> 1;
const SCALES = [0, 0.5, 1, 3, 7.5];
const TIMES = [30, 300, 800];
const sigma = (t: number): number => Math.sqrt(1 - schedule.alphasCumprod[t]!);

const logPosterior =
  (t: number, y: number) =>
  (p: Float64Array): Float64Array => {
    const post = exact.classPosterior(p, t);
    return Float64Array.from({ length: p.length >> 1 }, (_, i) => Math.log(post[i * K + y]!));
  };
const combine = (a: Float64Array, b: Float64Array, ca: number, cb: number): Float64Array => Float64Array.from(a, (v, i) => ca * v + cb * b[i]!);

/** g_s of classifier guidance, eq. 2.1, from the exact score and the exact classifier gradient. */
const gClassifier = (t: number, y: number, s: number): Float64Array => combine(exact.score(x, t, NULL_CLASS), exact.classifierGrad(x, t, y), 1, s);

describe('chapter 2: classifier guidance', () => {
  it('eq. 2.1: g_s = ∇log p_t(x) + s ∇log p_t(y|x) is the unconditional score at s = 0 and the conditional score at s = 1', () => {
    for (const t of TIMES) {
      for (let y = 0; y < K; y++) {
        expectClose(gClassifier(t, y, 0), exact.score(x, t, NULL_CLASS), 1e-12);
        expectClose(gClassifier(t, y, 1), exact.score(x, t, y), 1e-9);
      }
    }
  });

  it('eq. 2.2: g_s is the score of p_t(x) p_t(y|x)^s / Z_t(s) (finite differences of the unnormalised log density)', () => {
    for (const t of TIMES) {
      for (const s of SCALES) {
        const y = 1;
        const logTilt = (p: Float64Array): Float64Array => {
          const lp = exact.logDensity(p, t, NULL_CLASS);
          const lc = logPosterior(t, y)(p);
          return Float64Array.from(lp, (v, i) => v + s * lc[i]!);
        };
        expectClose(gClassifier(t, y, s), fdGrad(logTilt, x), 1e-5);
      }
    }
  });

  it('eq. 2.3: ε̃ = ε*_∅ − s √(1−ᾱ_t) ∇log p_t(y|x) equals −√(1−ᾱ_t) g_s', () => {
    for (const t of TIMES) {
      for (const s of SCALES) {
        const eps = classifierGuided(exact.epsUncond(x, t), exact.classifierGrad(x, t, 2), sigma(t), s);
        expectClose(
          eps,
          Float64Array.from(gClassifier(t, 2, s), (v) => -sigma(t) * v),
          1e-10,
        );
      }
    }
  });
});

describe('chapter 3: classifier-free guidance', () => {
  it('eq. 3.1: the classifier gradient is the conditional minus the unconditional score (vs. finite differences of log p_t(y|x))', () => {
    for (const t of TIMES) {
      for (let y = 0; y < K; y++) {
        const diff = combine(exact.score(x, t, y), exact.score(x, t, NULL_CLASS), 1, -1);
        expectClose(diff, fdGrad(logPosterior(t, y), x), 1e-5);
      }
    }
  });

  it('eq. 3.2: (1−s)∇log p_t(x) + s∇log p_t(x|y) equals classifier guidance g_s for exact scores', () => {
    for (const t of TIMES) {
      for (const s of SCALES) {
        const g = combine(exact.score(x, t, NULL_CLASS), exact.score(x, t, 0), 1 - s, s);
        expectClose(g, gClassifier(t, 0, s), 1e-9);
      }
    }
  });

  it('eq. 3.3: the difference form ∇log p_t(x) + s(∇log p_t(x|y) − ∇log p_t(x)) equals the (1−s) form', () => {
    for (const t of TIMES) {
      for (const s of SCALES) {
        const u = exact.score(x, t, NULL_CLASS);
        const c = exact.score(x, t, 1);
        const diffForm = Float64Array.from(u, (v, i) => v + s * (c[i]! - v));
        expectClose(diffForm, combine(u, c, 1 - s, s), 1e-10);
      }
    }
  });

  it('eq. 3.4: classifier guidance equals CFG for exact scores (ε_∅ + s(ε_y − ε_∅), also via the doubled batch)', async () => {
    for (const t of TIMES) {
      for (const s of SCALES) {
        for (let y = 0; y < K; y++) {
          const epsCfg = cfg(exact.epsUncond(x, t), exact.epsCond(x, t, y), s);
          const epsCg = classifierGuided(exact.epsUncond(x, t), exact.classifierGrad(x, t, y), sigma(t), s);
          expectClose(epsCfg, epsCg, 1e-9);
          expectClose(epsCfg, combine(exact.epsUncond(x, t), exact.epsCond(x, t, y), 1 - s, s), 1e-10);
          expectClose(await guidedEps(exact, x, t, y, { s }), epsCfg, 1e-12);
        }
      }
    }
    expect(n).toBe(25);
  });

  it('eq. 3.5: p_t(x)^{1−s} p_t(x|y)^s ∝ p_t(x) p_t(y|x)^s (the log ratio is constant in x)', () => {
    for (const t of TIMES) {
      for (const s of SCALES) {
        const y = 0;
        const a = exact.logDensity(x, t, NULL_CLASS);
        const c = exact.logDensity(x, t, y);
        const lc = logPosterior(t, y)(x);
        const ratio = Float64Array.from(a, (v, i) => (1 - s) * v + s * c[i]! - (v + s * lc[i]!));
        for (let i = 1; i < ratio.length; i++) expect(Math.abs(ratio[i]! - ratio[0]!)).toBeLessThan(1e-9);
        // the constant is −s log p(y)
        expect(ratio[0]!).toBeCloseTo(-s * Math.log(1 / K), 9);
      }
    }
  });

  it("eq. 3.6: Ho & Salimans' (1+w)ε_y − wε_∅ with w = s − 1 equals ε_∅ + s(ε_y − ε_∅)", () => {
    for (const t of TIMES) {
      const eu = exact.epsUncond(x, t);
      const ec = exact.epsCond(x, t, 1);
      for (const s of SCALES) expectClose(cfgHoSalimans(ec, eu, s - 1), cfg(eu, ec, s), 1e-12);
    }
  });
});
