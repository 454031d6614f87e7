import { describe, expect, it } from 'vitest';
import { BUILTIN_WORLDS, DEFAULT_WORLD, Rng, classIndex, getBuiltinWorld, sampleMoments, sampleWorld } from '../../../lib/science';

describe('built-in worlds', () => {
  it('has at least four small worlds on about [-3, 3]², each with a description, the default first', () => {
    const worlds = Object.values(BUILTIN_WORLDS);
    expect(worlds.length).toBeGreaterThanOrEqual(4);
    expect(Object.keys(BUILTIN_WORLDS)[0]).toBe(DEFAULT_WORLD);
    for (const w of worlds) {
      expect(w.description.length).toBeGreaterThan(20);
      const comps = w.classes.flatMap((c) => c.components);
      expect(comps.length).toBeLessThanOrEqual(60);
      for (const k of comps) for (const m of k.mean) expect(Math.abs(m)).toBeLessThan(3.2);
    }
    expect(getBuiltinWorld('two-gaussians')).toBe(BUILTIN_WORLDS['two-gaussians']);
    expect(getBuiltinWorld('toString')).toBeUndefined();
  });
});

describe('sampleWorld', () => {
  const world = getBuiltinWorld('two-gaussians')!;

  it('draws class y from N(μ_y, Σ_y): sample mean and covariance within 4 standard errors', () => {
    const n = 20000;
    const { x0, y } = sampleWorld(world, n, new Rng(3), 1);
    expect([...new Set(y)]).toEqual([1]);
    const { mean, cov } = sampleMoments(x0);
    const se = Math.sqrt(0.5 / n);
    expect(Math.abs(mean[0] - 1)).toBeLessThan(4 * se);
    expect(Math.abs(mean[1])).toBeLessThan(4 * se);
    // Var of a sample variance of N(0, v): 2v²/n.
    const seVar = Math.sqrt((2 * 0.25) / n);
    expect(Math.abs(cov[0] - 0.5)).toBeLessThan(4 * seVar);
    expect(Math.abs(cov[2] - 0.5)).toBeLessThan(4 * seVar);
    expect(Math.abs(cov[1])).toBeLessThan(4 * Math.sqrt(0.25 / n));
  });

  it('draws correlated Gaussians through the Cholesky factor (covariance recovered)', () => {
    // One Gaussian component of weight 1 at `mean` with covariance [[a, b], [b, c]].
    const gauss = (mean: [number, number], a: number, b: number, c: number) => ({
      weight: 1,
      mean,
      cov: [[a, b] as [number, number], [b, c] as [number, number]] as [[number, number], [number, number]],
    });
    const w = {
      name: 'c',
      description: '',
      classes: [
        { name: 'a', prior: 1, components: [gauss([0, 0], 1, 0.8, 2)] },
        { name: 'b', prior: 1, components: [gauss([5, 5], 1, 0, 1)] },
      ],
    };
    const { cov } = sampleMoments(sampleWorld(w, 20000, new Rng(5), 0).x0);
    expect(cov[0]).toBeCloseTo(1, 1);
    expect(cov[1]).toBeCloseTo(0.8, 1);
    expect(cov[2]).toBeCloseTo(2, 1);
  });

  it('draws classes by prior and components by weight (frequencies within 4 standard errors)', () => {
    const w = getBuiltinWorld('minor-mode')!;
    const n = 20000;
    const { x0, y } = sampleWorld(w, n, new Rng(7));
    const shareA = y.filter((c) => c === 0).length / n;
    expect(Math.abs(shareA - 0.5)).toBeLessThan(4 * Math.sqrt(0.25 / n));
    // Class a's minor mode (weight 0.25) sits at x > 0, its major mode at x = −1.6.
    let a = 0;
    let minor = 0;
    for (let i = 0; i < n; i++) {
      if (y[i] !== 0) continue;
      a++;
      if (x0[2 * i]! > 0) minor++;
    }
    expect(Math.abs(minor / a - 0.25)).toBeLessThan(4 * Math.sqrt((0.25 * 0.75) / a));
  });

  it('is reproducible for a seed and differs across seeds', () => {
    const a = sampleWorld(world, 100, new Rng(11));
    const b = sampleWorld(world, 100, new Rng(11));
    const c = sampleWorld(world, 100, new Rng(12));
    expect(a).toEqual(b);
    expect(a.x0).not.toEqual(c.x0);
  });

  it('refuses a bad class or count', () => {
    expect(() => sampleWorld(world, 10, new Rng(1), 2)).toThrow(/class y must be an integer in \[0, 1\]/);
    expect(() => sampleWorld(world, -1, new Rng(1))).toThrow(/n must be/);
  });
});

describe('classIndex', () => {
  it('finds classes by name or 0-based index', () => {
    const w = getBuiltinWorld('three-spirals')!;
    expect(classIndex(w, 'green')).toBe(1);
    expect(classIndex(w, '2')).toBe(2);
    expect(classIndex(w, 0)).toBe(0);
    expect(classIndex(w, '3')).toBeUndefined();
    expect(classIndex(w, '-1')).toBeUndefined();
    expect(classIndex(w, 'purple')).toBeUndefined();
  });
});

describe('built-in worlds are immutable', () => {
  it('throws on an attempt to change one (cached tables would go stale)', () => {
    const w = getBuiltinWorld('two-gaussians')!;
    expect(() => {
      (w.classes[0]!.components[0]!.mean as number[])[0] = 5;
    }).toThrow(TypeError);
    expect(w.classes[0]!.components[0]!.mean[0]).toBe(-1);
  });
});
