/** Claims the chapters make in words (not numbered equations) that the exact model can check. Ids refer to docs/claims.md. */
import { describe, expect, it } from 'vitest';
import { NULL_CLASS, guidedEps } from '../../../lib/science';
import { resolveTrainOptions } from '../../../lib/model/train';
import { exactFor, probes, schedule, world } from './helpers';

describe('prose claims (docs/claims.md)', () => {
  it('C1.1: at large t the noisy classifier tends to the prior p(y) and its gradient fades; at small t it is sharp', () => {
    const exact = exactFor('two-gaussians');
    const x = probes(50, 41, 2);
    const post = exact.classPosterior(x, 999);
    for (const p of post) expect(Math.abs(p - 0.5)).toBeLessThan(0.01);
    const gLate = exact.classifierGrad(x, 999, 0).reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    const gEarly = exact.classifierGrad(x, 10, 0).reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    expect(gLate).toBeLessThan(0.05);
    expect(gEarly).toBeGreaterThan(1);
  });

  it('C1.2: at t = T−1 the exact score is close to −x (the noised world is almost a standard Gaussian)', () => {
    const exact = exactFor('three-spirals');
    const x = probes(50, 43, 2.5);
    const s = exact.score(x, schedule.T - 1, NULL_CLASS);
    for (let i = 0; i < x.length; i++) expect(Math.abs(s[i]! + x[i]!)).toBeLessThan(0.02);
  });

  it('C4.2: the toy trains with p_uncond = 0.1 by default', () => {
    const o = resolveTrainOptions({ world: world('two-gaussians'), steps: 100 }, schedule.T);
    expect(o.pUncond).toBe(0.1);
  });

  it('C5.4: at s = 1 the guided prediction is ε_y exactly (no unconditional half is needed)', async () => {
    const exact = exactFor('three-spirals');
    const x = probes(10, 47, 2);
    const got = await guidedEps(exact, x, 400, 2, { s: 1 });
    const want = exact.epsCond(x, 400, 2);
    for (let i = 0; i < x.length; i++) expect(got[i]).toBe(want[i]);
  });

  it('C3.2: the worked numbers of chapter 3 (0.9^7.5 ≈ 0.45, 0.5^7.5 ≈ 0.0055, ratio ≈ 80, ratio at s = 1 under 2)', () => {
    expect(0.9 ** 7.5).toBeCloseTo(0.45, 2);
    expect(0.5 ** 7.5).toBeCloseTo(0.0055, 4);
    expect(0.9 ** 7.5 / 0.5 ** 7.5).toBeGreaterThan(75);
    expect(0.9 ** 7.5 / 0.5 ** 7.5).toBeLessThan(85);
    expect(0.9 / 0.5).toBeLessThan(2);
  });
});
