/**
 * What the widgets' "download SVG" draws: their current view data turned into a PlotSpec for renderPlotSvg
 * (DOM-free, so it is unit-tested; components/widgets/shared/download-svg.ts only saves the file).
 */
import type { Grid } from '../../science';
import type { PanelFrame } from '../score-field';
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
