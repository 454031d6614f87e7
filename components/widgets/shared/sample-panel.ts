/**
 * The sample panel, a shared mark (guided sampler, guidance sweep, classifier guidance, guided vs tilted): a density as
 * shading, the particle cloud, optionally its trails and x̂₀ rings. Options in one object, as Observable Plot's marks take them.
 */
import type { Grid } from '../../../lib/science/grid';
import { samplerSpec } from '../../../lib/views/svg/widgets';
import { beginPanel, drawDensity, toPixels, type PanelGeometry } from './canvas';
import { recordPanel } from './figure-record';
import { widgetText } from './strings';
import type { ThemeColors } from './theme-colors';

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
}

export function drawSamplePanel(canvas: HTMLCanvasElement, options: SamplePanelOptions): PanelGeometry {
  const { densityGrid, densityAlpha, x, paths = [], x0Hat, colors, color: classColor } = options;
  const { ctx, g } = beginPanel(canvas, densityGrid.extent);
  const size = g.size;

  drawDensity(ctx, g, densityGrid, densityAlpha, colors.muted, 0.45);

  if (paths.length > 1) {
    ctx.strokeStyle = colors.accent;
    ctx.globalAlpha = 0.55;
    ctx.lineWidth = 1;
    const k = paths[0]!.length >> 1;
    for (let p = 0; p < k; p++) {
      ctx.beginPath();
      for (let s = 0; s < paths.length; s++) {
        const [px, py] = toPixels(g, paths[s]![2 * p]!, paths[s]![2 * p + 1]!);
        if (s === 0) ctx.moveTo(px, py);
        else ctx.lineTo(px, py);
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
  return g;
}
