import { describe, expect, it } from 'vitest';
import {
  ExactDenoiser,
  NULL_CLASS,
  cfg,
  epsField,
  getBuiltinWorld,
  guidedField,
  makeGrid,
  makeSchedule,
  tiltedDensity,
  type Denoiser,
} from '../../../lib/science';

const schedule = makeSchedule('cosine');

describe('makeGrid', () => {
  it('puts points at cell centres, row by row from the bottom', () => {
    const g = makeGrid(2, [0, 2, 0, 4], 2);
    expect([...g.points]).toEqual([0.5, 1, 1.5, 1, 0.5, 3, 1.5, 3]);
    expect(g.cellArea).toBe(2);
    expect(() => makeGrid(0)).toThrow(/nx must be a positive integer/);
    expect(() => makeGrid(4, [1, 0, 0, 1])).toThrow(/x0 < x1/);
  });
});

describe('epsField', () => {
  const world = getBuiltinWorld('three-spirals')!;
  const exact = new ExactDenoiser(world, schedule);
  const grid = makeGrid(16);

  it('computes ε_∅ and ε_y in one denoiser call; recombining for any s is CFG', async () => {
    let calls = 0;
    const counting: Denoiser = { kind: 'exact', numClasses: 3, schedule, eps: (x, t, c) => (calls++, exact.eps(x, t, c)) };
    const field = await epsField(counting, grid, 300, 2);
    expect(calls).toBe(1);
    for (const s of [0, 1, 4]) {
      const direct = cfg(exact.epsUncond(grid.points, 300), exact.epsCond(grid.points, 300, 2), s);
      const fromCache = guidedField(field, s);
      for (let i = 0; i < direct.length; i++) expect(fromCache[i]).toBeCloseTo(direct[i]!, 12);
    }
    expect(calls).toBe(1);
    expect(field.uncond).toBe(NULL_CLASS);
  });
});

describe('tiltedDensity', () => {
  const world = getBuiltinWorld('two-gaussians')!;
  const exact = new ExactDenoiser(world, schedule);
  const grid = makeGrid(120, [-6, 6, -6, 6]);
  const moments = (p: Float64Array) => {
    let mass = 0;
    let mx = 0;
    let vx = 0;
    for (let i = 0; i < p.length; i++) {
      const w = p[i]! * grid.cellArea;
      mass += w;
      mx += w * grid.points[2 * i]!;
    }
    for (let i = 0; i < p.length; i++) vx += p[i]! * grid.cellArea * (grid.points[2 * i]! - mx) ** 2;
    return { mass, mx, vx };
  };

  it('sums to 1 on the grid; s = 1 is p(x | y), s = 0 is p(x), s > 1 moves mass away from the other class', () => {
    for (const s of [0, 1, 3]) expect(moments(tiltedDensity(exact, grid, 1, s)).mass).toBeCloseTo(1, 12);
    const cond = moments(tiltedDensity(exact, grid, 1, 1));
    expect(cond.mx).toBeCloseTo(1, 3);
    expect(cond.vx).toBeCloseTo(0.5, 2);
    // s = 0 is the marginal: mean 0, variance 0.5 + 1.
    const marg = moments(tiltedDensity(exact, grid, 1, 0));
    expect(marg.mx).toBeCloseTo(0, 6);
    expect(marg.vx).toBeCloseTo(1.5, 2);
    // Guidance tilts mass away from the other class.
    const tilted = moments(tiltedDensity(exact, grid, 1, 3));
    expect(tilted.mx).toBeGreaterThan(1.1);
    expect(tilted.vx).toBeLessThan(0.45);
  });
});
