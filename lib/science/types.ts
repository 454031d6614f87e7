import type { Schedule } from './schedule';

/** The null (dropped) condition ∅, as a class index. Real classes are 0-based: 0 … K−1. */
export const NULL_CLASS = -1;

export type Vec2 = [number, number];
export type Mat2 = [[number, number], [number, number]];

/** One Gaussian component of a class: weight (normalised within its class), mean, covariance. */
export interface Component {
  weight: number;
  mean: Vec2;
  cov: Mat2;
}

/** One class y of a world: name, prior p(y) (normalised over classes), and its Gaussian mixture p(x_0 | y). */
export interface WorldClass {
  name: string;
  prior: number;
  components: Component[];
}

/** A class-conditional 2D Gaussian mixture: the toy world. Same shape as the JSON file format. */
export interface World {
  name: string;
  description: string;
  classes: WorldClass[];
}

/**
 * A batch of 2D points, interleaved: [x_0, y_0, x_1, y_1, …], so n points take 2n numbers.
 */
export type Points = Float64Array;

/**
 * The one abstraction shared by the exact analytic model and the learned network:
 * ε-prediction ε(x_t, t, c) for a batch of points at one timestep t,
 * with a condition per point (a class index, or NULL_CLASS for ∅).
 * Every sampler, field and metric runs on any Denoiser.
 */
export interface Denoiser {
  readonly kind: 'exact' | 'learned';
  readonly numClasses: number;
  readonly schedule: Schedule;
  /** x: 2n numbers, cond: n class indices or NULL_CLASS; returns ε̂ as 2n numbers. */
  eps(x: Points, t: number, cond: Int32Array): Float64Array | Promise<Float64Array>;
}
