/** Chapter 8's equations, each against a hand computation (ᾱ_t = 0.64: √ᾱ_t = 0.8, σ_t = 0.6). */
import { describe, expect, it } from 'vitest';
import { cfg, guidedEps, slicedWasserstein } from '../../../lib/science';
import { sweetSpot } from '../../../lib/views/guidance-sweep';
import { apg, cfgPlusPlusEps, cfgPlusPlusStep, dynamicThreshold, fromEps, PARAMETERISATIONS, quantile, toEps } from '../../../lib/science/rules';
import { reverseUpdate } from '../../../lib/science/samplers';
import { Rng } from '../../../lib/science/random';
import { RULE_PRESETS } from '../../../lib/science/rule-presets';
import { exactFor, expectClose, probes, schedule } from './helpers';

const AB = 0.64;
const x = Float64Array.of(1, 2);
const eps = Float64Array.of(0.5, -1);
const v = (...a: number[]) => Float64Array.from(a);

describe('chapter 8: guidance beyond CFG', () => {
  it('eq. 8.1: x̂_0, v, the score and the flow velocity of ε at x_t by hand (x_t = (1, 2), ε = (0.5, −1))', () => {
    expectClose(fromEps('x0', eps, x, AB), v(0.875, 3.25)); // ((1 − 0.3)/0.8, (2 + 0.6)/0.8)
    expectClose(fromEps('v', eps, x, AB), v(-0.125, -2.75)); // 0.8 ε − 0.6 x̂_0
    expectClose(fromEps('score', eps, x, AB), v(-0.5 / 0.6, 1 / 0.6));
    expectClose(fromEps('flow', eps, x, AB), v(-0.375, -4.25)); // ε − x̂_0
    for (const k of PARAMETERISATIONS) expectClose(toEps(k, fromEps(k, eps, x, AB), x, AB), eps, 1e-12);
  });

  it('eq. 8.2: CFG is the same rule in every parameterisation: P(ε̃) = P_∅ + s (P_y − P_∅), exact world, 200 points, 3 t, 4 s', () => {
    const d = exactFor('three-spirals');
    const xs = probes(200, 7);
    const n = xs.length / 2;
    for (const t of [50, 400, 900]) {
      const ab = schedule.alphasCumprod[t]!;
      const eu = d.eps(xs, t, new Int32Array(n).fill(-1));
      const ey = d.eps(xs, t, new Int32Array(n).fill(1));
      for (const s of [0, 1, 3, 7.5]) {
        const guided = cfg(eu, ey, s);
        for (const k of PARAMETERISATIONS) {
          const direct = cfg(fromEps(k, eu, xs, ab), fromEps(k, ey, xs, ab), s);
          expectClose(fromEps(k, guided, xs, ab), direct, 1e-9);
        }
      }
    }
    // and not for a rule that is not affine in the prediction: the norm-matching rescale differs between ε and x̂_0
    const eu = v(0.1, 0.2);
    const ey = v(0.5, -1);
    const g = cfg(eu, ey, 3);
    const rescaleIn = (b: Float64Array, gg: Float64Array) => gg.map((z) => (z * Math.hypot(...b)) / Math.hypot(...gg));
    const inX0 = toEps('x0', rescaleIn(fromEps('x0', ey, x, AB), fromEps('x0', g, x, AB)), x, AB);
    expect(Math.abs(inX0[0]! - rescaleIn(ey, g)[0]!)).toBeGreaterThan(0.01);
  });

  it('eq. 8.3: the guidance interval of Kynkäänniemi et al. in EDM σ = σ_t/√ᾱ_t ∈ (0.28, 5.42] on the linear schedule', async () => {
    const d = exactFor('two-gaussians');
    const ac = schedule.alphasCumprod;
    const inside = (t: number) => {
      const k = Math.sqrt(1 - ac[t]!) / Math.sqrt(ac[t]!);
      return k > 0.28 && k <= 5.42;
    };
    // by hand: σ_EDM(t) = √((1 − ᾱ)/ᾱ) crosses 0.28 where ᾱ = 1/(1 + 0.28²) = 0.92732 and 5.42 where ᾱ = 1/(1 + 5.42²) = 0.03291
    const lo = Array.from({ length: 1000 }, (_, t) => t).find(inside)!;
    expect(ac[lo]!).toBeLessThan(1 / (1 + 0.28 ** 2));
    expect(ac[lo - 1]!).toBeGreaterThanOrEqual(1 / (1 + 0.28 ** 2));
    const hi = 999 - [...Array.from({ length: 1000 }, (_, t) => t)].reverse().findIndex(inside);
    expect([lo, hi]).toEqual([82, 578]); // the chapter's "82 ≤ t ≤ 578"
    expect(ac[hi]!).toBeGreaterThanOrEqual(1 / (1 + 5.42 ** 2) - 1e-15);
    const xs = probes(50, 3);
    const rule = RULE_PRESETS.find((p) => p.id === 'interval')!.text;
    for (const t of [lo - 1, lo, hi, Math.min(999, hi + 1)]) {
      const a = await guidedEps(d, xs, t, 1, { s: 4, rule });
      const b = await guidedEps(d, xs, t, 1, { s: inside(t) ? 4 : 1 });
      expectClose(a, b, 1e-12);
    }
  });

  it('eq. 8.4: the APG split by hand: Δ = x̂_y − x̂_∅ = (1, −1) against x̂_y = (2, 0): Δ_∥ = (1, 0), Δ_⊥ = (0, −1)', () => {
    const x0 = v(0, 0);
    const ey = v(-8 / 3, 0); // x_t = 0, so x̂_0 = −0.75 ε: x̂_y = (2, 0)
    const eu = v(-4 / 3, -4 / 3); // x̂_∅ = (1, 1)
    // η = 1 keeps Δ_∥ + Δ_⊥ = Δ: CFG; η = 0 keeps Δ_⊥ only: x̂_y + 2 (0, −1)
    expectClose(fromEps('x0', apg(eu, ey, x0, AB, 3, { eta: 1, r: 0 }), x0, AB), v(4, -2));
    expectClose(fromEps('x0', apg(eu, ey, x0, AB, 3, { eta: 0, r: 0 }), x0, AB), v(2, -2));
    expectClose(fromEps('x0', apg(eu, ey, x0, AB, 3, { eta: 0.5, r: 0 }), x0, AB), v(3, -2));
    expectClose(apg(eu, ey, x0, AB, 3, { eta: 1, r: 0 }), cfg(eu, ey, 3), 1e-12);
  });

  it('eq. 8.5: the APG update with the norm threshold: r = √2/2 halves Δ, so x̂ = (2, 0) + 2 (0, −½) = (2, −1)', () => {
    const x0 = v(0, 0);
    const ey = v(-8 / 3, 0);
    const eu = v(-4 / 3, -4 / 3);
    expectClose(fromEps('x0', apg(eu, ey, x0, AB, 3, { eta: 0, r: Math.SQRT2 / 2 }), x0, AB), v(2, -1));
    expectClose(fromEps('x0', apg(eu, ey, x0, AB, 3, { eta: 0, r: 10 }), x0, AB), v(2, -2)); // ‖Δ‖ < r: untouched
  });

  it('eq. 8.6: a CFG++ DDIM step by hand: ᾱ_prev = 0.9216, λ = 0.5, ε_∅ = 0, ε_y = (0.5, −1)', () => {
    const out = cfgPlusPlusStep(x, v(0, 0), eps, AB, 0.9216, 0.5);
    expectClose(out, v(1.02, 2.76)); // 0.96 · ((1 − 0.15)/0.8, (2 + 0.3)/0.8) + 0.28 · 0
  });

  it('eq. 8.7: the ε* that makes a plain DDIM step land where CFG++ does: (0.40909…, −0.81818…) = (0.18/0.44, −0.36/0.44)', () => {
    const e = cfgPlusPlusEps(v(0, 0), eps, AB, 0.9216, 0.5);
    expectClose(e, v(0.18 / 0.44, -0.36 / 0.44));
    const step = reverseUpdate(x, e, AB, 0.9216, { sampler: 'ddim', eta: 0 }, new Rng(1));
    expectClose(step.x, v(1.02, 2.76), 1e-12);
    // C8.4: r = √ᾱ_prev σ_t/√ᾱ_t exceeds σ_prev for every pair of timesteps prev < t (σ_t/√ᾱ_t grows with t)
    const ac = schedule.alphasCumprod;
    for (let t = 1; t < 1000; t += 7) {
      for (const prev of [0, t >> 1, t - 1])
        expect((Math.sqrt(ac[prev]!) * Math.sqrt(1 - ac[t]!)) / Math.sqrt(ac[t]!)).toBeGreaterThan(Math.sqrt(1 - ac[prev]!));
    }
  });

  it('eq. 8.8: dynamic thresholding by hand: x̂_0 = (3, −1), b = 1, p = 0.995 gives k = 2.99 and (1, −1/2.99)', () => {
    expect(quantile([1, 3], 0.995)).toBeCloseTo(2.99, 12);
    expectClose(dynamicThreshold(v(3, -1), 0.995, 1), v(1, -1 / 2.99));
    expectClose(dynamicThreshold(v(0.5, -0.2), 0.995, 1), v(0.5, -0.2)); // inside the bound: unchanged
    expectClose(dynamicThreshold(v(6, 0, 1, 1), 0.5, 2), v(2 * (3 / 3), 0, 1, 1)); // k = max(2, 3) = 3 → 3·2/3; second point unchanged
  });

  it('eq. 8.9: the sliced Wasserstein distance by hand: one point at 0 against one at (d, 0) is d/√2; the sweet spot is its smallest value', () => {
    expect(slicedWasserstein(v(0, 0), v(3, 0))).toBeCloseTo(3 / Math.SQRT2, 12); // mean of cos²θ over the half circle is ½
    expect(slicedWasserstein(v(0, 0, 1, 1), v(1, 1, 0, 0))).toBeCloseTo(0, 12); // the same set in another order
    const pts = [0, 1, 2, 3, 5].map((s, i) => ({ s, distance: [0.5, 0.3, 0.2, 0.25, 0.4][i]! }));
    expect(sweetSpot(pts)).toEqual({ s: 2, distance: 0.2, atOne: 0.3, interior: true });
    expect(sweetSpot(pts.map((p) => ({ ...p, distance: p.s }))).interior).toBe(false); // best at s = 0: no U above 1
  });
});
