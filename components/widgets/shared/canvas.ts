/** Canvas helpers shared by the widgets: sizing, data ↔ pixel mapping, the density layer. */
import type { Grid } from '../../../lib/science/grid';
import { recordEllipse } from './figure-record';
import { rgbParts } from './theme-colors';

export interface PanelGeometry {
  /** CSS pixels of the square panel. */
  size: number;
  extent: readonly [number, number, number, number];
}

export function toPixels(g: PanelGeometry, x: number, y: number): [number, number] {
  const [x0, x1, y0, y1] = g.extent;
  return [((x - x0) / (x1 - x0)) * g.size, (1 - (y - y0) / (y1 - y0)) * g.size];
}

export function toData(g: PanelGeometry, px: number, py: number): [number, number] {
  const [x0, x1, y0, y1] = g.extent;
  return [x0 + (px / g.size) * (x1 - x0), y0 + (1 - py / g.size) * (y1 - y0)];
}

/** The least pixel ratio a canvas is drawn at (raised while the page prints, so that figures print sharp). */
let minimumPixelRatio = 1;

/** Sets the least pixel ratio of every canvas drawn from now on (print.ts: 3 while printing, 1 after). */
export function setMinimumPixelRatio(ratio: number): void {
  minimumPixelRatio = Math.min(3, Math.max(1, ratio));
  remeasureCanvases();
}

/**
 * CSS widths of the canvases drawn so far, kept by one ResizeObserver, so that a redraw (a slider move) reads no layout.
 * Created when this module loads, before any widget's own observer: on a resize, the width here is fresh before a
 * widget redraws (ResizeObserver callbacks run in the order the observers were created).
 */
let cssWidths = new WeakMap<Element, number>();
const widthWatcher =
  typeof ResizeObserver === 'undefined'
    ? undefined
    : new ResizeObserver((entries) => {
        for (const e of entries) cssWidths.set(e.target, (e.target as HTMLElement).clientWidth);
      });

/** Forgets the kept widths (the layout changes at once and widgets redraw before any observer reports: print, presenting). */
export function remeasureCanvases(): void {
  cssWidths = new WeakMap();
}

function cssWidth(canvas: HTMLCanvasElement): number {
  let w = cssWidths.get(canvas);
  if (w === undefined) {
    w = canvas.clientWidth;
    if (widthWatcher) {
      cssWidths.set(canvas, w);
      widthWatcher.observe(canvas);
    }
  }
  return w;
}

/** Sizes a square canvas's backing store to its CSS width × devicePixelRatio (at least the minimum); returns the CSS size. */
export function fitCanvas(canvas: HTMLCanvasElement): number {
  const size = Math.max(1, Math.round(cssWidth(canvas)));
  const dpr = Math.min(3, Math.max(minimumPixelRatio, window.devicePixelRatio || 1));
  const px = Math.round(size * dpr);
  if (canvas.width !== px || canvas.height !== px) {
    canvas.width = px;
    canvas.height = px;
  }
  canvas.getContext('2d')!.setTransform(dpr, 0, 0, dpr, 0, 0);
  return size;
}

/** Sizes a panel's canvas and clears it: the drawing context and the data ↔ pixel geometry of `extent`. */
export function beginPanel(canvas: HTMLCanvasElement, extent: PanelGeometry['extent']): { ctx: CanvasRenderingContext2D; g: PanelGeometry } {
  const size = fitCanvas(canvas);
  const ctx = canvas.getContext('2d')!;
  ctx.clearRect(0, 0, size, size);
  return { ctx, g: { size, extent } };
}

/**
 * The density layer's pixels per alpha array, colour and opacity, and one small scratch canvas per grid size to scale
 * them from: a slider move makes a new alpha array, and creating a canvas and its context for each was the costliest
 * part of a move.
 */
const densityPixels = new WeakMap<Uint8ClampedArray, { key: string; data: ImageData }>();
const scratch = new Map<string, CanvasRenderingContext2D>();

function densityImage(grid: Grid, alpha: Uint8ClampedArray, color: string, opacity: number): HTMLCanvasElement {
  const size = `${grid.nx}x${grid.ny}`;
  const key = `${size}|${color}|${opacity}`;
  let data = densityPixels.get(alpha)?.key === key ? densityPixels.get(alpha)!.data : undefined;
  if (!data) {
    data = new ImageData(grid.nx, grid.ny);
    const [r, gg, b] = rgbParts(color);
    for (let j = 0; j < grid.ny; j++) {
      for (let i = 0; i < grid.nx; i++) {
        const dst = 4 * ((grid.ny - 1 - j) * grid.nx + i);
        data.data[dst] = r;
        data.data[dst + 1] = gg;
        data.data[dst + 2] = b;
        data.data[dst + 3] = Math.round(alpha[j * grid.nx + i]! * opacity);
      }
    }
    densityPixels.set(alpha, { key, data });
  }
  let ictx = scratch.get(size);
  if (!ictx) {
    const img = document.createElement('canvas');
    img.width = grid.nx;
    img.height = grid.ny;
    ictx = img.getContext('2d')!;
    scratch.set(size, ictx);
  }
  ictx.putImageData(data, 0, 0);
  return ictx.canvas;
}

/**
 * Draws a density layer: one pixel per grid cell in `color` with opacity alpha × `opacity`, smoothed as it is scaled
 * to the grid's extent on the panel. Grid rows run from the bottom, image rows from the top.
 */
export function drawDensity(ctx: CanvasRenderingContext2D, g: PanelGeometry, grid: Grid, alpha: Uint8ClampedArray, color: string, opacity: number): void {
  const img = densityImage(grid, alpha, color, opacity);
  ctx.imageSmoothingEnabled = true;
  const [x0, y0] = toPixels(g, grid.extent[0], grid.extent[3]);
  const [x1, y1] = toPixels(g, grid.extent[1], grid.extent[2]);
  ctx.drawImage(img, x0, y0, x1 - x0, y1 - y0);
}

/** A covariance ellipse (semi-axes rx, ry in data units, major axis at `angle`) around `mean`, and a cross at the mean. */
export function drawEllipse(
  ctx: CanvasRenderingContext2D,
  g: PanelGeometry,
  mean: readonly [number, number],
  e: { rx: number; ry: number; angle: number },
  color: string,
  dashed = false,
): void {
  const scale = g.size / (g.extent[1] - g.extent[0]);
  const [cx, cy] = toPixels(g, mean[0], mean[1]);
  recordEllipse(ctx.canvas, { center: mean, rx: e.rx, ry: e.ry, angle: e.angle, dashed, color: dashed ? '#555' : '#111' });
  ctx.save();
  ctx.strokeStyle = color;
  ctx.lineWidth = 2;
  ctx.setLineDash(dashed ? [6, 4] : []);
  ctx.beginPath();
  ctx.ellipse(cx, cy, Math.max(0.5, e.rx * scale), Math.max(0.5, e.ry * scale), -e.angle, 0, 2 * Math.PI);
  ctx.stroke();
  ctx.setLineDash([]);
  strokeCross(ctx, cx, cy, 6);
  ctx.restore();
}

/** A + of half-width r pixels at (px, py), in the current stroke style (marks a mean or a peak). */
export function strokeCross(ctx: CanvasRenderingContext2D, px: number, py: number, r: number): void {
  ctx.beginPath();
  ctx.moveTo(px - r, py);
  ctx.lineTo(px + r, py);
  ctx.moveTo(px, py - r);
  ctx.lineTo(px, py + r);
  ctx.stroke();
}
