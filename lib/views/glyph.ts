/**
 * The arrow glyph of every field panel: a logarithmic, bounded length. At the shared drawing scale a vector is r grid
 * cells long; it is drawn log(1 + r/r₀)/log(1 + r_full/r₀) × GLYPH_MAX_CELLS long (never more), so that the weak
 * arrows of s = 0 and s = 1 show their direction and the strong ones of s = 7.5 stay inside their cell, while a
 * longer arrow still always means a larger vector, on one scale across panels (no clipping bars).
 */

/** Longest drawn arrow, in grid cells. */
export const GLYPH_MAX_CELLS = 1.1;
/** Linear length (cells) below which the glyph is about proportional. */
const R0 = 0.02;
/** Linear length (cells) drawn at full length; longer vectors are drawn full length. */
const R_FULL = 8;
const DENOM = Math.log1p(R_FULL / R0);

/** Drawn length (cells) of a vector r cells long at the linear drawing scale. */
export function glyphCells(r: number): number {
  if (!(r > 0)) return 0;
  return GLYPH_MAX_CELLS * Math.min(1, Math.log1p(r / R0) / DENOM);
}

/** The linear length (cells) a drawn length stands for: the inverse of glyphCells (for the legend). */
export function linearCells(drawn: number): number {
  const f = Math.min(1, Math.max(0, drawn / GLYPH_MAX_CELLS));
  return R0 * Math.expm1(f * DENOM);
}

/** The vector norms a quarter, a half and a whole cell of drawn length stand for, given the norm of one linear cell. */
export function glyphLegend(normPerCell: number): [number, number, number] {
  return [0.25, 0.5, 1].map((c) => linearCells(c) * normPerCell) as [number, number, number];
}
