/**
 * "Download SVG" for a widget: a button that saves what the widget shows as an SVG drawn by lib/views/svg/plot.ts,
 * the renderer of `scorefield plot`. Self-contained: a widget calls addDownloadSvgButton(host, spec, name) once.
 */
import { renderPlotSvg, type PlotSpec } from '../../../lib/views/svg/plot';

/** Saves the SVG of `spec` as `filename`. */
export function downloadSvg(spec: PlotSpec, filename: string): void {
  const url = URL.createObjectURL(new Blob([renderPlotSvg(spec)], { type: 'image/svg+xml' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** Appends a "Download SVG" button to `host`; a click saves `spec()` (nothing while it returns undefined). */
export function addDownloadSvgButton(host: Element, spec: () => PlotSpec | undefined, filename: () => string): HTMLButtonElement {
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = 'Download SVG';
  button.dataset.part = 'download-svg';
  button.addEventListener('click', () => {
    const s = spec();
    if (s) downloadSvg(s, filename());
  });
  host.append(button);
  return button;
}
