import { describe, expect, it } from 'vitest';
import {
  ExactDenoiser,
  Rng,
  componentCoverage,
  componentShares,
  discretisedVariance,
  getBuiltinWorld,
  guidedEps,
  makeGrid,
  makeSchedule,
  sample,
  sampleHeun,
  sampleMoments,
  sampleWorld,
  sigmaIntervalToT,
  sigmaOfT,
  slicedWassersteinToClass,
  stepVarianceBias,
  stridedTimesteps,
  tOfSigma,
  tiltedWithMoments,
  type World,
} from '../../../lib/science';

const schedule = makeSchedule('linear');
const twoGaussians = getBuiltinWorld('two-gaussians')!;

/** ᾱ_t of the linear schedule, by hand. */
function alphaBar(t: number): number {
  let p = 1;
  for (let i = 0; i <= t; i++) p *= 1 - (1e-4 + ((0.02 - 1e-4) * i) / 999);
  return p;
}

/** The DDIM (η = 0) output variance for a 1D Gaussian N(0, λ), by composing the affine maps of each step by hand. */
function ddimVarianceByHand(lambda: number, steps: number): number {
  const ts: number[] = [];
  for (let i = 0; i < steps; i++) ts.push(Math.round(1000 - (i * 1000) / steps) - 1);
  let gain = 1;
  for (let i = 0; i < ts.length; i++) {
    const a = alphaBar(ts[i]!);
    const ap = i + 1 < ts.length ? alphaBar(ts[i + 1]!) : 1;
    // x_t = 1 ⇒ ε = √(1−a)/(aλ + 1 − a), x̂0 = (1 − √(1−a) ε)/√a, x' = √ap x̂0 + √(1−ap) ε
    const eps = Math.sqrt(1 - a) / (a * lambda + 1 - a);
    const x0 = (1 - Math.sqrt(1 - a) * eps) / Math.sqrt(a);
    gain *= Math.sqrt(ap) * x0 + Math.sqrt(1 - ap) * eps;
  }
  return gain * gain;
}

describe('discretisation bias in closed form', () => {
  it('DDIM at s = 1 on two-gaussians: 0.4566 at 50 steps, 0.4909 at 250 (against a hand composition of the steps)', () => {
    for (const steps of [10, 50, 250]) {
      expect(discretisedVariance(0.5, schedule, stridedTimesteps(1000, steps), 'ddim')).toBeCloseTo(ddimVarianceByHand(0.5, steps), 12);
    }
    expect(ddimVarianceByHand(0.5, 50)).toBeCloseTo(0.4566, 4);
    expect(ddimVarianceByHand(0.5, 250)).toBeCloseTo(0.4909, 4);
  });

  it('the closed forms match sampled variances (DDIM, DDPM, DDIM η = 1 equals DDPM, Heun)', async () => {
    const exact = new ExactDenoiser(twoGaussians, schedule);
    const n = 20000;
    for (const [sampler, steps, eta] of [
      ['ddim', 20, 0],
      ['ddpm', 20, 0],
      ['heun', 10, 0],
    ] as const) {
      const opts = { sampler: sampler === 'heun' ? 'ddim' : sampler, n, y: 0, steps, seed: 3, guidance: { s: 1 } } as const;
      const { x0 } = sampler === 'heun' ? await sampleHeun(exact, opts) : await sample(exact, opts);
      const { cov } = sampleMoments(x0);
      const v = discretisedVariance(0.5, schedule, stridedTimesteps(1000, steps), sampler, eta);
      // standard error of a variance estimate: v √(2/n) ≈ 0.005
      expect(Math.abs(cov[0] - v)).toBeLessThan(0.02);
      expect(Math.abs(cov[2] - v)).toBeLessThan(0.02);
    }
    const ts = stridedTimesteps(1000, 30);
    expect(discretisedVariance(0.3, schedule, ts, 'ddim', 1)).toBeCloseTo(discretisedVariance(0.3, schedule, ts, 'ddpm'), 12);
  });

  it('Heun is much closer to the continuous variance than DDIM at the same steps; the bias is reported per component', () => {
    const ts = stridedTimesteps(1000, 50);
    expect(Math.abs(discretisedVariance(0.5, schedule, ts, 'heun') - 0.5)).toBeLessThan(Math.abs(discretisedVariance(0.5, schedule, ts, 'ddim') - 0.5) / 5);
    const bias = stepVarianceBias(twoGaussians, 0, schedule, ts, 'ddim');
    expect(bias.worst).toBeCloseTo(1 - 0.4566 / 0.5, 3);
    expect(stepVarianceBias(getBuiltinWorld('minor-mode')!, 0, schedule, ts, 'ddim').ratios).toHaveLength(2);
  });
});

describe('σ ↔ t', () => {
  it('σ_t = √((1−ᾱ_t)/ᾱ_t) and back; an interval in σ is the timesteps whose σ lies inside', () => {
    for (const t of [0, 10, 250, 999]) {
      expect(sigmaOfT(schedule, t)).toBeCloseTo(Math.sqrt((1 - alphaBar(t)) / alphaBar(t)), 10);
      expect(tOfSigma(schedule, sigmaOfT(schedule, t))).toBe(t);
    }
    const [lo, hi] = sigmaIntervalToT(schedule, 0.28, 5.42);
    expect(sigmaOfT(schedule, lo)).toBeGreaterThanOrEqual(0.28);
    expect(sigmaOfT(schedule, lo - 1)).toBeLessThan(0.28);
    expect(sigmaOfT(schedule, hi)).toBeLessThanOrEqual(5.42);
    expect(sigmaOfT(schedule, hi + 1)).toBeGreaterThan(5.42);
    expect(() => sigmaIntervalToT(schedule, 500, 600)).toThrow(/no timestep/);
  });
});

describe('tilted density moments', () => {
  it('two identical Gaussian classes: the tilt at t is p_t = N(√ᾱ_t μ, ᾱ_t Σ + (1−ᾱ_t) I) for any s', () => {
    const comp = {
      weight: 1,
      mean: [0.4, -0.3] as [number, number],
      cov: [
        [0.5, 0.2],
        [0.2, 0.3],
      ] as [[number, number], [number, number]],
    };
    const world: World = { name: 'same', description: '', classes: [0, 1].map((i) => ({ name: `c${i}`, prior: 0.5, components: [comp] })) };
    for (const t of [0, 200]) {
      const a = alphaBar(t);
      const m = tiltedWithMoments(new ExactDenoiser(world, schedule), makeGrid(241, [-5, 5, -5, 5]), 0, 4, t);
      expect(m.mean[0]).toBeCloseTo(Math.sqrt(a) * 0.4, 6);
      expect(m.mean[1]).toBeCloseTo(Math.sqrt(a) * -0.3, 6);
      expect(m.cov[0]).toBeCloseTo(a * 0.5 + 1 - a, 3);
      expect(m.cov[1]).toBeCloseTo(a * 0.2, 3);
      expect(m.cov[2]).toBeCloseTo(a * 0.3 + 1 - a, 3);
    }
  });

  it('two-gaussians at s = 3: moments against a hand quadrature of N(x; −1, ½)³ p(x)^(−2)', () => {
    const g = (x: number, y: number, mx: number): number => Math.exp(-((x - mx) ** 2 + y * y)) / Math.PI; // N(·; (mx, 0), ½ I)
    let w = 0;
    let mx = 0;
    let vx = 0;
    const h = 0.01;
    for (let x = -8; x <= 8; x += h) {
      const p = (g(x, 0, -1) ** 3 * (0.5 * g(x, 0, -1) + 0.5 * g(x, 0, 1)) ** -2) as number;
      w += p;
      mx += p * x;
      vx += p * x * x;
    }
    mx /= w;
    vx = vx / w - mx * mx;
    const m = tiltedWithMoments(new ExactDenoiser(twoGaussians, schedule), makeGrid(301, [-8, 6, -4, 4]), 0, 3);
    expect(m.mean[0]).toBeCloseTo(mx, 4);
    expect(m.cov[0]).toBeCloseTo(vx, 4);
    expect(m.cov[2]).toBeCloseTo(0.5, 4); // the tilt only acts along x
    expect(m.mean[1]).toBeCloseTo(0, 8);
  });
});

describe('component shares and sliced Wasserstein with its floor', () => {
  const minor = getBuiltinWorld('minor-mode')!;
  it('direct draws match the weights; a dropped mode shows as share 0 while coverage stays 1', () => {
    const { x0 } = sampleWorld(minor, 20000, new Rng(1), 0);
    const sh = componentShares(minor, x0, 0);
    expect(sh.weights[0]).toBeCloseTo(0.75, 12);
    expect(sh.shares[0]! + sh.shares[1]! + sh.otherClasses).toBeCloseTo(1, 12);
    // a sample is assigned to the most responsible component: close to, not exactly, the weights
    expect(Math.abs(sh.shares[1]! - 0.25)).toBeLessThan(0.03);
    const dropped = Float64Array.from({ length: 2000 }, (_, i) => (i % 2 ? 0 : -1.6));
    dropped.set([1.1, 1.3], 0); // one sample in the minor mode
    expect(componentCoverage(minor, dropped, 0)).toBe(1);
    expect(componentShares(minor, dropped, 0).shares[1]).toBeCloseTo(1 / 1000, 12);
  });

  it('direct draws sit at the floor (ratio ≈ 1); shifted draws far above it', () => {
    const { x0 } = sampleWorld(twoGaussians, 2000, new Rng(7), 0);
    const ok = slicedWassersteinToClass(twoGaussians, x0, 0, 0);
    expect(ok.ratio).toBeGreaterThan(0.4);
    expect(ok.ratio).toBeLessThan(2.5);
    const shifted = x0.map((v, i) => (i % 2 ? v : v + 0.5));
    expect(slicedWassersteinToClass(twoGaussians, shifted, 0, 0).ratio).toBeGreaterThan(5);
  });
});

describe('autoguidance', () => {
  it('ε̃ = ε_guide(y) + s (ε(y) − ε_guide(y)) with a guide of the same class', async () => {
    const blurred: World = JSON.parse(JSON.stringify(twoGaussians));
    for (const c of blurred.classes)
      c.components[0]!.cov = [
        [1, 0],
        [0, 1],
      ];
    const main = new ExactDenoiser(twoGaussians, schedule);
    const guide = new ExactDenoiser(blurred, schedule);
    const x = Float64Array.from([0.3, -0.2, -1.5, 0.7]);
    const got = await guidedEps(main, x, 100, 1, { s: 2.5, guide });
    const e = main.epsCond(x, 100, 1);
    const eg = guide.epsCond(x, 100, 1);
    for (let i = 0; i < 4; i++) expect(got[i]).toBeCloseTo(eg[i]! + 2.5 * (e[i]! - eg[i]!), 14);
  });
});
