import { describe, expect, it } from 'vitest';
import {
  ExactDenoiser,
  KARRAS_RHO,
  Rng,
  initialNoise,
  karrasSigmas,
  karrasTimesteps,
  makeSchedule,
  sample,
  sampleHeun,
  samplerTimesteps,
  sigmaOfT,
  stridedTimesteps,
  tOfSigma,
  type World,
} from '../../../lib/science';

const schedule = makeSchedule('linear');

describe("Karras et al.'s ρ-spacing of the noise levels", () => {
  it('σ_i = (σ_max^{1/ρ} + i/(n−1)(σ_min^{1/ρ} − σ_max^{1/ρ}))^ρ, ρ = 7, from σ_max to σ_min', () => {
    const s = karrasSigmas(0.002, 80, 18);
    expect(KARRAS_RHO).toBe(7);
    expect(s[0]).toBeCloseTo(80, 12);
    expect(s[17]).toBeCloseTo(0.002, 14);
    // i = 9 of 17 intervals, EDM's range: 80^(1/7) = 1.8703, 0.002^(1/7) = 0.4116, (1.8703 − (9/17)·1.4587)^7 = 1.9233
    const byHand = (80 ** (1 / 7) + (9 / 17) * (0.002 ** (1 / 7) - 80 ** (1 / 7))) ** 7;
    expect(s[9]).toBeCloseTo(byHand, 12);
    expect(s[9]).toBeCloseTo(1.9233, 3);
    for (let i = 1; i < 18; i++) expect(s[i]).toBeLessThan(s[i - 1]!);
    // ρ = 1 is even spacing in σ
    expect(Array.from(karrasSigmas(1, 3, 3, 1))).toEqual([3, 2, 1]);
    expect(() => karrasSigmas(0, 80, 10)).toThrow(/σ_min/);
    expect(() => karrasSigmas(0.1, 80, 0)).toThrow(/n must be/);
    expect(() => karrasSigmas(0.1, 80, 5, -1)).toThrow(/ρ must be/);
  });

  it('maps each level of the schedule’s own [σ_0, σ_{T−1}] to the nearest timestep in log σ, decreasing and distinct', () => {
    const steps = 20;
    const ts = karrasTimesteps(schedule, steps);
    const sig = karrasSigmas(sigmaOfT(schedule, 0), sigmaOfT(schedule, 999), steps);
    expect(ts[0]).toBe(999);
    expect(ts[steps - 1]).toBe(0);
    for (let i = 0; i < steps; i++) expect(ts[i]).toBe(tOfSigma(schedule, sig[i]!));
    for (let i = 1; i < steps; i++) expect(ts[i]).toBeLessThan(ts[i - 1]!);
    // ρ = 7 puts more steps at low noise than even striding: the last four of 20 at t ≤ 41 (strided: t ≤ 199)
    expect(Array.from(ts.slice(16))).toEqual([41, 16, 4, 0]);
    expect(stridedTimesteps(1000, 20)[16]).toBe(199);
  });

  it('dense grids stay distinct and in range; steps = T is every timestep', () => {
    for (const steps of [100, 400, 999]) {
      const ts = karrasTimesteps(schedule, steps);
      expect(ts.length).toBe(steps);
      expect(ts[0]).toBe(999);
      for (let i = 1; i < steps; i++) expect(ts[i]).toBeLessThan(ts[i - 1]!);
      expect(ts[steps - 1]).toBeGreaterThanOrEqual(0);
    }
    expect(Array.from(karrasTimesteps(schedule, 1000))).toEqual(Array.from(stridedTimesteps(1000, 1000)));
    expect(samplerTimesteps(schedule, 10, 'karras')).toEqual(karrasTimesteps(schedule, 10));
    expect(samplerTimesteps(schedule, 10)).toEqual(stridedTimesteps(1000, 10));
    expect(() => samplerTimesteps(schedule, 10, 'uniform' as never)).toThrow(/spacing must be one of trailing, karras/);
  });
});

/** One class, one Gaussian N(μ, diag(λ)): the probability-flow ODE is solved in closed form. */
const gauss: World = {
  name: 'one-gaussian',
  description: '',
  classes: [
    {
      name: 'a',
      prior: 1,
      components: [
        {
          weight: 1,
          mean: [1, -0.5],
          cov: [
            [0.5, 0],
            [0, 0.05],
          ],
        },
      ],
    },
  ],
};
const MU = [1, -0.5];
const LAMBDA = [0.5, 0.05];

/**
 * The exact end of the probability-flow ODE from x_T at t = T−1: in x̃ = x_t/√ᾱ = x_0 + σε, dx̃/dσ = σ(x̃ − μ)/(λ + σ²)
 * per eigen-direction, so x̃(0) − μ = √(λ/(λ + σ_max²)) (x̃(σ_max) − μ).
 */
function exactOde(xT: Float64Array): Float64Array {
  const sMax = sigmaOfT(schedule, 999);
  const root = Math.sqrt(schedule.alphasCumprod[999]!);
  return xT.map((v, i) => MU[i % 2]! + Math.sqrt(LAMBDA[i % 2]! / (LAMBDA[i % 2]! + sMax * sMax)) * (v / root - MU[i % 2]!));
}

describe('Heun on the Karras grid against the exact ODE solution', () => {
  const exact = new ExactDenoiser(gauss, schedule);
  const xT = initialNoise(200, new Rng(11));
  const target = exactOde(xT);
  const error = (x: Float64Array): number => Math.max(...x.map((v, i) => Math.abs(v - target[i]!)));
  const run = async (sampler: 'heun' | 'euler', steps: number): Promise<number> => {
    const opts = { sampler: 'ddim', n: 200, y: 0, steps, seed: 0, xT, guidance: { s: 1 }, spacing: 'karras' } as const;
    return error((sampler === 'heun' ? await sampleHeun(exact, opts) : await sample(exact, opts)).x0);
  };

  it('converges to the exact samples faster than Euler (DDIM) at equal evaluations, and at second order', async () => {
    const errors: Record<string, number[]> = { heun: [], euler: [] };
    for (const n of [16, 32, 64]) {
      errors.heun!.push(await run('heun', n));
      errors.euler!.push(await run('euler', 2 * n - 1)); // Heun evaluates 2n − 1 times
    }
    // largest error over 200 points: Heun 0.14, 0.031, 0.0070; Euler at 31, 63, 127 steps 0.18, 0.087, 0.044
    expect(errors.heun![0]!).toBeLessThan(errors.euler![0]!);
    expect(errors.heun![1]!).toBeLessThan(errors.euler![1]! / 2.5);
    expect(errors.heun![2]!).toBeLessThan(errors.euler![2]! / 5);
    // doubling the steps divides Heun's error by about 4 (second order), Euler's by about 2 (first order)
    expect(errors.heun![1]! / errors.heun![2]!).toBeGreaterThan(3.5);
    expect(errors.euler![1]! / errors.euler![2]!).toBeLessThan(2.2);
    expect(errors.heun![2]!).toBeLessThan(1e-2);
  });

  it('on the Karras grid Heun beats Heun on the strided grid at equal steps (the narrow direction needs small σ)', async () => {
    for (const steps of [32, 64]) {
      const opts = { sampler: 'ddim', n: 200, y: 0, steps, seed: 0, xT, guidance: { s: 1 } } as const;
      const strided = error((await sampleHeun(exact, opts)).x0);
      const karras = await sampleHeun(exact, { ...opts, spacing: 'karras' });
      expect(error(karras.x0)).toBeLessThan(strided / 1.5);
      expect(karras.timesteps).toEqual(karrasTimesteps(schedule, steps));
    }
  });
});
