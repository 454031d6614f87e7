/**
 * The exact denoiser of a Gaussian-mixture world: ε*(x_t, t, y) = −√(1−ᾱ_t) ∇ log p_t(x_t | y), known in closed form,
 * and every other exact quantity the chapters need (score, Tweedie's x̂_0, log-densities, class posteriors,
 * classifier gradients). All methods are synchronous; `eps` satisfies the `Denoiser` interface.
 */
import { evalMixture, noisedMixture, type NoisedMixture } from './mixture';
import type { Schedule } from './schedule';
import { NULL_CLASS, type Denoiser, type Points, type World } from './types';
import { mixtureTable, type MixtureTable } from './world';

/** A condition: one class index (or NULL_CLASS for ∅) for every point, or one per point. */
export type Condition = number | Int32Array;

/** How many timesteps' noised mixtures are kept (a sampler visits each t once, a field view revisits a few). */
const CACHE_SIZE = 8;

export class ExactDenoiser implements Denoiser {
  readonly kind = 'exact' as const;
  readonly numClasses: number;
  readonly table: MixtureTable;
  private readonly cache = new Map<number, NoisedMixture>();

  constructor(
    readonly world: World,
    readonly schedule: Schedule,
  ) {
    this.table = mixtureTable(world);
    this.numClasses = this.table.K;
  }

  /** ᾱ_t, checking that t is a timestep of the schedule. */
  alphaBar(t: number): number {
    if (!Number.isInteger(t) || t < 0 || t >= this.schedule.T) {
      throw new RangeError(`t must be an integer in [0, ${this.schedule.T - 1}], got ${t}`);
    }
    return this.schedule.alphasCumprod[t]!;
  }

  /** σ_t = √(1−ᾱ_t), the noise level at t. */
  sigma(t: number): number {
    return Math.sqrt(1 - this.alphaBar(t));
  }

  /** The noised mixture p_t at timestep t (cached). */
  mixtureAt(t: number): NoisedMixture {
    let nm = this.cache.get(t);
    if (!nm) {
      nm = noisedMixture(this.table, this.alphaBar(t));
      if (this.cache.size >= CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
      this.cache.set(t, nm);
    }
    return nm;
  }

  /** ε*(x, t, c) for a condition per point (the `Denoiser` interface). */
  eps(x: Points, t: number, cond: Int32Array): Float64Array {
    return this.epsFor(x, t, cond);
  }

  /** ε*(x, t, c) = −√(1−ᾱ_t) ∇ log p_t(x | c), for one condition or one per point. */
  epsFor(x: Points, t: number, cond: Condition): Float64Array {
    const out = this.score(x, t, cond);
    const f = -this.sigma(t);
    for (let i = 0; i < out.length; i++) out[i]! *= f;
    return out;
  }

  /** ε*_y: the conditional noise prediction for class y. */
  epsCond(x: Points, t: number, y: number): Float64Array {
    this.checkClass(y, false);
    return this.epsFor(x, t, y);
  }

  /** ε*_∅: the unconditional (marginal) noise prediction. */
  epsUncond(x: Points, t: number): Float64Array {
    return this.epsFor(x, t, NULL_CLASS);
  }

  /** ∇_x log p_t(x | c) (c = NULL_CLASS: the marginal). */
  score(x: Points, t: number, cond: Condition = NULL_CLASS): Float64Array {
    this.checkCondition(x, cond);
    const score = new Float64Array(x.length);
    evalMixture(this.mixtureAt(t), x, cond, { score });
    return score;
  }

  /** Tweedie's x̂_0 = E[x_0 | x_t, c] = (x_t + (1−ᾱ_t) ∇ log p_t(x_t | c)) / √ᾱ_t. */
  tweedie(x: Points, t: number, cond: Condition = NULL_CLASS): Float64Array {
    const ab = this.alphaBar(t);
    const out = this.score(x, t, cond);
    const inv = 1 / Math.sqrt(ab);
    for (let i = 0; i < out.length; i++) out[i] = (x[i]! + (1 - ab) * out[i]!) * inv;
    return out;
  }

  /** log p_t(x | c) per point (c = NULL_CLASS: log p_t(x)). */
  logDensity(x: Points, t: number, cond: Condition = NULL_CLASS): Float64Array {
    this.checkCondition(x, cond);
    const logp = new Float64Array(x.length >> 1);
    evalMixture(this.mixtureAt(t), x, cond, { logp });
    return logp;
  }

  /** p_t(y | x) for every class, row-major n × K. */
  classPosterior(x: Points, t: number): Float64Array {
    const posterior = new Float64Array((x.length >> 1) * this.numClasses);
    evalMixture(this.mixtureAt(t), x, NULL_CLASS, { posterior });
    return posterior;
  }

  /** ∇_x log p_t(y | x) = ∇ log p_t(x | y) − ∇ log p_t(x): the noisy classifier's gradient. */
  classifierGrad(x: Points, t: number, y: Condition): Float64Array {
    const cond = this.score(x, t, y);
    const marg = this.score(x, t, NULL_CLASS);
    for (let i = 0; i < cond.length; i++) cond[i]! -= marg[i]!;
    return cond;
  }

  private checkClass(y: number, allowNull: boolean): void {
    if (allowNull && y === NULL_CLASS) return;
    if (!Number.isInteger(y) || y < 0 || y >= this.numClasses) {
      throw new RangeError(`class must be ${allowNull ? 'NULL_CLASS or ' : ''}an integer in [0, ${this.numClasses - 1}], got ${y}`);
    }
  }

  private checkCondition(x: Points, cond: Condition): void {
    if (x.length % 2 !== 0) throw new RangeError(`x must hold 2n numbers, got ${x.length}`);
    if (typeof cond === 'number') {
      this.checkClass(cond, true);
      return;
    }
    if (cond.length !== x.length >> 1) throw new RangeError(`cond must hold one class per point (${x.length >> 1}), got ${cond.length}`);
    for (const c of cond) this.checkClass(c, true);
  }
}
