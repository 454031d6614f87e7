/**
 * What the widgets' "download SVG" draws: their current view data turned into a PlotSpec for renderPlotSvg
 * (DOM-free, so it is unit-tested; components/widgets/shared/download-svg.ts only saves the file).
 */
import type { Grid } from '../../science';
import type { SweepPoint } from '../guidance-sweep';
import type { PanelFrame } from '../score-field';
import type { LossPoint } from '../training-lab';
import type { ChartSpec } from './chart';
import type { PlotSpec } from './plot';

/** The score field's panel: its density layer and every arrow set, at the widget's own arrow scale. */
export function scoreFieldSpec(frame: PanelFrame, arrowGrid: Grid, densityGrid: Grid, title: string, densityColor?: string): PlotSpec {
  const roleColor: Record<string, string> = {
    guided: '#222',
    uncond: '#777',
    cond: densityColor ?? '#1f77b4',
    cg: densityColor ?? '#1f77b4',
    difference: '#d62728',
    classifier: '#9467bd',
  };
  const sets = frame.arrows;
  const spec: PlotSpec = { extent: arrowGrid.extent, title, density: { nx: densityGrid.nx, ny: densityGrid.ny, alpha: frame.alpha, color: densityColor } };
  // one arrow layer per set: the renderer takes one, so the sets are concatenated with their colours kept apart below
  if (sets.length > 0) {
    const [first, ...rest] = sets;
    spec.arrows = { points: arrowGrid.points, vectors: first!.vectors, maxLength: 0, scale: frame.arrowScale, color: roleColor[first!.role] };
    spec.extraArrows = rest.map((set) => ({
      points: arrowGrid.points,
      vectors: set.vectors,
      maxLength: 0,
      scale: frame.arrowScale,
      color: roleColor[set.role],
    }));
  }
  return spec;
}

/** A density alone (e.g. the tilted density), shaded in `color`. */
export function densityPanelSpec(grid: Grid, alpha: Uint8ClampedArray, color?: string): PlotSpec {
  return { extent: grid.extent, density: { nx: grid.nx, ny: grid.ny, alpha, color } };
}

/** The guided sampler's lane: density, particles, and the trails of the first particles (one snapshot per step). */
export function samplerSpec(
  densityGrid: Grid,
  alpha: Uint8ClampedArray,
  x: Float64Array,
  snapshots: readonly Float64Array[],
  title: string,
  color?: string,
): PlotSpec {
  const count = snapshots[0] ? snapshots[0].length >> 1 : 0;
  const paths = Array.from({ length: count }, (_, p) => Float64Array.from(snapshots.flatMap((s) => [s[2 * p]!, s[2 * p + 1]!])));
  return {
    extent: densityGrid.extent,
    title,
    density: { nx: densityGrid.nx, ny: densityGrid.ny, alpha, color },
    paths: paths.length ? [{ paths, color }] : [],
    points: [{ points: x, color }],
  };
}

/** The training lab's loss curve: the raw batch losses faint, the smoothed loss as a line, steps 0 … planned on x, log y. */
export function lossChartSpec(
  raw: readonly LossPoint[],
  smooth: readonly LossPoint[],
  planned: number,
  text: { title: string; xLabel: string; yLabel: string; raw: string; smooth: string },
): ChartSpec {
  return {
    title: text.title,
    xLabel: text.xLabel,
    yLabel: text.yLabel,
    logY: true,
    xDomain: [0, Math.max(planned, raw.at(-1)?.step ?? 0, 1)],
    series: [
      { points: raw.map((p) => [p.step, p.loss]), color: '#9aa', width: 0.8, opacity: 0.7, label: text.raw },
      { points: smooth.map((p) => [p.step, p.loss]), color: '#1f77b4', width: 2, label: text.smooth },
    ],
  };
}

/**
 * The guidance sweep: fidelity against diversity, one line of points per series in the order of s, each point labelled
 * with its s, the points at the current s ringed.
 */
export function sweepChartSpec(
  points: readonly SweepPoint[],
  current: number,
  style: (series: string) => { color: string; dashed: boolean; label: string },
  text: { title: string; xLabel: string; yLabel: string },
): ChartSpec {
  const bySeries = new Map<string, SweepPoint[]>();
  for (const p of points) bySeries.set(p.series, [...(bySeries.get(p.series) ?? []), p]);
  return {
    title: text.title,
    xLabel: text.xLabel,
    yLabel: text.yLabel,
    series: [...bySeries].map(([series, ps]) => {
      const sorted = [...ps].sort((a, b) => a.s - b.s);
      return { points: sorted.map((p) => [p.logDetCov, p.fidelity]), markers: true, pointLabels: sorted.map((p) => String(p.s)), ...style(series) };
    }),
    rings: points.filter((p) => p.s === current).map((p) => [p.logDetCov, p.fidelity]),
  };
}
