/**
 * Presentation mode's layout, DOM-free: the largest panels that fit a stage of a given size. Each cell is a figure's
 * panel (a canvas or plot) with its aspect ratio (height / width) and the height of what goes with it at that width
 * (caption, metrics); cells are laid out in a grid of `cols` columns, each row as tall as its tallest cell.
 */
export interface Cell {
  /** Height of the panel over its width (1 for a square canvas). */
  aspect: number;
  /** Height in px of the cell's other content (caption, table), taken as independent of the width. */
  extra: number;
}

export interface PanelFit {
  cols: number;
  /** Width in px of each cell (its panel is `aspect × width` tall). */
  width: number;
}

/** Total height of the cells laid out in `cols` columns at cell width `w`. */
export function gridHeight(cells: readonly Cell[], cols: number, w: number, gap: number): number {
  let total = 0;
  for (let r = 0; r * cols < cells.length; r++) {
    const row = cells.slice(r * cols, (r + 1) * cols);
    total += Math.max(...row.map((c) => c.aspect * w + c.extra)) + (r > 0 ? gap : 0);
  }
  return total;
}

/**
 * The column count and cell width that make the cells as large as possible inside `width × height` (px), with `gap`
 * between cells, never wider than `maxWidth`. Width 0 when nothing fits (a stage shorter than the cells' extras).
 */
export function fitPanels(cells: readonly Cell[], width: number, height: number, gap = 12, maxWidth = Number.POSITIVE_INFINITY): PanelFit {
  if (cells.length === 0 || !(width > 0) || !(height > 0)) return { cols: 1, width: 0 };
  let best: PanelFit = { cols: 1, width: 0 };
  for (let cols = 1; cols <= cells.length; cols++) {
    let hi = Math.min(maxWidth, (width - gap * (cols - 1)) / cols);
    if (!(hi > 0)) continue;
    let lo = 0;
    if (gridHeight(cells, cols, hi, gap) > height) {
      // the grid's height grows with w: bisect for the widest cells that still fit
      for (let i = 0; i < 40; i++) {
        const mid = (lo + hi) / 2;
        if (gridHeight(cells, cols, mid, gap) <= height) lo = mid;
        else hi = mid;
      }
      hi = lo;
    }
    if (hi > best.width + 0.5) best = { cols, width: Math.floor(hi) };
  }
  return best;
}
