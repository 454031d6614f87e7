/**
 * The tilted density p_t(x | y)^s p_t(x)^(1−s), normalised on a grid: the distribution CFG's ε̃ is the score of
 * (up to the normaliser), which is not what a guided sampler actually produces — chapters compare the two.
 */
import type { ExactDenoiser } from './exact';
import { normaliseLogDensity, type Grid } from './grid';
import { NULL_CLASS } from './types';
import { gridMoments, type Moments2 } from './compare';

/** Log of the unnormalised tilted density s log p_t(x | y) + (1−s) log p_t(x) at each grid point. */
export function tiltedLogDensity(exact: ExactDenoiser, grid: Grid, y: number, s: number, t = 0): Float64Array {
  const logCond = exact.logDensity(grid.points, t, y);
  const logMarg = exact.logDensity(grid.points, t, NULL_CLASS);
  for (let i = 0; i < logCond.length; i++) logCond[i] = s * logCond[i]! + (1 - s) * logMarg[i]!;
  return logCond;
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
