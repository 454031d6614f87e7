import { describe, expect, it } from 'vitest';
import { ExactDenoiser, cfg, cfgRescale, effectiveScale, guidedEps, makeGrid, tiltedLogDensity, type World } from '../../../lib/science';
import { exactFor, expectClose, probes, schedule } from './helpers';

const ac = schedule.alphasCumprod;

/** Variance along the first axis of exp(logDensity) on a fine grid of [−8, 8]². */
function gridVariance(logDensity: (p: Float64Array) => Float64Array): number {
  const m = 321;
  const h = 16 / (m - 1);
  const pts = new Float64Array(2 * m * m);
  for (let i = 0; i < m; i++)
    for (let j = 0; j < m; j++) {
      pts[2 * (i * m + j)] = -8 + i * h;
      pts[2 * (i * m + j) + 1] = -8 + j * h;
    }
  const lp = logDensity(pts);
  const mx = lp.reduce((a, b) => Math.max(a, b), -Infinity);
  let z = 0;
  let s1 = 0;
  let s2 = 0;
  for (let k = 0; k < lp.length; k++) {
    const w = Math.exp(lp[k]! - mx);
    const u = pts[2 * k]!;
    z += w;
    s1 += w * u;
    s2 += w * u * u;
  }
  return s2 / z - (s1 / z) ** 2;
}

const iso = (v: number): [[number, number], [number, number]] => [
  [v, 0],
  [0, v],
];

describe('chapter 7: what guidance really does', () => {
  it('eq. 7.1: the tilted target p(x_0|y)^s p(x_0)^{1−s} ∝ p(x_0) p(y|x_0)^s (log ratio constant over a grid)', () => {
    const exact = exactFor('minor-mode');
    const grid = makeGrid(24);
    for (const s of [0.5, 2, 7.5]) {
      const tilt = tiltedLogDensity(exact, grid, 0, s, 0);
      const lp = exact.logDensity(grid.points, 0);
      const post = exact.classPosterior(grid.points, 0);
      const r = Float64Array.from(tilt, (v, i) => v - (lp[i]! + s * Math.log(post[i * exact.numClasses]!)));
      // relative tolerance: far from the data the log densities are in the hundreds
      for (let i = 1; i < r.length; i++) expect(Math.abs(r[i]! - r[0]!)).toBeLessThan(1e-8 * (1 + Math.abs(tilt[i]!)));
    }
  });

  it('eq. 7.2: reweighting and blurring do not commute: ᾱ/λ_0 + 1 − ᾱ ≠ 1/λ_t for two Gaussians (v = ½, s = 2)', () => {
    const v = 0.5;
    const s = 2;
    const mu = 0.7;
    const lambda0 = s / v + (1 - s);
    // "p(x_0)" = N(0, I) as class 0, "p(x_0 | y)" = N(μ e_1, v I) as class 1, and the clean tilt q_s as class 2
    const qMean = (s * mu) / v / lambda0;
    const w: World = {
      name: 'tilt-check',
      description: 'two Gaussians and their clean tilt',
      classes: [
        { name: 'marginal', prior: 1 / 3, components: [{ weight: 1, mean: [0, 0], cov: iso(1) }] },
        { name: 'conditional', prior: 1 / 3, components: [{ weight: 1, mean: [mu, 0], cov: iso(v) }] },
        { name: 'tilt', prior: 1 / 3, components: [{ weight: 1, mean: [qMean, 0], cov: iso(1 / lambda0) }] },
      ],
    };
    const exact = new ExactDenoiser(w, schedule);
    let maxGap = 0;
    for (const t of [150, 300, 500]) {
      const a = ac[t]!;
      const lambdaT = s / (a * v + 1 - a) + (1 - s);
      const reweightThenBlur = gridVariance((p) => exact.logDensity(p, t, 2));
      const blurThenReweight = gridVariance((p) => {
        const l0 = exact.logDensity(p, t, 0);
        const l1 = exact.logDensity(p, t, 1);
        return Float64Array.from(l0, (x, i) => (1 - s) * x + s * l1[i]!);
      });
      expect(reweightThenBlur).toBeCloseTo(a / lambda0 + 1 - a, 4);
      expect(blurThenReweight).toBeCloseTo(1 / lambdaT, 4);
      maxGap = Math.max(maxGap, reweightThenBlur - blurThenReweight);
    }
    expect(maxGap).toBeGreaterThan(0.03);
    // the worked numbers of the chapter: ᾱ = ½ gives 2/3 against 3/5
    expect(0.5 / lambda0 + 0.5).toBeCloseTo(2 / 3, 12);
    expect(1 / (s / (0.5 * v + 0.5) + 1 - s)).toBeCloseTo(3 / 5, 12);
  });

  it('eq. 7.3: inside [t_lo, t_hi] the scale is s, outside it is 1 (the plain conditional ε_y)', async () => {
    const exact = exactFor('three-spirals');
    const x = probes(12, 31, 2);
    const g = { s: 7.5, interval: [200, 700] as const };
    for (const t of [0, 199, 200, 450, 700, 701, 999]) {
      const inside = t >= 200 && t <= 700;
      expect(effectiveScale(g, t)).toBe(inside ? 7.5 : 1);
      const got = await guidedEps(exact, x, t, 1, g);
      const want = inside ? cfg(exact.epsUncond(x, t), exact.epsCond(x, t, 1), 7.5) : exact.epsCond(x, t, 1);
      expectClose(got, want, 1e-12);
    }
  });

  it('eq. 7.4: CFG-rescale is φ (σ(ε_y)/σ(ε̃)) ε̃ + (1−φ) ε̃ with σ the vector length of a point’s prediction', () => {
    const exact = exactFor('three-spirals');
    const x = probes(12, 37, 2);
    const t = 300;
    const ey = exact.epsCond(x, t, 0);
    const guided = cfg(exact.epsUncond(x, t), ey, 7.5);
    for (const phi of [0, 0.3, 0.7, 1]) {
      const got = cfgRescale(guided, ey, phi);
      for (let i = 0; i < x.length; i += 2) {
        const ratio = Math.hypot(ey[i]!, ey[i + 1]!) / Math.hypot(guided[i]!, guided[i + 1]!);
        for (const d of [0, 1]) {
          const want = phi * ratio * guided[i + d]! + (1 - phi) * guided[i + d]!;
          expect(Math.abs(got[i + d]! - want)).toBeLessThan(1e-12);
        }
        if (phi === 1) expect(Math.hypot(got[i]!, got[i + 1]!)).toBeCloseTo(Math.hypot(ey[i]!, ey[i + 1]!), 12);
      }
    }
  });
});
