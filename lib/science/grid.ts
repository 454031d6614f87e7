/**
 * A regular grid of points over a rectangle, for field views, density images and the `field` command.
 * Points sit at cell centres, row by row from the bottom: point j·nx + i is (x0 + (i+½)dx, y0 + (j+½)dy).
 */
import { logSumExp } from './gauss2';
import type { Points } from './types';

/** [x0, x1, y0, y1]. */
export type Extent = readonly [number, number, number, number];

export const DEFAULT_EXTENT: Extent = [-3.5, 3.5, -3.5, 3.5];

export interface Grid {
  readonly nx: number;
  readonly ny: number;
  readonly extent: Extent;
  /** Cell width and height. */
  readonly dx: number;
  readonly dy: number;
  /** dx · dy. */
  readonly cellArea: number;
  /** nx · ny cell centres, interleaved (2 nx ny numbers). */
  readonly points: Points;
}

/** An nx × ny grid (ny = nx by default) over `extent`. */
export function makeGrid(nx: number, extent: Extent = DEFAULT_EXTENT, ny: number = nx): Grid {
  for (const [name, v] of [
    ['nx', nx],
    ['ny', ny],
  ] as const) {
    if (!Number.isInteger(v) || v < 1) throw new RangeError(`${name} must be a positive integer, got ${v}`);
  }
  const [x0, x1, y0, y1] = extent;
  if (!(Number.isFinite(x0) && Number.isFinite(x1) && Number.isFinite(y0) && Number.isFinite(y1) && x0 < x1 && y0 < y1)) {
    throw new RangeError(`extent must be finite with x0 < x1 and y0 < y1, got [${extent.join(', ')}]`);
  }
  const dx = (x1 - x0) / nx;
  const dy = (y1 - y0) / ny;
  const points = new Float64Array(2 * nx * ny);
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const p = 2 * (j * nx + i);
      points[p] = x0 + (i + 0.5) * dx;
      points[p + 1] = y0 + (j + 0.5) * dy;
    }
  }
  return { nx, ny, extent, dx, dy, cellArea: dx * dy, points };
}

/** Turns log-values on a grid into a density that sums to 1 over the grid (Σ p · cellArea = 1), stably. */
export function normaliseLogDensity(logValues: Float64Array, cellArea: number): Float64Array {
  const logZ = logSumExp(logValues) + Math.log(cellArea);
  return logValues.map((v) => Math.exp(v - logZ));
}
