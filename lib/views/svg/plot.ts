/**
 * A DOM-free SVG renderer (string building) for the figures a researcher exports: a density on a grid, a vector
 * field's arrows, sample sets and trajectories, over axes in data coordinates. The command line (`scorefield plot`)
 * and the widgets' "download SVG" draw through this one function, so a figure looks the same wherever it is made.
 */
import { opacityFromLog } from '../density';

export type Extent = readonly [number, number, number, number];

export interface DensityLayer {
  nx: number;
  ny: number;
  /** Log-density per cell, row by row from the bottom (the grid order of lib/science)… */
  logDensity?: ArrayLike<number>;
  /** … or opacities 0–255 per cell already computed (what the widgets draw). */
  alpha?: ArrayLike<number>;
  color?: string;
}

export interface ArrowLayer {
  /** Arrow tails, interleaved [x0, y0, x1, y1, …]. */
  points: ArrayLike<number>;
  /** Arrow vectors, interleaved; drawn scaled so that the longest is `maxLength` long (data units)… */
  vectors: ArrayLike<number>;
  maxLength: number;
  /** … unless `scale` is given: an arrow of length L (data units) then stands for a vector of norm L / scale. */
  scale?: number;
  color?: string;
}

export interface PointLayer {
  /** Interleaved [x0, y0, x1, y1, …]. */
  points: ArrayLike<number>;
  color?: string;
  radius?: number;
  label?: string;
}

export interface PathLayer {
  /** One polyline per particle, each interleaved [x0, y0, …]. */
  paths: ArrayLike<number>[];
  color?: string;
  label?: string;
}

export interface EllipseLayer {
  /** Centre in data coordinates. */
  center: readonly [number, number];
  /** Semi-axes (data units) and the angle of rx from the x axis (radians, counter-clockwise), as covEllipse gives them. */
  rx: number;
  ry: number;
  angle: number;
  color?: string;
  dashed?: boolean;
  label?: string;
}

export interface PlotSpec {
  extent: Extent;
  /** Width in px (height follows the extent's aspect ratio). */
  width?: number;
  title?: string;
  density?: DensityLayer;
  arrows?: ArrowLayer;
  /** Further arrow sets (e.g. ε_∅ and ε_y beside ε̃), drawn after `arrows`. */
  extraArrows?: ArrowLayer[];
  paths?: PathLayer[];
  points?: PointLayer[];
  /** Ellipses with a cross at their centre (means and covariances). */
  ellipses?: EllipseLayer[];
}

export const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#17becf'];
const MARGIN = { left: 44, right: 12, top: 28, bottom: 36 };

/** Escapes text for SVG content and attributes. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A coordinate or tick value with at most two decimals (the precision of every number the SVGs write). */
export const fmt = (v: number): string => (Math.round(v * 100) / 100).toString();

/** Tick values: integers (or halves) inside [lo, hi], at most about 8. */
export function ticks(lo: number, hi: number): number[] {
  const span = hi - lo;
  const step = [0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100].find((s) => span / s <= 8) ?? span / 4;
  const out: number[] = [];
  for (let k = Math.ceil(lo / step - 1e-9); k * step <= hi + 1e-9; k++) out.push(Number((k * step).toPrecision(12)));
  return out;
}

/**
 * The opening of a plot's or chart's SVG document: the root, a white background, the clip path of the plot area
 * (`margin` from the top left, plotW × plotH), the title, and the opened clipped group (closed by the caller).
 */
export function svgOpening(
  W: number,
  H: number,
  margin: { left: number; top: number },
  plotW: number,
  plotH: number,
  clipId: string,
  title?: string,
): string[] {
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="11">`,
    `<rect width="${W}" height="${H}" fill="#fff"/>`,
    `<defs><clipPath id="${clipId}"><rect x="${margin.left}" y="${margin.top}" width="${plotW}" height="${plotH}"/></clipPath></defs>`,
  ];
  if (title) out.push(`<text x="${W / 2}" y="17" text-anchor="middle" font-size="13">${escapeXml(title)}</text>`);
  out.push(`<g clip-path="url(#${clipId})">`);
  return out;
}

/** The SVG document of a plot; `clipId` names its clip path (distinct ids when several plots share one document). */
export function renderPlotSvg(spec: PlotSpec, clipId = 'plot'): string {
  const [x0, x1, y0, y1] = spec.extent;
  const plotW = (spec.width ?? 480) - MARGIN.left - MARGIN.right;
  const plotH = Math.round((plotW * (y1 - y0)) / (x1 - x0));
  const W = plotW + MARGIN.left + MARGIN.right;
  const H = plotH + MARGIN.top + MARGIN.bottom;
  const sx = (x: number): number => MARGIN.left + ((x - x0) / (x1 - x0)) * plotW;
  const sy = (y: number): number => MARGIN.top + ((y1 - y) / (y1 - y0)) * plotH;
  const out = svgOpening(W, H, MARGIN, plotW, plotH, clipId, spec.title);
  if (spec.density) out.push(densitySvg(spec.density, spec.extent, sx, sy));
  for (const a of [spec.arrows, ...(spec.extraArrows ?? [])]) if (a) out.push(arrowsSvg(a, sx, sy));
  (spec.paths ?? []).forEach((layer, i) => {
    const color = layer.color ?? PALETTE[i % PALETTE.length]!;
    const lines = layer.paths.map((p) => {
      const pts: string[] = [];
      for (let k = 0; k < p.length; k += 2) pts.push(`${fmt(sx(p[k]!))},${fmt(sy(p[k + 1]!))}`);
      return `<polyline points="${pts.join(' ')}"/>`;
    });
    out.push(`<g fill="none" stroke="${color}" stroke-width="0.7" stroke-opacity="0.5">${lines.join('')}</g>`);
  });
  (spec.points ?? []).forEach((layer, i) => {
    const color = layer.color ?? PALETTE[i % PALETTE.length]!;
    const r = layer.radius ?? 1.6;
    const dots: string[] = [];
    for (let k = 0; k < layer.points.length; k += 2) dots.push(`<circle cx="${fmt(sx(layer.points[k]!))}" cy="${fmt(sy(layer.points[k + 1]!))}" r="${r}"/>`);
    out.push(`<g fill="${color}" fill-opacity="0.6">${dots.join('')}</g>`);
  });
  for (const e of spec.ellipses ?? []) out.push(ellipseSvg(e, sx, sy, plotW / (x1 - x0)));
  out.push('</g>');
  out.push(axesSvg(spec.extent, sx, sy, plotW, plotH));
  const labelled = [...(spec.points ?? []), ...(spec.paths ?? []), ...(spec.ellipses ?? [])]
    .map((l, i) => ({ label: l.label, color: l.color ?? PALETTE[i % PALETTE.length]! }))
    .filter((l) => l.label);
  labelled.forEach((l, i) => {
    const y = MARGIN.top + 12 + 14 * i;
    out.push(`<rect x="${W - MARGIN.right - 110}" y="${y - 8}" width="8" height="8" fill="${l.color}"/>`);
    out.push(`<text x="${W - MARGIN.right - 98}" y="${y}">${escapeXml(l.label!)}</text>`);
  });
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

function ellipseSvg(e: EllipseLayer, sx: (x: number) => number, sy: (y: number) => number, pxPerUnit: number): string {
  const [cx, cy] = [fmt(sx(e.center[0])), fmt(sy(e.center[1]))];
  const deg = fmt((-e.angle * 180) / Math.PI);
  const color = e.color ?? '#222';
  const dash = e.dashed ? ' stroke-dasharray="6 4"' : '';
  return (
    `<g fill="none" stroke="${color}" stroke-width="1.5">` +
    `<ellipse cx="${cx}" cy="${cy}" rx="${fmt(Math.max(0.5, e.rx * pxPerUnit))}" ry="${fmt(Math.max(0.5, e.ry * pxPerUnit))}" transform="rotate(${deg} ${cx} ${cy})"${dash}/>` +
    `<path d="M${fmt(Number(cx) - 5)},${cy}h10M${cx},${fmt(Number(cy) - 5)}v10"/></g>`
  );
}

function densitySvg(d: DensityLayer, extent: Extent, sx: (x: number) => number, sy: (y: number) => number): string {
  const [x0, x1, y0, y1] = extent;
  const dx = (x1 - x0) / d.nx;
  const dy = (y1 - y0) / d.ny;
  const alpha = d.alpha ?? opacityFromLog(d.logDensity ?? []).alpha;
  const cells: string[] = [];
  const w = fmt(sx(x0 + dx) - sx(x0));
  const h = fmt(sy(y0) - sy(y0 + dy));
  for (let j = 0; j < d.ny; j++) {
    for (let i = 0; i < d.nx; i++) {
      const a = alpha[j * d.nx + i]!;
      if (a < 3) continue;
      cells.push(`<rect x="${fmt(sx(x0 + i * dx))}" y="${fmt(sy(y0 + (j + 1) * dy))}" width="${w}" height="${h}" fill-opacity="${fmt(a / 255)}"/>`);
    }
  }
  return `<g fill="${d.color ?? '#4a5899'}" shape-rendering="crispEdges">${cells.join('')}</g>`;
}

function arrowsSvg(a: ArrowLayer, sx: (x: number) => number, sy: (y: number) => number): string {
  let longest = 0;
  for (let k = 0; k < a.vectors.length; k += 2) longest = Math.max(longest, Math.hypot(a.vectors[k]!, a.vectors[k + 1]!));
  const f = a.scale ?? (longest > 0 ? a.maxLength / longest : 0);
  const lines: string[] = [];
  for (let k = 0; k < a.points.length; k += 2) {
    const px = a.points[k]!;
    const py = a.points[k + 1]!;
    const qx = px + f * a.vectors[k]!;
    const qy = py + f * a.vectors[k + 1]!;
    const [X0, Y0, X1, Y1] = [sx(px), sy(py), sx(qx), sy(qy)];
    const len = Math.hypot(X1 - X0, Y1 - Y0);
    if (len < 0.5) continue;
    const ux = (X1 - X0) / len;
    const uy = (Y1 - Y0) / len;
    const head = Math.min(4, len / 2);
    const hx = X1 - head * ux;
    const hy = Y1 - head * uy;
    lines.push(
      `<path d="M${fmt(X0)},${fmt(Y0)}L${fmt(X1)},${fmt(Y1)}M${fmt(hx - 0.5 * head * uy)},${fmt(hy + 0.5 * head * ux)}L${fmt(X1)},${fmt(Y1)}L${fmt(hx + 0.5 * head * uy)},${fmt(hy - 0.5 * head * ux)}"/>`,
    );
  }
  return `<g fill="none" stroke="${a.color ?? '#222'}" stroke-width="0.9">${lines.join('')}</g>`;
}

function axesSvg(extent: Extent, sx: (x: number) => number, sy: (y: number) => number, plotW: number, plotH: number): string {
  const [x0, x1, y0, y1] = extent;
  const out = [`<rect x="${MARGIN.left}" y="${MARGIN.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#444"/>`];
  for (const v of ticks(x0, x1)) {
    const X = fmt(sx(v));
    out.push(`<line x1="${X}" x2="${X}" y1="${MARGIN.top + plotH}" y2="${MARGIN.top + plotH + 4}" stroke="#444"/>`);
    out.push(`<text x="${X}" y="${MARGIN.top + plotH + 15}" text-anchor="middle">${fmt(v)}</text>`);
  }
  for (const v of ticks(y0, y1)) {
    const Y = fmt(sy(v));
    out.push(`<line x1="${MARGIN.left - 4}" x2="${MARGIN.left}" y1="${Y}" y2="${Y}" stroke="#444"/>`);
    out.push(`<text x="${MARGIN.left - 6}" y="${Y}" text-anchor="end" dominant-baseline="middle">${fmt(v)}</text>`);
  }
  out.push(`<text x="${MARGIN.left + plotW / 2}" y="${MARGIN.top + plotH + 30}" text-anchor="middle">x₁</text>`);
  out.push(`<text x="12" y="${MARGIN.top + plotH / 2}" text-anchor="middle" transform="rotate(-90 12 ${MARGIN.top + plotH / 2})">x₂</text>`);
  return out.join('');
}
