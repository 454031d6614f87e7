/**
 * The sample panel, a shared mark (guided sampler, guidance sweep, classifier guidance, guided vs tilted): a density as
 * shading, the particle cloud, optionally its trails and x̂₀ rings. Options in one object, as Observable Plot's marks take them.
 */
import type { Grid } from '../../../lib/science/grid';
import { samplerSpec } from '../../../lib/views/svg/widgets';
import { beginPanel, drawDensity, toPixels, type PanelGeometry } from './canvas';
import { recordPanel } from './figure-record';
import { edgeCounts, type EdgeCounts } from '../../../lib/views/offscreen';
import { shadingOpacityOn, type ThemeColors } from './theme-colors';
import { widgetText } from './strings';

/** Age bands of the trails, faint (oldest) to strong (latest). */
const TRAIL_BANDS = 5;

export interface SamplePanelOptions {
  /** The grid of the density layer; its extent is the panel's. */
  densityGrid: Grid;
  /** Opacity 0–255 of the density at each density-grid cell. */
  densityAlpha: Uint8ClampedArray;
  /** The particles, x0 y0 x1 y1 … */
  x: Float64Array;
  /** The particles at every step so far, for trails (none by default). */
  paths?: readonly Float64Array[];
  /** The current step's x̂₀ predictions, drawn as rings (none by default). */
  x0Hat?: Float64Array;
  colors: ThemeColors;
  /** Colour of the particles. */
  color: string;
  /** Where to say in words how many particles left the view (emptied and hidden when none did). */
  offscreenNote?: HTMLElement;
}

/** Draws the panel; returns its geometry and what left its view (also in the canvas's data-offscreen, for tests). */
export function drawSamplePanel(canvas: HTMLCanvasElement, options: SamplePanelOptions): PanelGeometry & { offscreen: EdgeCounts } {
  const { densityGrid, densityAlpha, x, paths = [], x0Hat, colors, color: classColor, offscreenNote } = options;
  const { ctx, g } = beginPanel(canvas, densityGrid.extent);
  const size = g.size;

  drawDensity(ctx, g, densityGrid, densityAlpha, colors.muted, shadingOpacityOn(colors, colors.muted, 0.45));

  if (paths.length > 1) {
    // Trails fade with age (DDPM's noisy paths would otherwise be a hairball): older steps in fainter bands.
    ctx.strokeStyle = colors.accent;
    ctx.lineWidth = 1;
    const k = paths[0]!.length >> 1;
    const bands = Math.min(TRAIL_BANDS, paths.length - 1);
    for (let band = 0; band < bands; band++) {
      const from = Math.floor((band * (paths.length - 1)) / bands);
      const to = Math.floor(((band + 1) * (paths.length - 1)) / bands);
      ctx.globalAlpha = 0.08 + (0.5 * (band + 1)) / bands;
      ctx.beginPath();
      for (let p = 0; p < k; p++) {
        for (let s = from; s <= to; s++) {
          const [px, py] = toPixels(g, paths[s]![2 * p]!, paths[s]![2 * p + 1]!);
          if (s === from) ctx.moveTo(px, py);
          else ctx.lineTo(px, py);
        }
      }
      ctx.stroke();
    }
    ctx.globalAlpha = 1;
  }

  if (x0Hat) {
    // The current step's prediction of the end point, as hollow rings: where the sampler is heading.
    ctx.strokeStyle = colors.fg;
    ctx.globalAlpha = 0.35;
    ctx.lineWidth = 1;
    for (let i = 0; i < x0Hat.length >> 1; i++) {
      const [px, py] = toPixels(g, x0Hat[2 * i]!, x0Hat[2 * i + 1]!);
      if (px < -4 || py < -4 || px > size + 4 || py > size + 4) continue;
      ctx.beginPath();
      ctx.arc(px, py, 2.2, 0, 2 * Math.PI);
      ctx.stroke();
    }
    ctx.globalAlpha = 1;
  }

  ctx.fillStyle = classColor;
  const n = x.length >> 1;
  const dot = n > 2000 ? 1.6 : 2.2;
  for (let i = 0; i < n; i++) {
    const [px, py] = toPixels(g, x[2 * i]!, x[2 * i + 1]!);
    if (px < -2 || py < -2 || px > size + 2 || py > size + 2) continue;
    ctx.fillRect(px - dot / 2, py - dot / 2, dot, dot);
  }
  recordPanel(canvas, () => {
    const spec = samplerSpec(densityGrid, densityAlpha, x, paths.length > 1 ? paths : [], '', classColor);
    return x0Hat ? { ...spec, points: [...(spec.points ?? []), { points: x0Hat, color: '#777', radius: 2.2, label: widgetText.x0HatLabel }] } : spec;
  });
  const offscreen = edgeCounts(x, densityGrid.extent);
  drawEdgeCounts(ctx, size, offscreen, colors);
  canvas.dataset.offscreen = String(offscreen.total);
  if (offscreenNote) {
    offscreenNote.textContent = offscreen.total ? widgetText.offscreen(offscreen, n) : '';
    offscreenNote.hidden = offscreen.total === 0;
  }
  return { ...g, offscreen };
}

/** Marks each edge that particles left with an outward triangle and their count (nothing leaves the view silently). */
function drawEdgeCounts(ctx: CanvasRenderingContext2D, size: number, counts: EdgeCounts, colors: ThemeColors): void {
  if (counts.total === 0) return;
  ctx.fillStyle = colors.fg;
  ctx.font = `${Math.max(11, Math.round(size / 28))}px system-ui, sans-serif`;
  const marks: [keyof EdgeCounts, number, number, number, number][] = [
    ['left', 3, size / 2, -1, 0],
    ['right', size - 3, size / 2, 1, 0],
    ['top', size / 2, 3, 0, -1],
    ['bottom', size / 2, size - 3, 0, 1],
  ];
  for (const [edge, x, y, dx, dy] of marks) {
    const n = counts[edge];
    if (!n) continue;
    ctx.beginPath();
    ctx.moveTo(x + 5 * dx, y + 5 * dy);
    ctx.lineTo(x - 5 * dx + 5 * dy, y - 5 * dy + 5 * dx);
    ctx.lineTo(x - 5 * dx - 5 * dy, y - 5 * dy - 5 * dx);
    ctx.closePath();
    ctx.fill();
    ctx.textAlign = dx > 0 ? 'right' : dx < 0 ? 'left' : 'center';
    ctx.textBaseline = dy > 0 ? 'bottom' : dy < 0 ? 'top' : 'middle';
    ctx.fillText(String(n), x - 10 * dx + 10 * Math.abs(dy), y - 10 * dy);
  }
}
