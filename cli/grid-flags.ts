/** Grid and timestep flags shared by field and tilted. */
import { DEFAULT_EXTENT, makeGrid, type Grid } from '../lib/science';
import type { FlagSpecs } from './args';

export const gridFlags = {
  grid: { type: 'int', min: 2, max: 256, default: 32, help: 'grid points per side' },
  extent: {
    type: 'list',
    of: 'number',
    length: 4,
    min: -1000,
    max: 1000,
    names: ['X0', 'X1', 'Y0', 'Y1'],
    order: 'increasing',
    default: DEFAULT_EXTENT,
    help: 'the rectangle [X0, X1] × [Y0, Y1]',
  },
} as const satisfies FlagSpecs;

export const GRID_ORDER = 'row by row from the bottom, cell centres';

export function gridOfFlags(f: { grid: number; extent: number[] }): Grid {
  const [x0 = 0, x1 = 0, y0 = 0, y1 = 0] = f.extent;
  return makeGrid(f.grid, [x0, x1, y0, y1]);
}

export function gridSummary(grid: Grid): Record<string, unknown> {
  return { nx: grid.nx, ny: grid.ny, extent: grid.extent, order: GRID_ORDER };
}
