/**
 * A whole widget as one SVG figure (DOM-free, string building): a title, its panels side by side (plots of plot.ts
 * and charts of chart.ts, each with its own title, axes and legend), the caption and a provenance block, written both
 * as text under the figure and as JSON in <metadata>. The widgets' "Download SVG" saves this document.
 */
import { worldFingerprint } from '../../model/weight-file/fingerprint';
import type { World } from '../../science/types';
import { notebookQuery, type NotebookState } from '../../state/notebook';
import { renderChartSvg, type ChartSpec } from './chart';
import { escapeXml, renderPlotSvg, type PlotSpec } from './plot';

export type FigurePanel = { plot: PlotSpec } | { chart: ChartSpec };

export type Provenance = Record<string, string | number | boolean | null>;

export interface FigureSpec {
  title: string;
  panels: FigurePanel[];
  /** Paragraphs printed under the panels (the figure's caption, the widget's legend and readouts). */
  caption?: readonly string[];
  provenance: Provenance;
  /** Panels per row (default: up to 3). */
  columns?: number;
}

const GAP = 8;
const TOP = 30;
const LINE = 14;

/** Splits text into lines of at most `max` characters at spaces (a longer word stays whole). */
export function wrapText(text: string, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > max) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/** What a widget's figure records about itself: the widget, its full state as a query, the world and its fingerprint. */
export function widgetProvenance(widget: string, state: NotebookState, world: World, extra: Provenance = {}): Provenance {
  return { generator: 'scorefield', widget, world: world.name, worldFingerprint: worldFingerprint(world), state: notebookQuery(state), ...extra };
}

/** The SVG document of a figure. */
export function renderFigureSvg(fig: FigureSpec): string {
  const docs = fig.panels.map((p, i) => ('plot' in p ? renderPlotSvg({ width: 360, ...p.plot }, `panel-${i}`) : renderChartSvg(p.chart, `panel-${i}`)));
  const sizes = docs.map((d) => {
    const m = /width="(\d+(?:\.\d+)?)" height="(\d+(?:\.\d+)?)"/.exec(d)!;
    return [Number(m[1]), Number(m[2])] as const;
  });
  const columns = Math.max(1, Math.min(fig.columns ?? 3, docs.length));
  const rows: number[][] = [];
  for (let i = 0; i < docs.length; i += columns) rows.push(docs.slice(i, i + columns).map((_, k) => i + k));
  const W = Math.max(360, ...rows.map((r) => r.reduce((w, i) => w + sizes[i]![0] + GAP, -GAP)));
  const placed: string[] = [];
  let y = TOP;
  for (const r of rows) {
    let x = 0;
    for (const i of r) {
      placed.push(docs[i]!.replace('<svg xmlns="http://www.w3.org/2000/svg" ', `<svg x="${x}" y="${y}" `).trimEnd());
      x += sizes[i]![0] + GAP;
    }
    y += Math.max(...r.map((i) => sizes[i]![1])) + GAP;
  }
  const perLine = Math.floor(W / 6.2);
  const caption = (fig.caption ?? []).flatMap((p) => wrapText(p, perLine));
  const provText = Object.entries(fig.provenance)
    .map(([k, v]) => `${k}: ${v}`)
    .join(' · ');
  const prov = wrapText(`Provenance · ${provText}`, Math.floor(W / 5.4));
  const H = y + (caption.length + prov.length) * LINE + 10;
  const text = (lines: string[], y0: number, attrs: string) =>
    lines.map((l, k) => `<text x="4" y="${y0 + k * LINE}"${attrs}>${escapeXml(l)}</text>`).join('\n');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="11">`,
    `<title>${escapeXml(fig.title)}</title>`,
    fig.caption?.length ? `<desc>${escapeXml(fig.caption.join(' '))}</desc>` : '',
    `<metadata>${escapeXml(JSON.stringify(fig.provenance))}</metadata>`,
    `<rect width="${W}" height="${H}" fill="#fff"/>`,
    `<text x="${W / 2}" y="20" text-anchor="middle" font-size="15" font-weight="bold">${escapeXml(fig.title)}</text>`,
    ...placed,
    text(caption, y + 10, ' data-part="caption"'),
    text(prov, y + 10 + caption.length * LINE, ' data-part="provenance" font-size="9" fill="#555"'),
    '</svg>',
    '',
  ]
    .filter((l) => l !== '')
    .join('\n')
    .concat('\n');
}
