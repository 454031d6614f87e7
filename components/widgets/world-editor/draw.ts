/** Draws the world editor's picture: each class's density in its colour, each component's 2σ ellipse, the selected one's handles. */
import type { ExactDenoiser } from '../../../lib/science/exact';
import type { WorldDoc } from '../../../lib/science/world-code';
import { EDITOR_EXTENT, HANDLE_SDS, classDensities, handlesOf } from '../../../lib/views/world-editor';
import { beginPanel, drawDensity, drawEllipse, toPixels, type PanelGeometry } from '../shared/canvas';
import type { ThemeColors } from '../shared/theme-colors';

/** The colour of class c (four theme colours; classes 4–7 reuse them with dashed ellipses). */
export function classColor(colors: ThemeColors, c: number): string {
  return colors.classes[c % colors.classes.length]!;
}

const densities = new WeakMap<ExactDenoiser, ReturnType<typeof classDensities>>();

/** Draws the picture; returns the panel geometry (for mapping the pointer). */
export function drawEditor(canvas: HTMLCanvasElement, exact: ExactDenoiser, doc: WorldDoc, selected: number, colors: ThemeColors): PanelGeometry {
  const { ctx, g } = beginPanel(canvas, EDITOR_EXTENT);
  let layers = densities.get(exact);
  if (!layers) {
    layers = classDensities(exact);
    densities.set(exact, layers);
  }
  for (const [c, alpha] of layers.alphas.entries()) drawDensity(ctx, g, layers.grid, alpha, classColor(colors, c), 0.45);
  let k = 0;
  doc.classes.forEach((cls, c) => {
    for (const comp of cls.components) {
      const color = k === selected ? colors.fg : classColor(colors, c);
      drawEllipse(
        ctx,
        g,
        [comp.x, comp.y],
        { rx: HANDLE_SDS * comp.sx, ry: HANDLE_SDS * comp.sy, angle: (comp.angle * Math.PI) / 180 },
        color,
        c >= colors.classes.length,
      );
      if (k === selected) {
        const h = handlesOf(comp);
        ctx.fillStyle = colors.fg;
        for (const p of [h.major, h.minor]) {
          const [px, py] = toPixels(g, p[0], p[1]);
          ctx.fillRect(px - 5, py - 5, 10, 10);
        }
      }
      k++;
    }
  });
  return g;
}
