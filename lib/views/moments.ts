/**
 * Means, spreads and mode shares, to compare a density on a grid with a sample set: the tilted density
 * p(x|y)^s p(x)^(1−s) against what a guided sampler actually draws. DOM-free.
 */
import { componentShares, gridMoments as scienceGridMoments } from '../science/compare';
import type { Grid } from '../science/grid';
import type { Points, World } from '../science/types';
import { mixtureTable } from '../science/world';

export interface Moments {
  mean: [number, number];
  /** Covariance [[a, b], [b, c]] as [a, b, c]. */
  cov: [number, number, number];
}

/** Mean and covariance of a density given on a grid's cells (normalised here: any non-negative weights). */
export function gridMoments(grid: Grid, density: ArrayLike<number>): Moments {
  return scienceGridMoments(density, grid);
}

/** Standard deviations along x and y. */
export function stds(m: Moments): [number, number] {
  return [Math.sqrt(m.cov[0]), Math.sqrt(m.cov[2])];
}

/** √det Σ: the geometric mean spread (area of the 1σ ellipse / π). */
export function spread(m: Moments): number {
  return Math.sqrt(Math.max(0, m.cov[0] * m.cov[2] - m.cov[1] * m.cov[1]));
}

/** The k-σ ellipse of a covariance: semi-axes (major first) and the major axis's angle in radians. */
export function covEllipse(cov: readonly [number, number, number], k = 2): { rx: number; ry: number; angle: number } {
  const [a, b, c] = cov;
  const mid = (a + c) / 2;
  const r = Math.hypot((a - c) / 2, b);
  const l1 = Math.max(0, mid + r);
  const l2 = Math.max(0, mid - r);
  const angle = 0.5 * Math.atan2(2 * b, a - c);
  return { rx: k * Math.sqrt(l1), ry: k * Math.sqrt(l2), angle };
}

export interface ComponentShare {
  /** Index of the component in the world's table. */
  component: number;
  /** Its weight within class y. */
  weight: number;
  /** Share of the samples it is most responsible for. */
  share: number;
}

/** Each of class y's components with its weight and the share of the samples it is most responsible for. */
export function classComponentShares(world: World, x: Points, y: number): ComponentShare[] {
  const { classStart } = mixtureTable(world);
  const { shares, weights } = componentShares(world, x, y);
  return shares.map((share, j) => ({ component: classStart[y]! + j, weight: weights[j]!, share }));
}

/** The minor mode of class y (its lightest component), or undefined when the class has one component or equal weights. */
export function minorComponent(world: World, y: number): number | undefined {
  const comps = world.classes[y]?.components ?? [];
  if (comps.length < 2) return undefined;
  let j = 0;
  for (let i = 1; i < comps.length; i++) if (comps[i]!.weight < comps[j]!.weight) j = i;
  if (comps.every((c) => c.weight === comps[j]!.weight)) return undefined;
  return mixtureTable(world).classStart[y]! + j;
}

/** The share of samples in class y's minor mode (undefined without one). */
export function minorShare(world: World, x: Points, y: number): number | undefined {
  const k = minorComponent(world, y);
  if (k === undefined) return undefined;
  return classComponentShares(world, x, y).find((c) => c.component === k)!.share;
}
