/**
 * What each panel canvas last drew, as a PlotSpec of lib/views/svg (the shared marks record it when they draw), so that
 * "Download SVG" saves exactly what the widget shows without each widget describing its panels twice.
 */
import type { EllipseLayer, PlotSpec } from '../../../lib/views/svg/plot';

interface Recorded {
  spec: () => PlotSpec;
  ellipses: EllipseLayer[];
}

const panels = new WeakMap<HTMLCanvasElement, Recorded>();

/** The canvas now shows `spec()` (computed only when a figure is saved); ellipses drawn before are forgotten. */
export function recordPanel(canvas: HTMLCanvasElement, spec: () => PlotSpec): void {
  panels.set(canvas, { spec, ellipses: [] });
}

/** The canvas was cleared: it shows nothing to save. */
export function forgetPanel(canvas: HTMLCanvasElement): void {
  panels.delete(canvas);
}

/** An ellipse drawn over the canvas's recorded panel. */
export function recordEllipse(canvas: HTMLCanvasElement, ellipse: EllipseLayer): void {
  panels.get(canvas)?.ellipses.push(ellipse);
}

/** The PlotSpec of what the canvas shows, or undefined when nothing was recorded for it. */
export function recordedPanel(canvas: HTMLCanvasElement): PlotSpec | undefined {
  const r = panels.get(canvas);
  if (!r) return undefined;
  const spec = r.spec();
  return r.ellipses.length ? { ...spec, ellipses: [...(spec.ellipses ?? []), ...r.ellipses] } : spec;
}
