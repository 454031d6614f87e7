/** Draws a sampler panel: the true class density p_0(x | y) as shading, the particle cloud, trails and x̂_0 rings. */
import type { Grid } from '../../../lib/science/grid';
import { beginPanel, drawDensity, toPixels, type PanelGeometry } from '../shared/canvas';
import type { ThemeColors } from '../shared/theme-colors';

export function drawSamplerPanel(
  canvas: HTMLCanvasElement,
  densityGrid: Grid,
  densityAlpha: Uint8ClampedArray,
  x: Float64Array,
  paths: readonly Float64Array[],
  x0Hat: Float64Array | undefined,
  colors: ThemeColors,
  classColor: string,
): PanelGeometry {
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
  return g;
}
