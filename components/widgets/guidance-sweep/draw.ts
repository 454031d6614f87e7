/**
 * Draws the sweep: fidelity (y) against diversity (x), one polyline of points per series, each point labelled by s
 * and focusable; the point at the shared s ringed. d3 joins keyed by series and s, so a focused point survives redraws.
 */
import { axisBottom, axisLeft, line, scaleLinear, select } from 'd3';
import { paddedDomain, type SweepPoint } from '../../../lib/views/guidance-sweep';
import type { ThemeColors } from '../shared/theme-colors';
import { sweepText } from './strings';

export interface PlotOptions {
  /** CSS pixels available. */
  width: number;
  colors: ThemeColors;
  /** The sweep scale marked as current. */
  current: number;
  onPick: (p: SweepPoint | undefined) => void;
  onChoose: (p: SweepPoint) => void;
}

const MARGIN = { top: 12, right: 16, bottom: 46, left: 56 };

/** Colour and dash of a series: the sampler picks the colour, the learned model is dashed. */
export function seriesStyle(series: string, colors: ThemeColors): { color: string; dash: string } {
  const color = series.endsWith('ddpm') ? colors.classes[1]! : colors.classes[0]!;
  return { color, dash: series.startsWith('learned') ? '5 4' : '' };
}

export function drawSweepPlot(svgEl: SVGSVGElement, points: readonly SweepPoint[], opts: PlotOptions): void {
  const width = Math.max(280, Math.round(opts.width));
  const height = Math.round(Math.max(260, Math.min(440, width * 0.62)));
  const svg = select(svgEl).attr('viewBox', `0 0 ${width} ${height}`).attr('width', width).attr('height', height);
  const x = scaleLinear()
    .domain(paddedDomain(points.map((p) => p.logDetCov)))
    .range([MARGIN.left, width - MARGIN.right]);
  const fid = points.map((p) => p.fidelity);
  const [f0, f1] = paddedDomain(fid.length ? [...fid, 1] : [0, 1], 0.08);
  const y = scaleLinear()
    .domain([Math.max(-0.02, f0), Math.min(1.04, f1)])
    .range([height - MARGIN.bottom, MARGIN.top]);
  const { colors } = opts;

  const axes = svg.selectAll<SVGGElement, null>('g.axes').data([null]).join('g').attr('class', 'axes');
  axes
    .selectAll<SVGGElement, null>('g.x')
    .data([null])
    .join('g')
    .attr('class', 'x')
    .attr('transform', `translate(0,${height - MARGIN.bottom})`)
    .call(axisBottom(x).ticks(6));
  axes
    .selectAll<SVGGElement, null>('g.y')
    .data([null])
    .join('g')
    .attr('class', 'y')
    .attr('transform', `translate(${MARGIN.left},0)`)
    .call(axisLeft(y).ticks(6));
  axes.selectAll('path, line').attr('stroke', colors.muted);
  axes.selectAll('text').attr('fill', colors.fg);
  axes
    .selectAll<SVGTextElement, string>('text.label')
    .data([sweepText.xAxis, sweepText.yAxis])
    .join('text')
    .attr('class', 'label')
    .attr('fill', colors.fg)
    .attr('font-size', 12)
    .attr('text-anchor', 'middle')
    .attr('transform', (_d, i) =>
      i === 0
        ? `translate(${(MARGIN.left + width - MARGIN.right) / 2},${height - 8})`
        : `translate(14,${(MARGIN.top + height - MARGIN.bottom) / 2}) rotate(-90)`,
    )
    .text((d) => d);

  const bySeries = new Map<string, SweepPoint[]>();
  for (const p of points) bySeries.set(p.series, [...(bySeries.get(p.series) ?? []), p]);
  const path = line<SweepPoint>()
    .x((p) => x(p.logDetCov))
    .y((p) => y(p.fidelity));
  svg
    .selectAll<SVGPathElement, [string, SweepPoint[]]>('path.series')
    .data([...bySeries], (d) => d[0])
    .join('path')
    .attr('class', 'series')
    .attr('fill', 'none')
    .attr('stroke-width', 1.5)
    .attr('stroke', (d) => seriesStyle(d[0], colors).color)
    .attr('stroke-dasharray', (d) => seriesStyle(d[0], colors).dash)
    .attr('d', (d) => path(d[1]));

  const g = svg
    .selectAll<SVGGElement, SweepPoint>('g.pt')
    .data(points, (p) => `${p.series}|${p.s}`)
    .join((enter) => {
      const e = enter.append('g').attr('class', 'pt').attr('tabindex', 0).attr('role', 'button');
      e.append('circle').attr('class', 'ring').attr('r', 9).attr('fill', 'none').attr('stroke-width', 2);
      e.append('circle').attr('class', 'dot').attr('r', 4.5).attr('stroke-width', 1);
      e.append('text')
        .attr('class', 's-label')
        .attr('x', 6)
        .attr('y', -7)
        .attr('font-size', 10)
        .text((p) => String(p.s));
      e.attr('aria-label', (p) => sweepText.point(p.series, p.s, p.fidelity, p.logDetCov, p.coverage, p.distance))
        .attr('data-distance', (p) => p.distance)
        .attr('data-series', (p) => p.series)
        .attr('data-s', (p) => p.s)
        .attr('data-fidelity', (p) => p.fidelity)
        .attr('data-diversity', (p) => p.logDetCov);
      e.on('mouseenter focus', (_ev, p) => opts.onPick(p))
        .on('mouseleave blur', () => opts.onPick(undefined))
        .on('click', (_ev, p) => opts.onChoose(p))
        .on('keydown', (ev: KeyboardEvent, p) => {
          if (ev.key === 'Enter' || ev.key === ' ') {
            ev.preventDefault();
            opts.onChoose(p);
          }
        });
      return e;
    });
  g.attr('transform', (p) => `translate(${x(p.logDetCov).toFixed(1)},${y(p.fidelity).toFixed(1)})`).attr('data-current', (p) => String(p.s === opts.current));
  g.select('circle.dot')
    .attr('fill', (p) => seriesStyle(p.series, colors).color)
    .attr('stroke', colors.bg);
  g.select('circle.ring')
    .attr('stroke', colors.fg)
    .attr('visibility', (p) => (p.s === opts.current ? 'visible' : 'hidden'));
  const shown = labelsWithoutOverlap(points, (p) => [x(p.logDetCov), y(p.fidelity)], opts.current);
  g.select('text.s-label')
    .attr('fill', colors.fg)
    .attr('visibility', (p) => (shown.has(p) ? 'visible' : 'hidden'));
}

/**
 * The points whose s label can be drawn without covering another label (the current scale's first, then in order):
 * where chains of points bunch up, some labels give way; every point still names its s to hover, focus and readers.
 */
function labelsWithoutOverlap(points: readonly SweepPoint[], at: (p: SweepPoint) => [number, number], current?: number): Set<SweepPoint> {
  const boxes: [number, number, number, number][] = [];
  const shown = new Set<SweepPoint>();
  const ordered = [...points.filter((p) => p.s === current), ...points.filter((p) => p.s !== current)];
  for (const p of ordered) {
    const [px, py] = at(p);
    // the label's box: 6 px right of the point, its baseline 7 px above, about 6 px per character, 10 px tall
    const box: [number, number, number, number] = [px + 6, py - 17, px + 6 + 6 * String(p.s).length, py - 7];
    if (boxes.some((b) => box[0] < b[2] && b[0] < box[2] && box[1] < b[3] && b[1] < box[3])) continue;
    boxes.push(box);
    shown.add(p);
  }
  return shown;
}
