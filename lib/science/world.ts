/**
 * A world flattened into typed arrays (the form every computation uses), and direct draws x_0 ~ p(x_0 | y).
 */
import { cholesky2 } from './gauss2';
import type { Rng } from './random';
import { NULL_CLASS, type World } from './types';

/**
 * All components of a world in flat float64 arrays, grouped by class:
 * class y owns components classStart[y] … classStart[y+1]−1.
 * Weights are normalised here, so an un-normalised World gives the same table as its normalised copy.
 */
export interface MixtureTable {
  /** Number of classes K. */
  readonly K: number;
  /** Number of components M (all classes). */
  readonly M: number;
  /** K+1 offsets into the component arrays. */
  readonly classStart: Int32Array;
  /** Class index of each component. */
  readonly classOf: Int32Array;
  /** log p(y), K numbers. */
  readonly logPrior: Float64Array;
  /** log of the component's weight within its class, M numbers. */
  readonly logWeight: Float64Array;
  /** log p(y) + log weight: the component's log weight in the marginal p(x_0), M numbers. */
  readonly logJointWeight: Float64Array;
  /** Means μ_k interleaved, 2M numbers. */
  readonly mean: Float64Array;
  /** Covariances Σ_k as (a, b, c) of [[a, b], [b, c]], 3M numbers. */
  readonly cov: Float64Array;
  /** Cholesky factors of Σ_k as (l11, l21, l22), 3M numbers. */
  readonly chol: Float64Array;
}

const tables = new WeakMap<World, MixtureTable>();

/** The flat table of a world (cached per World object; treat worlds as immutable). */
export function mixtureTable(world: World): MixtureTable {
  const cached = tables.get(world);
  if (cached) return cached;
  const K = world.classes.length;
  const M = world.classes.reduce((acc, c) => acc + c.components.length, 0);
  const classStart = new Int32Array(K + 1);
  const classOf = new Int32Array(M);
  const logPrior = new Float64Array(K);
  const logWeight = new Float64Array(M);
  const logJointWeight = new Float64Array(M);
  const mean = new Float64Array(2 * M);
  const cov = new Float64Array(3 * M);
  const chol = new Float64Array(3 * M);
  const priorSum = world.classes.reduce((acc, c) => acc + c.prior, 0);
  let k = 0;
  world.classes.forEach((cls, y) => {
    classStart[y] = k;
    logPrior[y] = Math.log(cls.prior / priorSum);
    const wSum = cls.components.reduce((acc, c) => acc + c.weight, 0);
    for (const comp of cls.components) {
      classOf[k] = y;
      logWeight[k] = Math.log(comp.weight / wSum);
      logJointWeight[k] = logPrior[y]! + logWeight[k]!;
      mean[2 * k] = comp.mean[0];
      mean[2 * k + 1] = comp.mean[1];
      const a = comp.cov[0][0];
      const b = comp.cov[0][1];
      const c = comp.cov[1][1];
      cov.set([a, b, c], 3 * k);
      chol.set(cholesky2(a, b, c), 3 * k);
      k++;
    }
  });
  classStart[K] = M;
  const table: MixtureTable = { K, M, classStart, classOf, logPrior, logWeight, logJointWeight, mean, cov, chol };
  tables.set(world, table);
  return table;
}

/**
 * n direct draws from the world: classes by prior (unless `y` is given and not NULL_CLASS: then all of class y),
 * components by weight within the class, then x_0 = μ_k + L_k z with Σ_k = L_k L_kᵀ, z ~ N(0, I).
 * Returns x0 (2n interleaved numbers) and y (n class indices).
 */
export function sampleWorld(world: World, n: number, rng: Rng, y?: number): { x0: Float64Array; y: Int32Array } {
  const tab = mixtureTable(world);
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a non-negative integer, got ${n}`);
  if (y !== undefined && y !== NULL_CLASS && !(Number.isInteger(y) && y >= 0 && y < tab.K)) {
    throw new RangeError(`class y must be an integer in [0, ${tab.K - 1}], got ${y}`);
  }
  const prior = Array.from(tab.logPrior, Math.exp);
  const weights = Array.from({ length: tab.K }, (_, c) => Array.from(tab.logWeight.subarray(tab.classStart[c]!, tab.classStart[c + 1]!), Math.exp));
  const x0 = new Float64Array(2 * n);
  const ys = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = y === undefined || y === NULL_CLASS ? rng.categorical(prior) : y;
    const k = tab.classStart[c]! + rng.categorical(weights[c]!);
    const z0 = rng.normal();
    const z1 = rng.normal();
    const l11 = tab.chol[3 * k]!;
    const l21 = tab.chol[3 * k + 1]!;
    const l22 = tab.chol[3 * k + 2]!;
    x0[2 * i] = tab.mean[2 * k]! + l11 * z0;
    x0[2 * i + 1] = tab.mean[2 * k + 1]! + l21 * z0 + l22 * z1;
    ys[i] = c;
  }
  return { x0, y: ys };
}

/** The index of a class by name or by 0-based index (as a string or number); undefined if there is none. */
export function classIndex(world: World, nameOrIndex: string | number): number | undefined {
  if (typeof nameOrIndex === 'string') {
    const byName = world.classes.findIndex((c) => c.name === nameOrIndex);
    if (byName >= 0) return byName;
    if (!/^\d+$/.test(nameOrIndex)) return undefined;
    nameOrIndex = Number(nameOrIndex);
  }
  return Number.isInteger(nameOrIndex) && nameOrIndex >= 0 && nameOrIndex < world.classes.length ? nameOrIndex : undefined;
}
