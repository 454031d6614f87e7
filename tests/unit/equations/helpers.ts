/** Shared helpers of the equation checks: worlds, probe points, finite differences, quadrature. */
import { expect } from 'vitest';
import { ExactDenoiser, Rng, getBuiltinWorld, makeSchedule, type World } from '../../../lib/science';

export const schedule = makeSchedule('linear');

export function world(name: string): World {
  const w = getBuiltinWorld(name);
  if (!w) throw new Error(`no built-in world "${name}"`);
  return w;
}

export function exactFor(name: string): ExactDenoiser {
  return new ExactDenoiser(world(name), schedule);
}

/** n probe points, uniform in [−r, r]², seeded. */
export function probes(n: number, seed = 1, r = 2.5): Float64Array {
  const rng = new Rng(seed);
  return Float64Array.from({ length: 2 * n }, () => (2 * rng.uniform() - 1) * r);
}

export function expectClose(a: ArrayLike<number>, b: ArrayLike<number>, tol = 1e-10): void {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) {
    const err = Math.abs(a[i]! - b[i]!);
    if (!(err <= tol * Math.max(1, Math.abs(b[i]!)))) {
      throw new Error(`entry ${i}: ${a[i]} vs ${b[i]} (|diff| ${err.toExponential(2)} > ${tol})`);
    }
  }
}

/** Central finite-difference gradient of a per-point scalar function f (n values for 2n coordinates). */
export function fdGrad(f: (x: Float64Array) => ArrayLike<number>, x: Float64Array, h = 1e-5): Float64Array {
  const g = new Float64Array(x.length);
  for (let d = 0; d < 2; d++) {
    const xp = Float64Array.from(x);
    const xm = Float64Array.from(x);
    for (let i = d; i < x.length; i += 2) {
      xp[i]! += h;
      xm[i]! -= h;
    }
    const fp = f(xp);
    const fm = f(xm);
    for (let i = 0; i < x.length >> 1; i++) g[2 * i + d] = (fp[i]! - fm[i]!) / (2 * h);
  }
  return g;
}

/** Density of a 2D Gaussian with covariance [[a, b], [b, c]]. */
export function gauss2(x: number, y: number, mx: number, my: number, a: number, b: number, c: number): number {
  const det = a * c - b * b;
  const dx = x - mx;
  const dy = y - my;
  const q = (c * dx * dx - 2 * b * dx * dy + a * dy * dy) / det;
  return Math.exp(-0.5 * q) / (2 * Math.PI * Math.sqrt(det));
}

/** p(x_0) (or p(x_0 | y) with y given) of a world, summed directly from its components. */
export function dataDensity(w: World, x: number, y: number, cls?: number): number {
  let p = 0;
  w.classes.forEach((c, k) => {
    if (cls !== undefined && cls !== k) return;
    const prior = cls === undefined ? c.prior : 1;
    for (const comp of c.components) {
      const [[a, b], [, d]] = comp.cov;
      p += prior * comp.weight * gauss2(x, y, comp.mean[0], comp.mean[1], a, b, d);
    }
  });
  return p;
}

/**
 * Quadrature over x_0 on a square grid of the forward kernel q(x_t | x_0) = N(√ᾱ x_0, (1−ᾱ) I) against p(x_0):
 * returns p_t(x_t) and E[x_0 | x_t] for one point.
 */
export function quadrature(w: World, alphaBar: number, xt: [number, number], half = 5, m = 500): { density: number; meanX0: [number, number] } {
  const hcell = (2 * half) / m;
  const sa = Math.sqrt(alphaBar);
  const v = 1 - alphaBar;
  let z = 0;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < m; i++) {
    const u = -half + (i + 0.5) * hcell;
    for (let j = 0; j < m; j++) {
      const vv = -half + (j + 0.5) * hcell;
      const wgt = dataDensity(w, u, vv) * gauss2(xt[0], xt[1], sa * u, sa * vv, v, 0, v) * hcell * hcell;
      z += wgt;
      mx += wgt * u;
      my += wgt * vv;
    }
  }
  return { density: z, meanX0: [mx / z, my / z] };
}
