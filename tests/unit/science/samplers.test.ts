import { describe, expect, it } from 'vitest';
import {
  ExactDenoiser,
  Rng,
  getBuiltinWorld,
  makeSchedule,
  reverseUpdate,
  sample,
  sampleMoments,
  sampleWorld,
  slicedWasserstein,
  stridedTimesteps,
  type Denoiser,
  type Points,
  type SamplerName,
  type World,
} from '../../../lib/science';

const schedule = makeSchedule('linear');
const twoGaussians = getBuiltinWorld('two-gaussians')!;

describe('stridedTimesteps', () => {
  it('spaces steps evenly from T−1 ("trailing"), and steps = T visits every t once', () => {
    expect([...stridedTimesteps(1000, 4)]).toEqual([999, 749, 499, 249]);
    expect([...stridedTimesteps(10, 10)]).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
    expect([...stridedTimesteps(1000, 1)]).toEqual([999]);
    expect(() => stridedTimesteps(1000, 1001)).toThrow(/steps must be an integer in \[1, 1000\]/);
  });
});

describe('reverseUpdate', () => {
  it('DDIM with η = 1 is the DDPM ancestral step (same mean and variance, same noise draws)', () => {
    const x = Float64Array.from([0.3, -1.2, 2, 0.5]);
    const eps = Float64Array.from([0.1, -0.4, 0.9, 0.2]);
    for (const [t, tp] of [
      [999, 749],
      [400, 399],
      [10, -1],
    ] as const) {
      const ab = schedule.alphasCumprod[t]!;
      const abp = tp < 0 ? 1 : schedule.alphasCumprod[tp]!;
      const a = reverseUpdate(x, eps, ab, abp, { sampler: 'ddim', eta: 1 }, new Rng(5)).x;
      const b = reverseUpdate(x, eps, ab, abp, { sampler: 'ddpm' }, new Rng(5)).x;
      for (let i = 0; i < x.length; i++) expect(a[i]).toBeCloseTo(b[i]!, 12);
    }
  });

  it('the last step (to ᾱ = 1) returns x̂_0 = (x_t − √(1−ᾱ_t) ε) / √ᾱ_t without noise', () => {
    const x = Float64Array.from([0.3, -1.2]);
    const eps = Float64Array.from([0.1, -0.4]);
    const ab = schedule.alphasCumprod[0]!;
    for (const sampler of ['ddim', 'ddpm'] as const) {
      const r = reverseUpdate(x, eps, ab, 1, { sampler, eta: 1 }, new Rng(1));
      expect(r.x[0]).toBeCloseTo((0.3 - Math.sqrt(1 - ab) * 0.1) / Math.sqrt(ab), 14);
      expect([...r.x]).toEqual([...r.x0Hat]);
    }
  });
});

/** Median sliced Wasserstein distance between pairs of independent direct draws: the Monte-Carlo floor at this n. */
function monteCarloFloor(world: World, n: number, y: number | undefined): number {
  const d = Array.from({ length: 5 }, (_, i) =>
    slicedWasserstein(sampleWorld(world, n, new Rng(100 + 2 * i), y).x0, sampleWorld(world, n, new Rng(101 + 2 * i), y).x0),
  ).sort((a, b) => a - b);
  return d[2]!;
}

describe('samplers reproduce the exact world (s = 0: the marginal, s = 1: the class)', () => {
  const n = 1500;
  // Under the null hypothesis a sampler's distance to direct draws is distributed like a pair of direct draws:
  // 2× the median pair distance is far in its tail, while a wrong target is ≥ 4× (checked alongside).
  for (const world of [twoGaussians, getBuiltinWorld('minor-mode')!]) {
    const exact = new ExactDenoiser(world, schedule);
    for (const [sampler, steps] of [
      ['ddim', 250],
      ['ddpm', 1000],
    ] as [SamplerName, number][]) {
      it(`${world.name}, ${sampler} with ${steps} steps`, async () => {
        const marginal = (await sample(exact, { sampler, steps, n, y: 1, guidance: { s: 0 }, seed: 1 })).x0;
        const cond = (await sample(exact, { sampler, steps, n, y: 1, guidance: { s: 1 }, seed: 2 })).x0;
        const refMarginal = sampleWorld(world, n, new Rng(3)).x0;
        const refClass = sampleWorld(world, n, new Rng(4), 1).x0;
        const floor = Math.max(monteCarloFloor(world, n, undefined), monteCarloFloor(world, n, 1));
        expect(slicedWasserstein(marginal, refMarginal)).toBeLessThan(2 * floor);
        expect(slicedWasserstein(cond, refClass)).toBeLessThan(2 * floor);
        expect(slicedWasserstein(marginal, refClass)).toBeGreaterThan(4 * floor);
        expect(slicedWasserstein(cond, refMarginal)).toBeGreaterThan(4 * floor);
      });
    }
  }
});

describe('negative class', () => {
  it('between two equal-covariance Gaussians, samples follow N(m_neg + s(m_pos − m_neg), Σ)', async () => {
    // two-gaussians: minus = N((−1, 0), 0.5 I), plus = N((1, 0), 0.5 I).
    const exact = new ExactDenoiser(twoGaussians, schedule);
    const n = 3000;
    for (const s of [0.5, 2]) {
      const { x0 } = await sample(exact, { sampler: 'ddpm', steps: 1000, n, y: 1, guidance: { s, negative: 0 }, seed: 9 });
      const { mean, cov } = sampleMoments(x0);
      const se = Math.sqrt(0.5 / n);
      const seVar = Math.sqrt((2 * 0.25) / n);
      expect(Math.abs(mean[0] - (-1 + 2 * s))).toBeLessThan(4 * se + 0.01);
      expect(Math.abs(mean[1])).toBeLessThan(4 * se + 0.01);
      expect(Math.abs(cov[0] - 0.5)).toBeLessThan(4 * seVar + 0.01);
      expect(Math.abs(cov[2] - 0.5)).toBeLessThan(4 * seVar + 0.01);
      expect(Math.abs(cov[1])).toBeLessThan(4 * Math.sqrt(0.25 / n) + 0.01);
    }
  });
});

describe('sampler mechanics', () => {
  const exact = new ExactDenoiser(getBuiltinWorld('three-spirals')!, schedule);
  const base = { n: 200, y: 2, guidance: { s: 3 }, steps: 20 } as const;

  it('DDIM is deterministic for a seed, and seeds differ; η = 0 depends only on x_T', async () => {
    const a = await sample(exact, { ...base, sampler: 'ddim', seed: 7 });
    const b = await sample(exact, { ...base, sampler: 'ddim', seed: 7 });
    const c = await sample(exact, { ...base, sampler: 'ddim', seed: 8 });
    expect(a.x0).toEqual(b.x0);
    expect(a.x0).not.toEqual(c.x0);
    const d = await sample(exact, {
      ...base,
      sampler: 'ddim',
      seed: 123,
      xT: (await sample(exact, { ...base, sampler: 'ddim', steps: 1, seed: 7, trajectory: true })).trajectory![0],
    });
    expect(d.x0).toEqual(a.x0);
    const e1 = await sample(exact, { ...base, sampler: 'ddim', eta: 0.5, seed: 7 });
    const e2 = await sample(exact, { ...base, sampler: 'ddim', eta: 0.5, seed: 7 });
    expect(e1.x0).toEqual(e2.x0);
    expect(e1.x0).not.toEqual(a.x0);
  });

  it('records a trajectory of steps + 1 snapshots ending at x_0, and reports progress', async () => {
    const seen: number[] = [];
    const r = await sample(exact, { ...base, sampler: 'ddpm', seed: 1, trajectory: true, onStep: (i) => void seen.push(i) });
    expect(r.trajectory).toHaveLength(21);
    expect(r.trajectory![20]).toEqual(r.x0);
    expect(seen).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect([...r.timesteps]).toEqual([...stridedTimesteps(1000, 20)]);
  });

  it('awaits asynchronous (learned-style) denoisers with the same result', async () => {
    const asyncDenoiser: Denoiser = {
      kind: 'learned',
      numClasses: exact.numClasses,
      schedule,
      eps: async (x: Points, t: number, cond: Int32Array) => {
        await new Promise((r) => setTimeout(r, 0));
        return exact.eps(x, t, cond);
      },
    };
    const a = await sample(exact, { ...base, sampler: 'ddpm', seed: 4 });
    const b = await sample(asyncDenoiser, { ...base, sampler: 'ddpm', seed: 4 });
    expect(b.x0).toEqual(a.x0);
  });

  it('stops when aborted', async () => {
    const ctl = new AbortController();
    const run = sample(exact, { ...base, sampler: 'ddim', seed: 1, signal: ctl.signal, onStep: (i) => (i === 3 ? ctl.abort() : undefined) });
    await expect(run).rejects.toThrow();
  });

  it('refuses bad options with a message naming the option', async () => {
    await expect(sample(exact, { ...base, sampler: 'ddim', seed: 1, eta: 2 })).rejects.toThrow(/eta must be in \[0, 1\]/);
    await expect(sample(exact, { ...base, sampler: 'ddim', seed: 1, y: 3 })).rejects.toThrow(/y must be a class index in \[0, 2\]/);
    await expect(sample(exact, { ...base, sampler: 'ddim', seed: 1, steps: 0 })).rejects.toThrow(/steps must be an integer in \[1, 1000\]/);
    await expect(sample(exact, { ...base, sampler: 'euler' as SamplerName, seed: 1 })).rejects.toThrow(/sampler must be one of ddim, ddpm/);
  });
});
