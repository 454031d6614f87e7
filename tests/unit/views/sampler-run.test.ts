import { describe, expect, it } from 'vitest';
import { ExactDenoiser } from '../../../lib/science/exact';
import { makeSchedule } from '../../../lib/science/schedule';
import { sample } from '../../../lib/science/samplers';
import { getBuiltinWorld } from '../../../lib/science/worlds';
import { SamplerRun, type RunSettings } from '../../../lib/views/sampler-run';

const world = getBuiltinWorld('two-gaussians')!;
const exact = new ExactDenoiser(world, makeSchedule('linear'));
const base: RunSettings = { y: 1, guidance: { s: 3 }, sampler: 'ddpm', eta: 0, steps: 40, n: 300, seed: 11, trails: 5 };

async function finish(run: SamplerRun) {
  while (await run.step());
  return run;
}

describe('animated sampler run', () => {
  it('step by step gives exactly the samples of the one-shot sampler with the same seed', async () => {
    const run = await finish(new SamplerRun(exact, world, base));
    const direct = await sample(exact, { ...base, y: 1 });
    expect(run.finished).toBe(true);
    expect(Array.from(run.x)).toEqual(Array.from(direct.x0));
  });

  it('is reproducible for a seed and differs for another seed', async () => {
    const a = await finish(new SamplerRun(exact, world, base));
    const b = await finish(new SamplerRun(exact, world, base));
    const c = await finish(new SamplerRun(exact, world, { ...base, seed: 12 }));
    expect(Array.from(a.x)).toEqual(Array.from(b.x));
    expect(Array.from(a.x)).not.toEqual(Array.from(c.x));
  });

  it('keeps the paths of the trail particles, one snapshot per step', async () => {
    const run = await finish(new SamplerRun(exact, world, base));
    expect(run.paths).toHaveLength(base.steps + 1);
    expect(run.paths.at(-1)).toEqual(run.x.slice(0, 2 * base.trails));
    expect(await run.step()).toBe(false);
    expect(run.t).toBe(-1);
  });

  it('keeps the last step’s x̂_0 = (x_t − σ_t ε̃)/√ᾱ_t, which overshoots beyond the class at large s early on', async () => {
    const run = new SamplerRun(exact, world, { ...base, sampler: 'ddim', guidance: { s: 7.5 } });
    expect(run.x0Hat).toBeUndefined();
    const xT = run.x.slice();
    await run.step();
    const t = run.timesteps[0]!;
    const ab = exact.alphaBar(t);
    const epsU = exact.epsUncond(xT, t);
    const epsC = exact.epsCond(xT, t, 1);
    for (let i = 0; i < 10; i++) {
      const eps = epsU[i]! + 7.5 * (epsC[i]! - epsU[i]!);
      expect(run.x0Hat![i]).toBeCloseTo((xT[i]! - Math.sqrt(1 - ab) * eps) / Math.sqrt(ab), 9);
    }
    let meanX = 0;
    for (let i = 0; i < base.n; i++) meanX += run.x0Hat![2 * i]! / base.n;
    expect(meanX).toBeGreaterThan(2); // the class "plus" is centred at x = 1
  });

  it('higher guidance raises fidelity and lowers diversity of the final cloud', async () => {
    const at = async (s: number) => (await finish(new SamplerRun(exact, world, { ...base, sampler: 'ddim', guidance: { s } }))).metrics();
    const [m1, m75] = [await at(1), await at(7.5)];
    expect(m75.fidelity).toBeGreaterThan(m1.fidelity);
    expect(m75.logDetCov).toBeLessThan(m1.logDetCov);
  });

  it('refuses impossible settings with the science core’s messages', () => {
    expect(() => new SamplerRun(exact, world, { ...base, steps: 5000 })).toThrow(/steps must be an integer in \[1, 1000\]/);
    expect(() => new SamplerRun(exact, world, { ...base, y: 7 })).toThrow(/class index/);
  });
});
