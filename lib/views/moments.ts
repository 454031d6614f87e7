/**
 * Means, spreads and mode shares, to compare a density on a grid with a sample set: the tilted density
 * p(x|y)^s p(x)^(1−s) against what a guided sampler actually draws. DOM-free.
 */
import type { Grid } from '../science/grid';
import { componentCounts } from '../science/metrics';
import type { Points, World } from '../science/types';
import { mixtureTable } from '../science/world';

export interface Moments {
  mean: [number, number];
  /** Covariance [[a, b], [b, c]] as [a, b, c]. */
  cov: [number, number, number];
}

/** Mean and covariance of a density given on a grid's cells (normalised here: any non-negative weights). */
export function gridMoments(grid: Grid, density: ArrayLike<number>): Moments {
  const p = grid.points;
  let w = 0;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < density.length; i++) {
    const d = density[i]!;
    w += d;
    mx += d * p[2 * i]!;
    my += d * p[2 * i + 1]!;
  }
  if (!(w > 0)) throw new RangeError('the density has no mass on the grid');
  mx /= w;
  my /= w;
  let a = 0;
  let b = 0;
  let c = 0;
  for (let i = 0; i < density.length; i++) {
    const d = density[i]!;
    const dx = p[2 * i]! - mx;
    const dy = p[2 * i + 1]! - my;
    a += d * dx * dx;
    b += d * dx * dy;
    c += d * dy * dy;
  }
  return { mean: [mx, my], cov: [a / w, b / w, c / w] };
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
  const counts = componentCounts(world, x);
  const n = x.length >> 1;
  const comps = world.classes[y]!.components;
  const wSum = comps.reduce((acc, c) => acc + c.weight, 0);
  return comps.map((c, j) => ({ component: classStart[y]! + j, weight: c.weight / wSum, share: n > 0 ? counts[classStart[y]! + j]! / n : 0 }));
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
