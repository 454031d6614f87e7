import { describe, expect, it } from 'vitest';
import { Rng, getBuiltinWorld, sampleWorld } from '../../../lib/science';
import { componentCoverage, fidelity, logDetCov, meanNll, sampleMetrics, slicedWasserstein, wasserstein1dSquared } from '../../../lib/science/metrics';

describe('Wasserstein distances', () => {
  it('W₂² in 1D is exact for shifts and for sets of different sizes', () => {
    expect(wasserstein1dSquared(Float64Array.from([0, 1, 2]), Float64Array.from([3, 4, 5]))).toBeCloseTo(9, 14);
    // {0, 1} against {0, 0, 1, 1}: the quantile functions coincide.
    expect(wasserstein1dSquared(Float64Array.from([1, 0]), Float64Array.from([0, 1, 1, 0]))).toBeCloseTo(0, 14);
    // {0} against {0, 2}: half the mass moves by 2 → W₂² = 2.
    expect(wasserstein1dSquared(Float64Array.from([0]), Float64Array.from([0, 2]))).toBeCloseTo(2, 14);
  });

  it('sliced W₂ of a set and its shift by v is |v|/√2 (mean of (v·u)² over the half circle is |v|²/2)', () => {
    const { x0 } = sampleWorld(getBuiltinWorld('three-spirals')!, 500, new Rng(1));
    const shifted = x0.map((v, i) => v + (i % 2 === 0 ? 0.6 : -0.8));
    expect(slicedWasserstein(x0, x0)).toBe(0);
    expect(slicedWasserstein(x0, shifted)).toBeCloseTo(1 / Math.SQRT2, 10);
  });
});

describe('sample metrics against the world', () => {
  const world = getBuiltinWorld('two-gaussians')!; // N((∓1, 0), 0.5 I)

  it('fidelity is p(y | x) at the data level: 1/(1 + e^{−4x/2·…}) for two equal Gaussians', () => {
    // log p(plus|x) − log p(minus|x) = 2 x₁ μ / σ² with μ = 1, σ² = 0.5 → logistic(4 x₁).
    const x = Float64Array.from([0, 3, 0.25, -1, -0.5, 0]);
    const expected = [0.5, 1 / (1 + Math.exp(-1)), 1 / (1 + Math.exp(2))];
    expect(fidelity(world, x, 1)).toBeCloseTo(expected.reduce((a, b) => a + b) / 3, 12);
  });

  it('mean NLL is −mean log N(x; μ_y, Σ_y) for a one-Gaussian class', () => {
    const x = Float64Array.from([1, 0, 2, 1]);
    const logN = (dx: number, dy: number) => -Math.log(2 * Math.PI * 0.5) - (dx * dx + dy * dy) / (2 * 0.5);
    expect(meanNll(world, x, 1)).toBeCloseTo(-(logN(0, 0) + logN(1, 1)) / 2, 12);
  });

  it('log det cov of direct draws estimates log det Σ = 2 log 0.5 (within 4 standard errors ≈ 0.06)', () => {
    const { x0 } = sampleWorld(world, 10000, new Rng(2), 0);
    expect(Math.abs(logDetCov(x0) - 2 * Math.log(0.5))).toBeLessThan(0.06);
  });

  it('component coverage counts the class components that receive samples', () => {
    const spirals = getBuiltinWorld('three-spirals')!;
    const all = sampleWorld(spirals, 3000, new Rng(3), 2).x0;
    expect(componentCoverage(spirals, all, 2)).toBe(1);
    expect(componentCoverage(spirals, all, 0)).toBeLessThan(0.5);
    const m = sampleMetrics(spirals, all, 2);
    expect(m.n).toBe(3000);
    expect(m.fidelity).toBeGreaterThan(0.8);
  });
});
