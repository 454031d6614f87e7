import { describe, expect, it } from 'vitest';
import { BUILTIN_WORLDS, ExactDenoiser, NULL_CLASS, Rng, getBuiltinWorld, makeSchedule, sampleWorld, type World } from '../../../lib/science';

const schedule = makeSchedule('linear');
const cosine = makeSchedule('cosine');
const TIMESTEPS = [0, 10, 250, 999];

/** Points near the data (noised draws at t) and spread over [-4, 4]². */
function probePoints(world: World, t: number, n: number, seed: number): Float64Array {
  const rng = new Rng(seed);
  const ab = schedule.alphasCumprod[t]!;
  const { x0 } = sampleWorld(world, n, rng);
  const x = new Float64Array(4 * n);
  for (let i = 0; i < 2 * n; i++) x[i] = Math.sqrt(ab) * x0[i]! + Math.sqrt(1 - ab) * rng.normal();
  for (let i = 2 * n; i < 4 * n; i++) x[i] = 8 * rng.uniform() - 4;
  return x;
}

/** log p_t(x | c) summed directly from the World object with plain exp (fine away from underflow). */
function naiveLogDensity(world: World, ab: number, px: number, py: number, c: number): number {
  let p = 0;
  world.classes.forEach((cls, y) => {
    if (c !== NULL_CLASS && c !== y) return;
    const prior = c === NULL_CLASS ? cls.prior : 1;
    for (const k of cls.components) {
      const a = ab * k.cov[0][0] + 1 - ab;
      const b = ab * k.cov[0][1];
      const d = ab * k.cov[1][1] + 1 - ab;
      const det = a * d - b * b;
      const dx = px - Math.sqrt(ab) * k.mean[0];
      const dy = py - Math.sqrt(ab) * k.mean[1];
      const q = (d * dx * dx - 2 * b * dx * dy + a * dy * dy) / det;
      p += (prior * k.weight * Math.exp(-0.5 * q)) / (2 * Math.PI * Math.sqrt(det));
    }
  });
  return Math.log(p);
}

describe('ExactDenoiser', () => {
  for (const world of Object.values(BUILTIN_WORLDS)) {
    const exact = new ExactDenoiser(world, schedule);
    const conds = [NULL_CLASS, ...world.classes.map((_, y) => y)];

    it(`${world.name}: analytic score equals central finite differences of log p_t (≤ 1e-6 relative)`, () => {
      // Five-point central stencil (error O(h⁴)): the thin tree branches make log p_t very curved at small t.
      const h = 1e-4;
      const stencil: [number, number][] = [
        [-2, 1],
        [-1, -8],
        [1, 8],
        [2, -1],
      ];
      let worst = 0;
      for (const t of TIMESTEPS) {
        const x = probePoints(world, t, 20, t + 1);
        for (const c of conds) {
          const score = exact.score(x, t, c);
          const shifted = new Float64Array(x.length);
          for (const axis of [0, 1]) {
            const fd = new Float64Array(x.length >> 1);
            for (const [step, coef] of stencil) {
              shifted.set(x);
              for (let i = axis; i < x.length; i += 2) shifted[i]! += step * h;
              const lp = exact.logDensity(shifted, t, c);
              for (let i = 0; i < fd.length; i++) fd[i]! += (coef * lp[i]!) / (12 * h);
            }
            for (let i = 0; i < fd.length; i++) {
              const a = score[2 * i + axis]!;
              worst = Math.max(worst, Math.abs(fd[i]! - a) / Math.max(Math.abs(a), 1));
            }
          }
        }
      }
      expect(worst).toBeLessThan(1e-6);
    });

    it(`${world.name}: log p_t(x | y) and log p_t(x) equal the mixture summed directly`, () => {
      for (const t of [0, 500]) {
        const x = probePoints(world, t, 10, 99);
        for (const c of conds) {
          const lp = exact.logDensity(x, t, c);
          for (let i = 0; i < lp.length; i++) {
            const naive = naiveLogDensity(world, schedule.alphasCumprod[t]!, x[2 * i]!, x[2 * i + 1]!, c);
            if (Number.isFinite(naive)) expect(lp[i]).toBeCloseTo(naive, 9);
          }
        }
      }
    });

    it(`${world.name}: Σ_y p_t(y|x) = 1, ε*_∅ = Σ_y p_t(y|x) ε*_y, ∇log p_t(y|x) = −(ε*_y − ε*_∅)/√(1−ᾱ_t)`, () => {
      const K = world.classes.length;
      for (const t of TIMESTEPS) {
        const x = probePoints(world, t, 25, 7 * t + 3);
        const n = x.length >> 1;
        const post = exact.classPosterior(x, t);
        const epsU = exact.epsUncond(x, t);
        const mix = new Float64Array(x.length);
        for (let y = 0; y < K; y++) {
          const epsY = exact.epsCond(x, t, y);
          for (let i = 0; i < n; i++) {
            mix[2 * i]! += post[i * K + y]! * epsY[2 * i]!;
            mix[2 * i + 1]! += post[i * K + y]! * epsY[2 * i + 1]!;
          }
          const grad = exact.classifierGrad(x, t, y);
          const sigma = Math.sqrt(1 - schedule.alphasCumprod[t]!);
          for (let i = 0; i < x.length; i++) {
            const expected = -(epsY[i]! - epsU[i]!) / sigma;
            expect(Math.abs(grad[i]! - expected)).toBeLessThan(1e-9 * Math.max(1, Math.abs(expected)));
          }
        }
        for (let i = 0; i < n; i++) {
          let sum = 0;
          for (let y = 0; y < K; y++) sum += post[i * K + y]!;
          expect(sum).toBeCloseTo(1, 12);
        }
        for (let i = 0; i < x.length; i++) expect(Math.abs(mix[i]! - epsU[i]!)).toBeLessThan(1e-9 * Math.max(1, Math.abs(epsU[i]!)));
      }
    });

    it(`${world.name}: every quantity is finite far from the data, e.g. at (1e3, −1e3)`, () => {
      const x = new Float64Array([1e3, -1e3, -1e4, 5e3, 0, 1e5]);
      for (const t of [0, 999]) {
        const all = [
          exact.epsUncond(x, t),
          exact.epsCond(x, t, 0),
          exact.eps(x, t, new Int32Array([0, NULL_CLASS, 1])),
          exact.tweedie(x, t, 1),
          exact.logDensity(x, t),
          exact.logDensity(x, t, 0),
          exact.classPosterior(x, t),
          exact.classifierGrad(x, t, 1),
        ];
        for (const arr of all) for (const v of arr) expect(Number.isFinite(v)).toBe(true);
      }
    });
  }

  it('ε* = −√(1−ᾱ_t) · score, and per-point conditions match one condition for all', () => {
    const world = getBuiltinWorld('three-spirals')!;
    const exact = new ExactDenoiser(world, cosine);
    const x = probePoints(world, 300, 10, 5);
    const n = x.length >> 1;
    const cond = Int32Array.from({ length: n }, (_, i) => (i % 4) - 1);
    const eps = exact.eps(x, 300, cond);
    const sigma = Math.sqrt(1 - cosine.alphasCumprod[300]!);
    for (let i = 0; i < n; i++) {
      const one = exact.score(x.subarray(2 * i, 2 * i + 2), 300, cond[i]!);
      expect(eps[2 * i]).toBeCloseTo(-sigma * one[0]!, 12);
      expect(eps[2 * i + 1]).toBeCloseTo(-sigma * one[1]!, 12);
    }
  });

  it("Tweedie's x̂_0 equals the Gaussian posterior mean μ + √ᾱ Σ C⁻¹ (x − √ᾱ μ) for a one-Gaussian class", () => {
    const world = getBuiltinWorld('two-gaussians')!; // class 1: N((1, 0), 0.5 I)
    const exact = new ExactDenoiser(world, schedule);
    const t = 400;
    const ab = schedule.alphasCumprod[t]!;
    const x = new Float64Array([0.3, -0.7, 2, 1]);
    const xh = exact.tweedie(x, t, 1);
    const gain = (Math.sqrt(ab) * 0.5) / (ab * 0.5 + 1 - ab);
    expect(xh[0]).toBeCloseTo(1 + gain * (0.3 - Math.sqrt(ab)), 12);
    expect(xh[1]).toBeCloseTo(gain * -0.7, 12);
    expect(xh[2]).toBeCloseTo(1 + gain * (2 - Math.sqrt(ab)), 12);
  });

  it('refuses bad timesteps and classes with a message naming the range', () => {
    const exact = new ExactDenoiser(getBuiltinWorld('two-gaussians')!, schedule);
    const x = new Float64Array([0, 0]);
    expect(() => exact.score(x, 1000)).toThrow(/t must be an integer in \[0, 999\]/);
    expect(() => exact.score(x, 2.5)).toThrow(/t must be/);
    expect(() => exact.epsCond(x, 0, 2)).toThrow(/class must be an integer in \[0, 1\]/);
    expect(() => exact.eps(x, 0, new Int32Array([5]))).toThrow(/NULL_CLASS or an integer in \[0, 1\]/);
    expect(() => exact.eps(x, 0, new Int32Array([0, 0]))).toThrow(/one class per point/);
  });
});
