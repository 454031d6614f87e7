import { describe, expect, it } from 'vitest';
import { ExactDenoiser, getBuiltinWorld, makeSchedule } from '../../../lib/science';
import {
  SWEEP_SCALES,
  nearestScale,
  paddedDomain,
  runSweepRequest,
  sweepSeries,
  sweepSeriesRun,
  type SweepReply,
  type SweepRequest,
} from '../../../lib/views/guidance-sweep';
import { guidanceOf, parseNotebookQuery } from '../../../lib/state/notebook';

const world = getBuiltinWorld('two-gaussians')!;
const exact = new ExactDenoiser(world, makeSchedule('linear'));
const settings = { y: 0, guidance: {}, steps: 40, eta: 0, n: 400, seed: 1 };

describe('guidance sweep on the exact world', () => {
  it('has at least 12 scales in [0, 10], increasing', () => {
    expect(SWEEP_SCALES.length).toBeGreaterThanOrEqual(12);
    expect(SWEEP_SCALES[0]).toBe(0);
    expect(SWEEP_SCALES.at(-1)).toBe(10);
    for (let i = 1; i < SWEEP_SCALES.length; i++) expect(SWEEP_SCALES[i]!).toBeGreaterThan(SWEEP_SCALES[i - 1]!);
  });

  // chapter-claims.test.ts checks DDIM on 7 scales; here: DDPM on the sweep's own 12, where the stochastic sampler's
  // diversity levels off instead of shrinking on (its noise keeps the cloud wider than DDIM's).
  it('DDPM: fidelity never falls and diversity never rises along the 12 scales; DDPM stays wider than DDIM at s = 10', async () => {
    const ddpm = await sweepSeriesRun(exact, world, { denoiser: 'exact', sampler: 'ddpm' }, settings);
    expect(ddpm.map((p) => p.s)).toEqual([...SWEEP_SCALES]);
    for (let i = 1; i < ddpm.length; i++) {
      expect(ddpm[i]!.fidelity).toBeGreaterThanOrEqual(ddpm[i - 1]!.fidelity - 1e-3);
      expect(ddpm[i]!.logDetCov).toBeLessThanOrEqual(ddpm[i - 1]!.logDetCov + 1e-2);
    }
    expect(ddpm.at(-1)!.fidelity - ddpm[0]!.fidelity).toBeGreaterThan(0.4);
    expect(ddpm[0]!.logDetCov - ddpm.at(-1)!.logDetCov).toBeGreaterThan(1.2);
    const ddim = await sweepSeriesRun(exact, world, { denoiser: 'exact', sampler: 'ddim' }, settings);
    expect(ddpm.at(-1)!.logDetCov).toBeGreaterThan(ddim.at(-1)!.logDetCov + 0.3);
    // Chapter 7: past s ≈ 4 DDPM's cloud hardly narrows further, DDIM's keeps narrowing.
    const at = (pts: typeof ddpm, s: number) => pts.find((p) => p.s === s)!.logDetCov;
    expect(at(ddpm, 4) - at(ddpm, 10)).toBeLessThan(0.1);
    expect(at(ddim, 4) - at(ddim, 10)).toBeGreaterThan(0.3);
    for (const p of [...ddpm, ...ddim]) {
      expect(p.samples.length).toBe(2 * settings.n);
      expect(Number.isFinite(p.fidelity) && Number.isFinite(p.logDetCov)).toBe(true);
    }
  });

  it('CFG-rescale φ = 1 keeps more diversity than plain CFG at large s; the variants come from the state', async () => {
    const st = parseNotebookQuery('rescale=1&intervalLo=0&intervalHi=300&neg=1').state;
    expect(guidanceOf(st, 7.5)).toEqual({ s: 7.5, negative: 1, interval: [0, 300], rescale: 1 });
    expect(guidanceOf(parseNotebookQuery('').state, 2)).toEqual({ s: 2 }); // the full range [0, 999] is no interval
    const scales = [7.5];
    const plain = await sweepSeriesRun(exact, world, { denoiser: 'exact', sampler: 'ddim' }, { ...settings, scales });
    const rescaled = await sweepSeriesRun(exact, world, { denoiser: 'exact', sampler: 'ddim' }, { ...settings, scales, guidance: { rescale: 1 } });
    expect(rescaled[0]!.logDetCov).toBeGreaterThan(plain[0]!.logDetCov + 0.2);
  });

  it('is reproducible, reports progress and stops when aborted (no point after the abort)', async () => {
    const a = await sweepSeriesRun(exact, world, { denoiser: 'exact', sampler: 'ddpm' }, { ...settings, scales: [2, 4] });
    const b = await sweepSeriesRun(exact, world, { denoiser: 'exact', sampler: 'ddpm' }, { ...settings, scales: [2, 4] });
    expect(b.map((p) => p.fidelity)).toEqual(a.map((p) => p.fidelity));

    const ctrl = new AbortController();
    const points: number[] = [];
    const run = sweepSeriesRun(exact, world, { denoiser: 'exact', sampler: 'ddim' }, settings, {
      signal: ctrl.signal,
      onPoint: (p) => {
        points.push(p.s);
        if (points.length === 3) ctrl.abort(new Error('cancelled'));
      },
    });
    await expect(run).rejects.toThrow('cancelled');
    expect(points).toEqual([0, 0.5, 1]);
  });

  it('answers a worker request: points of every series, progress to the total, a done reply; a cancel ends early', async () => {
    const req: SweepRequest = {
      type: 'run',
      id: 7,
      world: 'two-gaussians',
      schedule: 'linear',
      series: sweepSeries({ sweepExact: true, sweepLearned: true, sweepDdim: true, sweepDdpm: false }),
      settings: { ...settings, steps: 10, scales: [0, 5] },
    };
    expect(req.series).toEqual([
      { denoiser: 'exact', sampler: 'ddim' },
      { denoiser: 'learned', sampler: 'ddim' },
    ]);
    const replies: SweepReply[] = [];
    await runSweepRequest(
      req,
      world,
      async (d) => (d === 'exact' ? exact : Promise.reject(new Error('no learned model here'))),
      (r) => replies.push(r),
      { signal: new AbortController().signal },
    );
    expect(replies.filter((r) => r.type === 'point')).toHaveLength(2);
    expect(replies.find((r) => r.type === 'series-error')).toMatchObject({ series: 'learned-ddim', message: 'no learned model here' });
    const progress = replies.filter((r) => r.type === 'progress');
    expect(progress.at(-1)).toMatchObject({ done: 20, total: 40 });
    expect(replies.at(-1)).toMatchObject({ type: 'done', id: 7, cancelled: false });

    const ctrl = new AbortController();
    const more: SweepReply[] = [];
    await runSweepRequest(
      { ...req, series: [req.series[0]!], settings: { ...settings, steps: 10 } },
      world,
      async () => exact,
      (r) => {
        more.push(r);
        if (r.type === 'point') ctrl.abort(new Error('cancelled'));
      },
      { signal: ctrl.signal },
    );
    expect(more.filter((r) => r.type === 'point')).toHaveLength(1);
    expect(more.at(-1)).toMatchObject({ type: 'done', cancelled: true });
  });

  it('nearest scale and padded domains', () => {
    expect(nearestScale(7.4)).toBe(7.5);
    expect(nearestScale(15)).toBe(10);
    expect(nearestScale(0.2)).toBe(0);
    expect(paddedDomain([1, 2, NaN])).toEqual([0.94, 2.06]);
    expect(paddedDomain([3])).toEqual([2.5, 3.5]);
    expect(paddedDomain([])).toEqual([0, 1]);
  });
});
