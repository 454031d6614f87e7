import { describe, expect, it } from 'vitest';
import { GLYPH_MAX_CELLS, glyphCells, linearCells } from '../../../lib/views/glyph';

describe('arrow glyph: logarithmic, bounded length', () => {
  it('is 0 at 0, increasing, never longer than GLYPH_MAX_CELLS, and readable for weak vectors', () => {
    expect(glyphCells(0)).toBe(0);
    expect(glyphCells(Number.NaN)).toBe(0);
    let last = 0;
    for (const r of [0.001, 0.01, 0.05, 0.2, 0.7, 2, 5, 8, 50]) {
      const g = glyphCells(r);
      expect(g).toBeGreaterThanOrEqual(last);
      expect(g).toBeLessThanOrEqual(GLYPH_MAX_CELLS);
      last = g;
    }
    // A vector 1/20 of the reference (a speck at linear scale: 0.035 cell) is drawn a sixth of a cell long.
    expect(glyphCells(0.035)).toBeGreaterThan(0.15);
    // Ten times the reference is drawn within the cell bound, not clipped to a bar.
    expect(glyphCells(7)).toBeLessThanOrEqual(GLYPH_MAX_CELLS);
    expect(glyphCells(7)).toBeGreaterThan(glyphCells(0.7));
  });

  it('linearCells inverts glyphCells (the legend reads lengths back as vector norms)', () => {
    for (const r of [0.01, 0.3, 1, 4]) expect(linearCells(glyphCells(r))).toBeCloseTo(r, 9);
  });
});
