/**
 * Comparisons a researcher makes between a sample set and the exact world: moments of a density on a grid (the
 * tilted density's mean and covariance), per-component shares of the samples (a dropped mode shows as a share near
 * 0 where componentCoverage still says 1), and the sliced Wasserstein distance to direct draws of the class next to
 * its Monte-Carlo floor (the same distance between two independent sets of direct draws of the same size).
 */
import { componentCounts, slicedWasserstein } from './metrics';
import { Rng } from './random';
import type { Grid } from './grid';
import type { Points, World } from './types';
import { mixtureTable, sampleWorld } from './world';

export interface Moments2 {
  mean: [number, number];
  /** Covariance [[a, b], [b, c]] as [a, b, c]. */
  cov: [number, number, number];
}

/** Mean and covariance of a density given on a grid's cell centres (any non-negative weights: normalised here). */
export function gridMoments(density: ArrayLike<number>, grid: Grid): Moments2 {
  const p = grid.points;
  let w = 0;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < density.length; i++) {
    w += density[i]!;
    mx += density[i]! * p[2 * i]!;
    my += density[i]! * p[2 * i + 1]!;
  }
  if (!(w > 0)) throw new RangeError('the density has no mass on the grid');
  mx /= w;
  my /= w;
  let a = 0;
  let b = 0;
  let c = 0;
  for (let i = 0; i < density.length; i++) {
    const dx = p[2 * i]! - mx;
    const dy = p[2 * i + 1]! - my;
    a += density[i]! * dx * dx;
    b += density[i]! * dx * dy;
    c += density[i]! * dy * dy;
  }
  return { mean: [mx, my], cov: [a / w, b / w, c / w] };
}

export interface ComponentShares {
  /** Share of all samples whose most responsible component (data level) is each component of class y. */
  shares: number[];
  /** The class's own weights of those components, for comparison. */
  weights: number[];
  /** Share of samples whose most responsible component belongs to another class. */
  otherClasses: number;
}

/** Per-component shares of a sample set for class y (all shares and otherClasses sum to 1). */
export function componentShares(world: World, x: Points, y: number): ComponentShares {
  const tab = mixtureTable(world);
  const counts = componentCounts(world, x);
  const n = x.length >> 1;
  const shares: number[] = [];
  const weights: number[] = [];
  const wSum = world.classes[y]!.components.reduce((acc, c) => acc + c.weight, 0);
  let own = 0;
  for (let k = tab.classStart[y]!; k < tab.classStart[y + 1]!; k++) {
    shares.push(n > 0 ? counts[k]! / n : 0);
    weights.push(world.classes[y]!.components[k - tab.classStart[y]!]!.weight / wSum);
    own += counts[k]!;
  }
  return { shares, weights, otherClasses: n > 0 ? (n - own) / n : 0 };
}

export interface SwComparison {
  /** SW distance between the samples and n direct draws of class y (seed `seed`). */
  distance: number;
  /** SW distance between two independent sets of n direct draws (seeds `seed` and `seed` + 1). */
  floor: number;
  /** distance / floor: about 1 when the samples are as close as sampling noise can tell. */
  ratio: number;
  n: number;
  seeds: [number, number];
}

/** Sliced Wasserstein distance of samples to the exact class y, with its Monte-Carlo floor at the same n. */
export function slicedWassersteinToClass(world: World, x: Points, y: number, seed = 0, projections = 64): SwComparison {
  const n = x.length >> 1;
  const reference = sampleWorld(world, n, new Rng(seed), y).x0;
  const second = sampleWorld(world, n, new Rng(seed + 1), y).x0;
  const distance = slicedWasserstein(Float64Array.from(x), Float64Array.from(reference), projections);
  const floor = slicedWasserstein(reference, second, projections);
  return { distance, floor, ratio: distance / floor, n, seeds: [seed, seed + 1] };
}

/**
 * Exact mean and covariance of the noised class p_t(x | y) = Σ_k π_k N(√ᾱ μ_k, ᾱ Σ_k + (1−ᾱ) I) (y = NULL_CLASS:
 * the marginal, weighted by the priors): mean Σ π_k m_k, covariance Σ π_k (C_k + m_k m_kᵀ) − mean meanᵀ.
 */
export function classMoments(world: World, y: number, alphaBar = 1): Moments2 {
  const tab = mixtureTable(world);
  const from = y < 0 ? 0 : tab.classStart[y]!;
  const to = y < 0 ? tab.M : tab.classStart[y + 1]!;
  const sa = Math.sqrt(alphaBar);
  let mx = 0;
  let my = 0;
  let a = 0;
  let b = 0;
  let c = 0;
  for (let k = from; k < to; k++) {
    const w = Math.exp(y < 0 ? tab.logJointWeight[k]! : tab.logWeight[k]!);
    const px = sa * tab.mean[2 * k]!;
    const py = sa * tab.mean[2 * k + 1]!;
    mx += w * px;
    my += w * py;
    a += w * (alphaBar * tab.cov[3 * k]! + 1 - alphaBar + px * px);
    b += w * (alphaBar * tab.cov[3 * k + 1]! + px * py);
    c += w * (alphaBar * tab.cov[3 * k + 2]! + 1 - alphaBar + py * py);
  }
  return { mean: [mx, my], cov: [a - mx * mx, b - mx * my, c - my * my] };
}
