/**
 * The score-field panel, a shared mark (score field, classifier guidance, training lab): the density layer (an opacity
 * image in the class colour), faint axes, the arrows of each set, the density's peak and the hovered point.
 * Geometry only; the numbers come from lib/views/score-field. Options in one object, as Observable Plot's marks take them.
 */
import type { Grid } from '../../../lib/science/grid';
import { glyphCells } from '../../../lib/views/glyph';
import type { ArrowSet, PanelFrame } from '../../../lib/views/score-field';
import { scoreFieldSpec } from '../../../lib/views/svg/widgets';
import { beginPanel, drawDensity, strokeCross, toPixels, type PanelGeometry } from './canvas';
import { recordPanel } from './figure-record';
import { shadingOpacityOn, type ThemeColors } from './theme-colors';

export interface FieldPanelOptions {
  /** What to draw at one scale: density opacity, arrow sets, drawing scale, peak (lib/views/score-field). */
  frame: PanelFrame;
  /** The grid the arrows stand on; its extent is the panel's. */
  arrowGrid: Grid;
  /** The grid of the density layer. */
  densityGrid: Grid;
  colors: ThemeColors;
  /** Colour of the density layer and of class arrows (the class colour). */
  densityColor: string;
  /** Arrow-grid index of the hovered point, ringed; none by default. */
  highlight?: number;
}

export function drawFieldPanel(canvas: HTMLCanvasElement, options: FieldPanelOptions): PanelGeometry {
  const { frame, arrowGrid, densityGrid, colors, densityColor, highlight = -1 } = options;
  const { ctx, g } = beginPanel(canvas, arrowGrid.extent);
  const size = g.size;

  drawDensity(ctx, g, densityGrid, frame.alpha, densityColor, shadingOpacityOn(colors, densityColor, 0.55));

  // Axes through the origin, faint.
  ctx.strokeStyle = colors.rule;
  ctx.lineWidth = 1;
  const [ox, oy] = toPixels(g, 0, 0);
  ctx.beginPath();
  ctx.moveTo(0, oy);
  ctx.lineTo(size, oy);
  ctx.moveTo(ox, 0);
  ctx.lineTo(ox, size);
  ctx.stroke();

  const cellPx = (Math.min(arrowGrid.dx, arrowGrid.dy) / (g.extent[1] - g.extent[0])) * size;
  for (const set of frame.arrows) drawArrows(ctx, g, arrowGrid, set, frame.arrowScale, cellPx, arrowColor(set, colors, densityColor));

  if (frame.peak) {
    // The peak of the drawn density.
    const [px, py] = toPixels(g, frame.peak[0], frame.peak[1]);
    ctx.strokeStyle = colors.fg;
    ctx.lineWidth = 1.5;
    strokeCross(ctx, px, py, 5);
  }

  if (highlight >= 0) {
    const [hx, hy] = toPixels(g, arrowGrid.points[2 * highlight]!, arrowGrid.points[2 * highlight + 1]!);
    ctx.strokeStyle = colors.accent;
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.arc(hx, hy, Math.max(4, cellPx * 0.45), 0, 2 * Math.PI);
    ctx.stroke();
  }
  recordPanel(canvas, () => scoreFieldSpec(frame, arrowGrid, densityGrid, '', densityColor));
  return g;
}

function arrowColor(set: ArrowSet, colors: ThemeColors, classColor: string): string {
  switch (set.role) {
    case 'uncond':
      return colors.nullClass;
    case 'cond':
    case 'cg':
      return classColor;
    case 'difference':
    case 'classifier':
      return colors.accent;
    default:
      return colors.fg;
  }
}

function drawArrows(ctx: CanvasRenderingContext2D, g: PanelGeometry, grid: Grid, set: ArrowSet, scale: number, cellPx: number, color: string): void {
  const pxPerUnit = g.size / (g.extent[1] - g.extent[0]);
  ctx.strokeStyle = color;
  ctx.fillStyle = color;
  ctx.lineWidth = set.role === 'guided' || set.role === 'difference' ? 1.4 : 1.1;
  const n = grid.points.length >> 1;
  for (let k = 0; k < n; k++) {
    const vx = set.vectors[2 * k]! * scale * pxPerUnit;
    const vy = -set.vectors[2 * k + 1]! * scale * pxPerUnit;
    const linear = Math.hypot(vx, vy);
    // Logarithmic, bounded length (lib/views/glyph.ts): weak arrows show their direction, strong ones stay in their cell.
    const len = glyphCells(linear / cellPx) * cellPx;
    if (!(len > 0.5)) continue;
    const [x, y] = toPixels(g, grid.points[2 * k]!, grid.points[2 * k + 1]!);
    const ux = vx / linear;
    const uy = vy / linear;
    const x1 = x + ux * len;
    const y1 = y + uy * len;
    ctx.beginPath();
    ctx.moveTo(x, y);
    ctx.lineTo(x1, y1);
    ctx.stroke();
    const head = Math.min(6, 0.35 * len + 2);
    ctx.beginPath();
    ctx.moveTo(x1, y1);
    ctx.lineTo(x1 - head * (ux * 0.9 - uy * 0.5), y1 - head * (uy * 0.9 + ux * 0.5));
    ctx.lineTo(x1 - head * (ux * 0.9 + uy * 0.5), y1 - head * (uy * 0.9 - ux * 0.5));
    ctx.closePath();
    ctx.fill();
  }
}
