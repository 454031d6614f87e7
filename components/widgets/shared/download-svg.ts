/**
 * "Download SVG" for a widget: one SVG figure of what it shows (lib/views/svg/figure.ts, the renderer of `scorefield
 * plot` for each panel): its title with the world, class and s; every visible panel as the shared marks recorded it
 * (figure-record.ts) with its own title; the widget's charts; the chapter's caption and the widget's legend; provenance.
 */
import type { NotebookState } from '../../../lib/state/notebook';
import { formatNumber } from '../../../lib/state/params';
import type { ChartSpec } from '../../../lib/views/svg/chart';
import { renderFigureSvg, widgetProvenance, type FigurePanel, type FigureSpec } from '../../../lib/views/svg/figure';
import type { WidgetName } from '../names';
import { WIDGET_TITLES } from '../titles';
import { exactDenoiser } from './exact-denoiser';
import { recordedPanel } from './figure-record';
import { widgetText } from './strings';

export interface FigureSource {
  name: WidgetName;
  /** The widget's current state. */
  state: () => NotebookState;
  /** Charts drawn before the panels (loss curve, sweep), built from the widget's data. */
  charts?: () => ChartSpec[];
}

const PANEL_TITLE = '.panel-title, .lane-title, .inset-title, .panel-caption';

/** The figure of what `widget` shows now. */
export function widgetFigure(widget: HTMLElement, source: FigureSource): FigureSpec {
  const st = source.state();
  const world = exactDenoiser(st.world, st.schedule).world;
  const className = world.classes[st.y]?.name ?? String(st.y);
  const panels: FigurePanel[] = (source.charts?.() ?? []).map((chart) => ({ chart }));
  for (const canvas of widget.querySelectorAll('canvas')) {
    const spec = canvas.closest('[hidden]') ? undefined : recordedPanel(canvas);
    if (!spec) continue;
    const title = canvas.parentElement?.querySelector(PANEL_TITLE)?.textContent?.trim() || canvas.getAttribute('aria-label') || '';
    panels.push({ plot: { ...spec, title } });
  }
  const text = (selector: string) => widget.querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  const caption = [
    widget.closest('figure')?.querySelector(':scope > figcaption')?.textContent ?? '',
    text('[data-part="legend"]'),
    text('[data-part="status"]'),
  ]
    .map((t) => t.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
  return {
    title: widgetText.figureTitle(WIDGET_TITLES[source.name], world.name, className, formatNumber(st.s, 0.01)),
    panels,
    caption,
    provenance: widgetProvenance(source.name, st, world, {
      denoiser: widget.dataset.denoiser ?? null,
      liveUrl: widget.dataset.liveUrl ?? location.href,
    }),
  };
}

/** Appends a "Download SVG" button to `host`; a click saves the widget's figure as <name>-<world>.svg. */
export function addFigureDownload(widget: HTMLElement, host: Element, source: FigureSource): HTMLButtonElement {
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = widgetText.downloadSvg;
  button.dataset.part = 'download-svg';
  button.addEventListener('click', () => {
    const svg = renderFigureSvg(widgetFigure(widget, source));
    const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `${source.name}-${source.state().world}.svg`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 0);
  });
  host.append(button);
  return button;
}
