import { describe, expect, it } from 'vitest';
import {
  ExactDenoiser,
  NULL_CLASS,
  Rng,
  cfg,
  cfgHoSalimans,
  cfgRescale,
  getBuiltinWorld,
  guidedEps,
  makeSchedule,
  validateGuidance,
  type Denoiser,
  type Points,
} from '../../../lib/science';

const schedule = makeSchedule('linear');
const world = getBuiltinWorld('three-spirals')!;
const exact = new ExactDenoiser(world, schedule);
const rng = new Rng(42);
const x = Float64Array.from({ length: 40 }, () => 4 * rng.uniform() - 2);
const n = x.length >> 1;

function expectClose(a: ArrayLike<number>, b: ArrayLike<number>, tol = 1e-12): void {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) expect(Math.abs(a[i]! - b[i]!)).toBeLessThan(tol * Math.max(1, Math.abs(b[i]!)));
}

/** An exact denoiser that records every call. */
class SpyDenoiser implements Denoiser {
  readonly kind = 'exact' as const;
  readonly numClasses = exact.numClasses;
  readonly schedule = schedule;
  calls: { n: number; cond: Int32Array }[] = [];
  eps(xs: Points, t: number, cond: Int32Array): Float64Array {
    this.calls.push({ n: xs.length >> 1, cond: Int32Array.from(cond) });
    return exact.eps(xs, t, cond);
  }
}

describe('guidance rules', () => {
  const t = 400;
  const epsU = exact.epsUncond(x, t);
  const epsY = exact.epsCond(x, t, 1);

  it('CFG combines ε_∅ + s(ε_y − ε_∅): s = 0 gives ε_∅, s = 1 gives ε_y', () => {
    expectClose(cfg(epsU, epsY, 0), epsU);
    expectClose(cfg(epsU, epsY, 1), epsY);
    const g = cfg(epsU, epsY, 3);
    expect(g[0]).toBeCloseTo(epsU[0]! + 3 * (epsY[0]! - epsU[0]!), 14);
  });

  it("Ho & Salimans' (1+w) ε_y − w ε_∅ equals CFG with s = 1 + w", () => {
    for (const w of [-1, 0, 0.5, 6.5]) expectClose(cfgHoSalimans(epsY, epsU, w), cfg(epsU, epsY, 1 + w));
  });

  it('classifier guidance with scale s on the unconditional model equals CFG with scale s (exact classifier)', async () => {
    for (const s of [0, 1, 2.5, 7.5]) {
      const viaClassifier = await guidedEps(exact, x, t, 1, {
        method: 'classifier',
        s,
        classifierGrad: (xs, tt, ys) => exact.classifierGrad(xs, tt, ys),
      });
      expectClose(viaClassifier, cfg(epsU, epsY, s), 1e-10);
    }
  });

  it('a guided CFG step is one denoiser call on the doubled batch [x, x] with conditions [∅, y]', async () => {
    const spy = new SpyDenoiser();
    const out = await guidedEps(spy, x, t, 1, { s: 4 });
    expect(spy.calls).toHaveLength(1);
    expect(spy.calls[0]!.n).toBe(2 * n);
    expect([...spy.calls[0]!.cond]).toEqual([...Array(n).fill(NULL_CLASS), ...Array(n).fill(1)]);
    expectClose(out, cfg(epsU, epsY, 4));
  });

  it('a negative class replaces ∅ in the doubled batch: ε_neg + s(ε_y − ε_neg)', async () => {
    const spy = new SpyDenoiser();
    const out = await guidedEps(spy, x, t, 1, { s: 2, negative: 2 });
    expect([...spy.calls[0]!.cond]).toEqual([...Array(n).fill(2), ...Array(n).fill(1)]);
    expectClose(out, cfg(exact.epsCond(x, t, 2), epsY, 2));
  });

  it('a guidance interval guides inside [t_lo, t_hi] and gives the plain conditional ε_y outside', async () => {
    const g = { s: 5, interval: [200, 600] as const };
    expectClose(await guidedEps(exact, x, 400, 1, g), cfg(epsU, epsY, 5));
    for (const tt of [100, 800]) expectClose(await guidedEps(exact, x, tt, 1, g), exact.epsCond(x, tt, 1));
    expectClose(await guidedEps(exact, x, 200, 1, g), cfg(exact.epsUncond(x, 200), exact.epsCond(x, 200, 1), 5));
  });

  it("CFG-rescale: φ = 0 is plain CFG, φ = 1 keeps CFG's direction with ε_y's norm, φ blends linearly", async () => {
    const guided = cfg(epsU, epsY, 6);
    expectClose(await guidedEps(exact, x, t, 1, { s: 6, rescale: 0 }), guided);
    const full = cfgRescale(guided, epsY, 1);
    for (let i = 0; i < x.length; i += 2) {
      expect(Math.hypot(full[i]!, full[i + 1]!)).toBeCloseTo(Math.hypot(epsY[i]!, epsY[i + 1]!), 12);
      const cross = full[i]! * guided[i + 1]! - full[i + 1]! * guided[i]!;
      expect(Math.abs(cross)).toBeLessThan(1e-12);
      expect(full[i]! * guided[i]! + full[i + 1]! * guided[i + 1]!).toBeGreaterThan(0);
    }
    const half = await guidedEps(exact, x, t, 1, { s: 6, rescale: 0.5 });
    expectClose(
      half,
      guided.map((g, i) => 0.5 * g + 0.5 * full[i]!),
    );
  });

  it('refuses bad rules with a message naming the field and range', () => {
    expect(() => validateGuidance({ s: NaN }, 3, 1000)).toThrow(/s must be a finite number/);
    expect(() => validateGuidance({ s: 2, negative: 3 }, 3, 1000)).toThrow(/negative must be a class index in \[0, 2\]/);
    expect(() => validateGuidance({ s: 2, interval: [500, 100] }, 3, 1000)).toThrow(/interval must be integers 0 ≤ t_lo ≤ t_hi ≤ 999/);
    expect(() => validateGuidance({ s: 2, rescale: 1.5 }, 3, 1000)).toThrow(/rescale φ must be in \[0, 1\]/);
    expect(() => validateGuidance({ s: 2, method: 'classifier', rescale: 0.5 }, 3, 1000)).toThrow(/CFG only/);
    expect(() => validateGuidance({ s: 2, interval: [0, 999], rescale: 0.7, negative: 0 }, 3, 1000)).not.toThrow();
  });
});
