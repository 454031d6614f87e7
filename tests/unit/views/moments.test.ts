import { describe, expect, it } from 'vitest';
import { ExactDenoiser, getBuiltinWorld, makeGrid, makeSchedule, sample } from '../../../lib/science';
import { tiltedDensity } from '../../../lib/science/tilted';
import { classComponentShares, covEllipse, gridMoments, minorComponent, minorShare, spread, stds } from '../../../lib/views/moments';
import { sampleMoments } from '../../../lib/science/metrics';

const schedule = makeSchedule('linear');
const grid = makeGrid(128, [-5, 5, -5, 5]);

describe('moments of a grid density and of samples', () => {
  it('recovers a Gaussian’s mean and covariance from the grid', () => {
    const [mx, my, a, b, c] = [0.4, -0.7, 0.5, 0.2, 0.3];
    const det = a * c - b * b;
    const d = new Float64Array(grid.nx * grid.ny).map((_, i) => {
      const dx = grid.points[2 * i]! - mx;
      const dy = grid.points[2 * i + 1]! - my;
      return Math.exp((-0.5 * (c * dx * dx - 2 * b * dx * dy + a * dy * dy)) / det);
    });
    const m = gridMoments(grid, d);
    expect(m.mean[0]).toBeCloseTo(mx, 6);
    expect(m.mean[1]).toBeCloseTo(my, 6);
    expect(m.cov[0]).toBeCloseTo(a, 6); // the midpoint rule is spectrally accurate for a smooth, decayed density
    expect(m.cov[1]).toBeCloseTo(b, 4);
    expect(spread(m)).toBeCloseTo(Math.sqrt(det), 2);
    expect(() => gridMoments(grid, new Float64Array(grid.nx * grid.ny))).toThrow(RangeError);
  });

  it('covariance ellipse: eigen-axes and angle', () => {
    expect(covEllipse([4, 0, 1], 1)).toEqual({ rx: 2, ry: 1, angle: 0 });
    const e = covEllipse([1, 0.5, 1], 2);
    expect(e.angle).toBeCloseTo(Math.PI / 4, 12);
    expect(e.rx).toBeCloseTo(2 * Math.sqrt(1.5), 12);
    expect(e.ry).toBeCloseTo(2 * Math.sqrt(0.5), 12);
  });

  it('two-gaussians: at s = 1 tilt and samples agree; at s = 7.5 DDIM lands further out and narrower than the tilt, DDPM in between', async () => {
    const world = getBuiltinWorld('two-gaussians')!;
    const exact = new ExactDenoiser(world, schedule);
    const draw = async (sampler: 'ddim' | 'ddpm', s: number) =>
      sampleMoments((await sample(exact, { sampler, steps: 50, n: 1000, y: 0, guidance: { s }, seed: 1 })).x0);
    const tilt1 = gridMoments(grid, tiltedDensity(exact, grid, 0, 1));
    expect(tilt1.mean[0]).toBeCloseTo(-1, 3); // p(x | minus) = N((−1, 0), ½ I)
    expect(stds(tilt1)[0]).toBeCloseTo(Math.sqrt(0.5), 4); // t = 0 keeps β_0 = 1e-4 of noise
    for (const sampler of ['ddim', 'ddpm'] as const) {
      const m1 = await draw(sampler, 1);
      expect(Math.abs(m1.mean[0] - tilt1.mean[0])).toBeLessThan(0.08);
      expect(Math.abs(stds(m1)[0] - stds(tilt1)[0])).toBeLessThan(0.1);
    }

    const tilt = gridMoments(grid, tiltedDensity(exact, grid, 0, 7.5));
    const ddim = await draw('ddim', 7.5);
    const ddpm = await draw('ddpm', 7.5);
    expect(tilt.mean[0]).toBeGreaterThan(-1.4);
    expect(ddim.mean[0]).toBeLessThan(tilt.mean[0] - 1); // chapter 7: "more than one unit further out"
    expect(stds(ddim)[0]).toBeLessThan(stds(tilt)[0] - 0.15);
    expect(ddpm.mean[0]).toBeLessThan(tilt.mean[0] - 0.2);
    expect(ddpm.mean[0]).toBeGreaterThan(ddim.mean[0]);
  });

  it('minor-mode: the minor mode’s share, without and with the guidance interval [0, 300]', async () => {
    const world = getBuiltinWorld('minor-mode')!;
    const exact = new ExactDenoiser(world, schedule);
    expect(minorComponent(world, 0)).toBe(1);
    expect(minorComponent(world, 1)).toBeUndefined();
    expect(minorComponent(getBuiltinWorld('two-gaussians')!, 0)).toBeUndefined();
    const x = async (interval?: [number, number]) =>
      (await sample(exact, { sampler: 'ddpm', steps: 50, n: 1000, y: 0, guidance: interval ? { s: 7.5, interval } : { s: 7.5 }, seed: 1 })).x0;
    const without = await x();
    const within = await x([0, 300]);
    expect(minorShare(world, without, 0)).toBeLessThan(0.03);
    expect(minorShare(world, within, 0)).toBeGreaterThan(0.12);
    const shares = classComponentShares(world, within, 0);
    expect(shares.map((c) => c.weight)).toEqual([0.75, 0.25]);
    expect(shares[0]!.share + shares[1]!.share).toBeLessThanOrEqual(1);
  });
});
