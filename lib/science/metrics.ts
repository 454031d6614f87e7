/**
 * Metrics of a sample set against a world: sliced Wasserstein distance, fidelity (mean exact posterior),
 * diversity (log-det of the covariance, share of the class's components that receive samples), and mean NLL.
 * "Exact" quantities here are at the data level (ᾱ = 1: no noise).
 */
import { evalMixture, noisedMixture, type NoisedMixture } from './mixture';
import { NULL_CLASS, type Points, type World } from './types';
import { mixtureTable } from './world';

const dataMixtures = new WeakMap<World, NoisedMixture>();

/** The world's own mixture p(x_0 | y) (ᾱ = 1), cached. */
function dataMixture(world: World): NoisedMixture {
  let nm = dataMixtures.get(world);
  if (!nm) {
    nm = noisedMixture(mixtureTable(world), 1);
    dataMixtures.set(world, nm);
  }
  return nm;
}

/**
 * Squared 2-Wasserstein distance between two 1D empirical distributions (any sizes), exactly:
 * ∫₀¹ (F_a⁻¹(u) − F_b⁻¹(u))² du over the merged quantile breakpoints. Sorts its inputs in place.
 */
export function wasserstein1dSquared(a: Float64Array, b: Float64Array): number {
  a.sort();
  b.sort();
  const na = a.length;
  const nb = b.length;
  if (na === 0 || nb === 0) throw new RangeError('both sample sets must be non-empty');
  let i = 0;
  let j = 0;
  let u = 0;
  let total = 0;
  while (i < na && j < nb) {
    const ua = (i + 1) / na;
    const ub = (j + 1) / nb;
    const next = Math.min(ua, ub);
    const d = a[i]! - b[j]!;
    total += (next - u) * d * d;
    u = next;
    if (ua <= next) i++;
    if (ub <= next) j++;
  }
  return total;
}

/**
 * Sliced Wasserstein distance √(mean over directions of W₂²) between two 2D sample sets,
 * over `projections` directions evenly spaced on the half circle (deterministic, no random directions).
 */
export function slicedWasserstein(a: Points, b: Points, projections = 64): number {
  const na = a.length >> 1;
  const nb = b.length >> 1;
  const pa = new Float64Array(na);
  const pb = new Float64Array(nb);
  let sum = 0;
  for (let p = 0; p < projections; p++) {
    const th = (Math.PI * p) / projections;
    const c = Math.cos(th);
    const s = Math.sin(th);
    for (let i = 0; i < na; i++) pa[i] = c * a[2 * i]! + s * a[2 * i + 1]!;
    for (let i = 0; i < nb; i++) pb[i] = c * b[2 * i]! + s * b[2 * i + 1]!;
    sum += wasserstein1dSquared(pa, pb);
  }
  return Math.sqrt(sum / projections);
}

/** Exact data-level posteriors p(y | x) of each sample, row-major n × K. */
export function posteriors(world: World, x: Points): Float64Array {
  const posterior = new Float64Array((x.length >> 1) * mixtureTable(world).K);
  evalMixture(dataMixture(world), x, NULL_CLASS, { posterior });
  return posterior;
}

/** Fidelity: the mean exact posterior p(y | x) over the samples (1 = every sample unmistakably of class y). */
export function fidelity(world: World, x: Points, y: number): number {
  const K = mixtureTable(world).K;
  const post = posteriors(world, x);
  const n = x.length >> 1;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += post[i * K + y]!;
  return sum / n;
}

/** Mean and covariance [[a, b], [b, c]] of a 2D sample set (unbiased, n − 1). */
export function sampleMoments(x: Points): { mean: [number, number]; cov: [number, number, number] } {
  const n = x.length >> 1;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[2 * i]!;
    my += x[2 * i + 1]!;
  }
  mx /= n;
  my /= n;
  let a = 0;
  let b = 0;
  let c = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[2 * i]! - mx;
    const dy = x[2 * i + 1]! - my;
    a += dx * dx;
    b += dx * dy;
    c += dy * dy;
  }
  const f = 1 / (n - 1);
  return { mean: [mx, my], cov: [a * f, b * f, c * f] };
}

/** Diversity as log det of the sample covariance (larger = more spread). */
export function logDetCov(x: Points): number {
  const [a, b, c] = sampleMoments(x).cov;
  return Math.log(a * c - b * b);
}

/** How many samples each component of the world is most responsible for (M counts, at the data level). */
export function componentCounts(world: World, x: Points): Int32Array {
  const best = new Int32Array(x.length >> 1);
  evalMixture(dataMixture(world), x, NULL_CLASS, { best });
  const counts = new Int32Array(mixtureTable(world).M);
  for (const k of best) counts[k]!++;
  return counts;
}

/** Diversity as the share of class y's components that are the most responsible component of at least one sample. */
export function componentCoverage(world: World, x: Points, y: number): number {
  const { classStart } = mixtureTable(world);
  const counts = componentCounts(world, x);
  const from = classStart[y]!;
  const to = classStart[y + 1]!;
  let hit = 0;
  for (let k = from; k < to; k++) if (counts[k]! > 0) hit++;
  return hit / (to - from);
}

/** Mean negative log-likelihood −mean log p(x | y) of the samples under class y. */
export function meanNll(world: World, x: Points, y: number): number {
  const n = x.length >> 1;
  const logp = new Float64Array(n);
  evalMixture(dataMixture(world), x, y, { logp });
  let sum = 0;
  for (let i = 0; i < n; i++) sum -= logp[i]!;
  return sum / n;
}

export interface SampleMetrics {
  n: number;
  fidelity: number;
  logDetCov: number;
  componentCoverage: number;
  meanNll: number;
}

/** All per-class metrics of a sample set at once. */
export function sampleMetrics(world: World, x: Points, y: number): SampleMetrics {
  return {
    n: x.length >> 1,
    fidelity: fidelity(world, x, y),
    logDetCov: logDetCov(x),
    componentCoverage: componentCoverage(world, x, y),
    meanNll: meanNll(world, x, y),
  };
}
