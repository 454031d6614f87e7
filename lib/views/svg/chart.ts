/**
 * A DOM-free SVG line chart (string building) for the widgets' curves: the training lab's loss against steps and the
 * guidance sweep's fidelity against diversity, with axes, axis labels, a legend and labelled points. The widgets'
 * "Download SVG" draws them through this function, beside the panels of plot.ts.
 */
import { PALETTE, escapeXml, fmt, svgOpening, ticks } from './plot';

export interface ChartSeries {
  /** The points [x, y] in order, joined by a line. */
  points: readonly (readonly [number, number])[];
  color?: string;
  dashed?: boolean;
  /** Draw each point as a dot (a scatter with a line through it). */
  markers?: boolean;
  /** A text beside each point (e.g. its s). */
  pointLabels?: readonly string[];
  /** The line's width in px (default 1.5). */
  width?: number;
  opacity?: number;
  label?: string;
}

export interface ChartSpec {
  /** Width and height in px (default 480 × 300). */
  width?: number;
  height?: number;
  title?: string;
  xLabel: string;
  yLabel: string;
  /** Axis ranges; each defaults to the data's, padded by 5 %. */
  xDomain?: readonly [number, number];
  yDomain?: readonly [number, number];
  /** A base-10 logarithmic y axis (values ≤ 0 are left out). */
  logY?: boolean;
  series: ChartSeries[];
  /** Points ringed (e.g. the current s). */
  rings?: readonly (readonly [number, number])[];
}

const MARGIN = { left: 56, right: 14, top: 28, bottom: 44 };

/** The range of values padded by `pad` of its span (a single value: ± 0.5). */
function padded(values: readonly number[], pad = 0.05): [number, number] {
  if (values.length === 0) return [0, 1];
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const span = hi - lo || 1;
  return [lo - pad * span, hi + pad * span];
}

/** The SVG document of a line chart. */
export function renderChartSvg(spec: ChartSpec, clipId = 'chart'): string {
  const W = spec.width ?? 480;
  const H = spec.height ?? 300;
  const plotW = W - MARGIN.left - MARGIN.right;
  const plotH = H - MARGIN.top - MARGIN.bottom;
  const ty = (v: number): number => (spec.logY ? Math.log10(v) : v);
  const shown = spec.series.map((s) => s.points.filter(([, y]) => Number.isFinite(ty(y))));
  const all = shown.flat();
  const [x0, x1] = spec.xDomain ?? padded(all.map((p) => p[0]));
  const [y0, y1] = spec.yDomain ? [ty(spec.yDomain[0]), ty(spec.yDomain[1])] : padded(all.map((p) => ty(p[1])));
  const sx = (x: number): number => MARGIN.left + ((x - x0) / (x1 - x0)) * plotW;
  const sy = (y: number): number => MARGIN.top + ((y1 - ty(y)) / (y1 - y0)) * plotH;
  const out = svgOpening(W, H, MARGIN, plotW, plotH, clipId, spec.title);
  spec.series.forEach((s, i) => {
    const color = s.color ?? PALETTE[i % PALETTE.length]!;
    const pts = shown[i]!;
    const dash = s.dashed ? ' stroke-dasharray="5 4"' : '';
    if (pts.length > 1) {
      const d = pts.map(([x, y], k) => `${k ? 'L' : 'M'}${fmt(sx(x))},${fmt(sy(y))}`).join('');
      out.push(`<path d="${d}" fill="none" stroke="${color}" stroke-width="${s.width ?? 1.5}" stroke-opacity="${s.opacity ?? 1}"${dash}/>`);
    }
    if (s.markers) out.push(`<g fill="${color}">${pts.map(([x, y]) => `<circle cx="${fmt(sx(x))}" cy="${fmt(sy(y))}" r="3"/>`).join('')}</g>`);
    if (s.pointLabels) {
      const labels = s.points.map(([x, y], k) =>
        Number.isFinite(ty(y)) && s.pointLabels![k] ? `<text x="${fmt(sx(x) + 4)}" y="${fmt(sy(y) - 4)}">${escapeXml(s.pointLabels![k]!)}</text>` : '',
      );
      out.push(`<g fill="#333" font-size="9">${labels.join('')}</g>`);
    }
  });
  for (const [x, y] of spec.rings ?? []) out.push(`<circle cx="${fmt(sx(x))}" cy="${fmt(sy(y))}" r="7" fill="none" stroke="#000" stroke-width="1.5"/>`);
  out.push('</g>');
  out.push(`<rect x="${MARGIN.left}" y="${MARGIN.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#444"/>`);
  for (const v of ticks(x0, x1)) {
    const X = fmt(sx(v));
    out.push(`<line x1="${X}" x2="${X}" y1="${MARGIN.top + plotH}" y2="${MARGIN.top + plotH + 4}" stroke="#444"/>`);
    out.push(`<text x="${X}" y="${MARGIN.top + plotH + 15}" text-anchor="middle">${fmt(v)}</text>`);
  }
  for (const v of ticks(y0, y1)) {
    const Y = fmt(MARGIN.top + ((y1 - v) / (y1 - y0)) * plotH);
    const text = spec.logY ? String(Number((10 ** v).toPrecision(2))) : fmt(v);
    out.push(`<line x1="${MARGIN.left - 4}" x2="${MARGIN.left}" y1="${Y}" y2="${Y}" stroke="#444"/>`);
    out.push(`<text x="${MARGIN.left - 6}" y="${Y}" text-anchor="end" dominant-baseline="middle">${text}</text>`);
  }
  out.push(`<text x="${MARGIN.left + plotW / 2}" y="${H - 8}" text-anchor="middle">${escapeXml(spec.xLabel)}</text>`);
  out.push(
    `<text x="12" y="${MARGIN.top + plotH / 2}" text-anchor="middle" transform="rotate(-90 12 ${MARGIN.top + plotH / 2})">${escapeXml(spec.yLabel)}</text>`,
  );
  spec.series
    .map((s, i) => ({ label: s.label, color: s.color ?? PALETTE[i % PALETTE.length]!, dashed: s.dashed }))
    .filter((l) => l.label)
    .forEach((l, i) => {
      const y = MARGIN.top + 12 + 14 * i;
      const x = W - MARGIN.right - 150;
      out.push(`<line x1="${x}" x2="${x + 14}" y1="${y - 4}" y2="${y - 4}" stroke="${l.color}" stroke-width="2"${l.dashed ? ' stroke-dasharray="4 2"' : ''}/>`);
      out.push(`<text x="${x + 18}" y="${y}">${escapeXml(l.label!)}</text>`);
    });
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
