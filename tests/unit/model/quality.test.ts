import { describe, expect, it } from 'vitest';
import { guidedPathError, slicedWassersteinTable } from '../../../lib/model/quality';
import { ExactDenoiser } from '../../../lib/science/exact';
import { makeSchedule } from '../../../lib/science/schedule';
import { NULL_CLASS, type Denoiser } from '../../../lib/science/types';
import { getBuiltinWorld } from '../../../lib/science/worlds';

const world = getBuiltinWorld('two-gaussians')!;
const exact = new ExactDenoiser(world, makeSchedule('linear', 1000));

/** The exact denoiser with `offset` added to ε for every real class (not ∅), or for class `only`, at t in [lo, hi]. */
function offsetDenoiser(offset: [number, number], lo = 0, hi = 999, only?: number): Denoiser {
  return {
    kind: 'learned',
    numClasses: 2,
    schedule: exact.schedule,
    async eps(x, t, cond) {
      const e = exact.eps(x, t, cond);
      if (t >= lo && t <= hi)
        for (let i = 0; i < cond.length; i++)
          if (cond[i] !== NULL_CLASS && (only === undefined || cond[i] === only)) for (const d of [0, 1]) e[2 * i + d]! += offset[d]!;
      return e;
    },
  } as Denoiser;
}

describe('guidedPathError: the learned guidance direction along exact guided paths', () => {
  const opts = { n: 60, steps: 20, seed: 3 };

  it('is zero for the exact denoiser', async () => {
    const rows = await guidedPathError(exact, world, opts);
    expect(rows).toHaveLength(4);
    for (const r of rows) expect(r.rmseDiff).toBe(0);
  });

  it('measures an error in ε_y alone as the RMSE over both coordinates, in the band where it is', async () => {
    const rows = await guidedPathError(offsetDenoiser([0.3, -0.1], 100, 299), world, opts);
    expect(rows.map((r) => [r.band.lo, r.steps])).toEqual([
      [0, 2],
      [100, 4],
      [300, 6],
      [600, 8],
    ]); // 20 steps, stride 50
    expect(rows[1]!.rmseDiff).toBeCloseTo(Math.sqrt((0.3 ** 2 + 0.1 ** 2) / 2), 10);
    for (const i of [0, 2, 3]) expect(rows[i]!.rmseDiff).toBe(0);
  });

  it('does not see an error shared by ε_y and ε_∅ (guidance cancels it)', async () => {
    const shared: Denoiser = {
      ...exact,
      kind: 'learned',
      schedule: exact.schedule,
      numClasses: 2,
      eps: async (x, t, c) => exact.eps(x, t, c).map((v) => v + 0.2),
    } as Denoiser;
    for (const r of await guidedPathError(shared, world, opts)) expect(r.rmseDiff).toBeLessThan(1e-12);
  });
});

describe('slicedWassersteinTable: repeats', () => {
  const opts = { scales: [3], n: 80, steps: 10, seed: 11 };
  const shifted = offsetDenoiser([0.3, 0]);

  it('repeat 0 is the single run; the ratio is the summed distances over the repeats, each repeat reported', async () => {
    const [one] = await slicedWassersteinTable(shifted, world, opts);
    const [three] = await slicedWassersteinTable(shifted, world, { ...opts, repeats: 3 });
    expect(one!.ratios).toEqual([one!.ratio]);
    expect(three!.ratios).toHaveLength(3);
    expect(three!.ratios[0]).toBe(one!.ratio);
    // independent draws: the repeats differ, and the pooled ratio lies between the smallest and largest
    expect(new Set(three!.ratios).size).toBe(3);
    expect(three!.ratio).toBeGreaterThanOrEqual(Math.min(...three!.ratios));
    expect(three!.ratio).toBeLessThanOrEqual(Math.max(...three!.ratios));
    expect(three!.ratio).toBeCloseTo(three!.learned / three!.floor, 12);
    // a biased ε is seen by every repeat: each ratio well above the floor
    for (const r of three!.ratios) expect(r).toBeGreaterThan(1.5);
  });
});

describe('slicedWassersteinTable: by class', () => {
  it("each class's ratio is its own distances over its own floor; the table's ratio is their floor-weighted mean", async () => {
    // class 1 (plus) biased, class 0 exact: the distance comes from class 1 alone
    const plusOnly = offsetDenoiser([0.3, 0], 0, 999, 1);
    const [row] = await slicedWassersteinTable(plusOnly, world, { scales: [3], n: 80, steps: 10, seed: 11, repeats: 2 });
    expect(row!.byClass).toHaveLength(2);
    expect(row!.byClass[0]).toBeLessThan(1.5);
    expect(row!.byClass[1]).toBeGreaterThan(2);
    expect(row!.ratio).toBeGreaterThan(Math.min(...row!.byClass));
    expect(row!.ratio).toBeLessThan(Math.max(...row!.byClass));
  });
});
