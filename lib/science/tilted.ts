/**
 * The tilted density p_t(x | y)^s p_t(x)^(1−s), normalised on a grid: the distribution CFG's ε̃ is the score of
 * (up to the normaliser), which is not what a guided sampler actually produces — chapters compare the two.
 */
import type { ExactDenoiser } from './exact';
import { normaliseLogDensity, type Grid } from './grid';
import { NULL_CLASS } from './types';
import { gridMoments, type Moments2 } from './compare';

/**
 * The tilt of two log densities: s log p(x | y) + (1−s) log p(x | ∅) at each point (a new array). The one place the
 * tilted density is formed; ∅ may stand for a negative class (the density a negative-class CFG field is the score of).
 */
export function tiltLogs(logCond: ArrayLike<number>, logUncond: ArrayLike<number>, s: number): Float64Array {
  const out = new Float64Array(logCond.length);
  for (let i = 0; i < out.length; i++) out[i] = s * logCond[i]! + (1 - s) * logUncond[i]!;
  return out;
}

/** Log of the unnormalised tilted density s log p_t(x | y) + (1−s) log p_t(x) at each grid point. */
export function tiltedLogDensity(exact: ExactDenoiser, grid: Grid, y: number, s: number, t = 0): Float64Array {
  return tiltLogs(exact.logDensity(grid.points, t, y), exact.logDensity(grid.points, t, NULL_CLASS), s);
}

/** p_t(x | y)^s p_t(x)^(1−s) / Z on the grid, with Σ density · cellArea = 1 (t = 0: the data level). */
export function tiltedDensity(exact: ExactDenoiser, grid: Grid, y: number, s: number, t = 0): Float64Array {
  return normaliseLogDensity(tiltedLogDensity(exact, grid, y, s, t), grid.cellArea);
}

/**
 * The tilted density at timestep t with its moments on the grid: what the guided-vs-tilted comparison needs
 * (the moments are those of the grid density: make the grid cover the mass).
 */
export function tiltedWithMoments(
  exact: ExactDenoiser,
  grid: Grid,
  y: number,
  s: number,
  t = 0,
): { density: Float64Array; logDensity: Float64Array } & Moments2 {
  const logDensity = tiltedLogDensity(exact, grid, y, s, t);
  const density = normaliseLogDensity(logDensity, grid.cellArea);
  return { density, logDensity, ...gridMoments(density, grid) };
}
