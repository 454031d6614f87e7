/**
 * The training lab's loss curve with d3: steps on x, the loss on a log scale on y, the raw batch losses as faint points
 * and the smoothed loss as a line. Colours are the theme's CSS variables (SVG can use them directly).
 */
import { axisBottom, axisLeft, line, scaleLinear, scaleLog, select } from 'd3';
import type { LossHistory } from '../../../lib/views/training-lab';
import { lossChartSpec } from '../../../lib/views/svg/widgets';
import type { ChartSpec } from '../../../lib/views/svg/chart';
import { labText } from './strings';

const MAX_POINTS = 400;

const pending = new WeakSet<SVGSVGElement>();

/** Draws the curve at the next animation frame, at most once per frame however often it is asked (progress messages). */
export function drawLossCurveSoon(svg: SVGSVGElement, current: () => [LossHistory, number]): void {
  if (pending.has(svg)) return;
  pending.add(svg);
  requestAnimationFrame(() => {
    pending.delete(svg);
    drawLossCurve(svg, ...current());
  });
}

/** The curve as a chart for "Download SVG" (the same points as drawLossCurve: thinned raw losses, the smoothed line). */
export function lossChart(history: LossHistory, plannedSteps: number): ChartSpec {
  const text = { title: labText.lossTitle, xLabel: labText.stepAxis, yLabel: labText.lossAxis, raw: labText.lossRaw, smooth: labText.lossSmooth };
  return lossChartSpec(history.thinned(MAX_POINTS), history.smoothed(), plannedSteps, text);
}

export function drawLossCurve(svg: SVGSVGElement, history: LossHistory, plannedSteps: number): void {
  const width = Math.max(200, svg.clientWidth || 320);
  const height = Math.max(120, svg.clientHeight || 240);
  const m = { top: 10, right: 12, bottom: 34, left: 48 };
  const root = select(svg).attr('viewBox', `0 0 ${width} ${height}`);
  root.selectAll('*').remove();
  const pts = history.thinned(MAX_POINTS);
  const smooth = history.smoothed();
  const losses = history.points.map((p) => p.loss);
  const lo = losses.length ? Math.min(...losses) : 0.1;
  const hi = losses.length ? Math.max(...losses) : 1;
  const x = scaleLinear()
    .domain([0, Math.max(plannedSteps, history.lastStep, 1)])
    .range([m.left, width - m.right]);
  // The data's own range (at least a factor 1.5), not rounded out to powers of ten: a toy loss spans one decade or so.
  const y = scaleLog()
    .domain([lo * 0.9, Math.max(hi * 1.1, lo * 0.9 * 1.5)])
    .range([height - m.bottom, m.top]);
  root
    .append('g')
    .attr('transform', `translate(0,${height - m.bottom})`)
    .call(axisBottom(x).ticks(5, 's'))
    .attr('color', 'var(--muted)');
  root.append('g').attr('transform', `translate(${m.left},0)`).call(axisLeft(y).ticks(4, '.2~g')).attr('color', 'var(--muted)');
  root
    .append('text')
    .attr('x', (m.left + width - m.right) / 2)
    .attr('y', height - 4)
    .attr('text-anchor', 'middle')
    .attr('fill', 'var(--muted)')
    .attr('font-size', 11)
    .text(labText.stepAxis);
  root
    .append('text')
    .attr('transform', `translate(11,${(m.top + height - m.bottom) / 2}) rotate(-90)`)
    .attr('text-anchor', 'middle')
    .attr('fill', 'var(--muted)')
    .attr('font-size', 11)
    .text(labText.lossAxis);
  root
    .append('g')
    .attr('fill', 'var(--null-class)')
    .attr('fill-opacity', 0.35)
    .selectAll('circle')
    .data(pts)
    .join('circle')
    .attr('cx', (d) => x(d.step))
    .attr('cy', (d) => y(d.loss))
    .attr('r', 1.6);
  if (smooth.length > 1) {
    root
      .append('path')
      .datum(smooth)
      .attr('fill', 'none')
      .attr('stroke', 'var(--accent)')
      .attr('stroke-width', 2)
      .attr(
        'd',
        line<{ step: number; loss: number }>()
          .x((d) => x(d.step))
          .y((d) => y(d.loss)),
      );
  }
  svg.setAttribute('aria-label', labText.lossAlt(history.summary()));
}
