/**
 * Guidance rules, all in one place. Convention (diffusers): ε̃ = ε_∅ + s (ε_y − ε_∅);
 * s = 0 unconditional, s = 1 conditional, s > 1 guided. Ho & Salimans' w is s − 1.
 */
import { applyRule, compileRuleCached, RuleError } from './rule-lang';
import { NULL_CLASS, type Denoiser, type Points } from './types';

/** A noisy classifier's gradient ∇_x log p_t(y | x) for a batch (one class per point). */
export type ClassifierGradFn = (x: Points, t: number, y: Int32Array) => Float64Array | Promise<Float64Array>;

export interface Guidance {
  /** 'cfg' (default): classifier-free; 'classifier': ε_∅ − √(1−ᾱ_t) s ∇ log p_t(y | x_t). */
  method?: 'cfg' | 'classifier';
  /** Guidance scale s. */
  s: number;
  /** CFG only: a class whose ε replaces ε_∅ (guidance away from that class). */
  negative?: number;
  /** Guidance only for t_lo ≤ t ≤ t_hi; the plain conditional ε_y (s = 1) outside. */
  interval?: readonly [number, number];
  /** CFG only: CFG-rescale factor φ ∈ [0, 1] (Lin et al. 2023). */
  rescale?: number;
  /** Classifier guidance only: the classifier gradient (e.g. an exact one from `exactClassifierGrad`). */
  classifierGrad?: ClassifierGradFn;
  /**
   * CFG only: a rule of the rule language (rule-lang.ts) that computes ε̃ from ε_∅ (or the negative class's ε), ε_y, s, t,
   * σ_t, ᾱ_t and x_t in place of the CFG formula; it then also decides any interval or rescaling itself.
   */
  rule?: string;
  /**
   * Autoguidance (Karras et al. 2024): a weaker model of the same class in place of ε_∅,
   * ε̃ = ε_guide(x, y) + s (ε(x, y) − ε_guide(x, y)). CFG only, without `negative`.
   */
  guide?: Denoiser;
}

/** CFG: ε̃ = ε_∅ + s (ε_y − ε_∅) = (1−s) ε_∅ + s ε_y. */
export function cfg(epsUncond: Float64Array, epsCond: Float64Array, s: number): Float64Array {
  const out = new Float64Array(epsCond.length);
  for (let i = 0; i < out.length; i++) out[i] = epsUncond[i]! + s * (epsCond[i]! - epsUncond[i]!);
  return out;
}

/** Ho & Salimans' form ε̃ = (1+w) ε_y − w ε_∅ (equal to `cfg` with s = 1 + w; kept to show the identity). */
export function cfgHoSalimans(epsCond: Float64Array, epsUncond: Float64Array, w: number): Float64Array {
  const out = new Float64Array(epsCond.length);
  for (let i = 0; i < out.length; i++) out[i] = (1 + w) * epsCond[i]! - w * epsUncond[i]!;
  return out;
}

/**
 * CFG-rescale (Lin et al. 2023) with the per-point vector norm in place of the per-sample std:
 * ε_r = ε̃ · ‖ε_y‖ / ‖ε̃‖, then φ ε_r + (1−φ) ε̃.
 */
export function cfgRescale(epsGuided: Float64Array, epsCond: Float64Array, phi: number): Float64Array {
  const out = new Float64Array(epsGuided.length);
  for (let i = 0; i < out.length; i += 2) {
    const gx = epsGuided[i]!;
    const gy = epsGuided[i + 1]!;
    const ng = Math.hypot(gx, gy);
    const ratio = ng > 0 ? Math.hypot(epsCond[i]!, epsCond[i + 1]!) / ng : 1;
    const f = phi * ratio + (1 - phi);
    out[i] = gx * f;
    out[i + 1] = gy * f;
  }
  return out;
}

/** Classifier guidance: ε̃ = ε_∅ − σ_t s ∇ log p_t(y | x_t), σ_t = √(1−ᾱ_t). */
export function classifierGuided(epsUncond: Float64Array, grad: Float64Array, sigma: number, s: number): Float64Array {
  const out = new Float64Array(epsUncond.length);
  for (let i = 0; i < out.length; i++) out[i] = epsUncond[i]! - sigma * s * grad[i]!;
  return out;
}

/** Whether guidance applies at t (always, without an interval). */
export function inGuidanceInterval(t: number, interval?: readonly [number, number]): boolean {
  return !interval || (t >= interval[0] && t <= interval[1]);
}

/** The scale in effect at t: s inside the interval, 1 (plain conditional) outside. */
export function effectiveScale(g: Guidance, t: number): number {
  return inGuidanceInterval(t, g.interval) ? g.s : 1;
}

/** One class per point: `y` repeated n times, or `y` itself. */
export function conditionBatch(y: number | Int32Array, n: number): Int32Array {
  if (typeof y !== 'number') {
    if (y.length !== n) throw new RangeError(`need one class per point (${n}), got ${y.length}`);
    return y;
  }
  return new Int32Array(n).fill(y);
}

/**
 * The doubled batch of a guided step: points [x, x] with conditions [∅ (or the negative class), y].
 * Returns x2 (4n numbers) and cond2 (2n classes).
 */
export function doubledBatch(x: Points, y: Int32Array, uncond: number = NULL_CLASS): { x2: Float64Array; cond2: Int32Array } {
  const n = y.length;
  const x2 = new Float64Array(4 * n);
  x2.set(x, 0);
  x2.set(x, 2 * n);
  const cond2 = new Int32Array(2 * n);
  cond2.fill(uncond, 0, n);
  cond2.set(y, n);
  return { x2, cond2 };
}

/**
 * The guided noise prediction ε̃(x_t, t, y) of any denoiser under a guidance rule.
 * CFG runs the denoiser once on the doubled batch [x, x] with conditions [∅ or negative, y], splits the output and combines.
 */
export async function guidedEps(
  denoiser: Denoiser,
  x: Points,
  t: number,
  y: number | Int32Array,
  g: Guidance,
  /** ᾱ of the sampler's next timestep, for rules that use it (default: one of T steps, ᾱ_{t−1}). */
  alphaBarPrev?: number,
): Promise<Float64Array> {
  const n = x.length >> 1;
  const ys = conditionBatch(y, n);
  if (g.rule !== undefined && g.method !== 'classifier') {
    const { x2, cond2 } = doubledBatch(x, ys, g.negative ?? NULL_CLASS);
    const out = await denoiser.eps(x2, t, cond2);
    const ac = denoiser.schedule.alphasCumprod;
    const abarPrev = alphaBarPrev ?? (t > 0 ? ac[t - 1]! : 1);
    return applyRule(compileRuleCached(g.rule), out.subarray(0, 2 * n), out.subarray(2 * n, 4 * n), x, { s: g.s, t, alphaBar: ac[t]!, alphaBarPrev: abarPrev });
  }
  const s = effectiveScale(g, t);
  if (g.method === 'classifier') {
    if (!g.classifierGrad) throw new Error('classifier guidance needs a classifierGrad function');
    const epsUncond = await denoiser.eps(x, t, new Int32Array(n).fill(NULL_CLASS));
    const grad = await g.classifierGrad(x, t, ys);
    return classifierGuided(epsUncond, grad, Math.sqrt(1 - denoiser.schedule.alphasCumprod[t]!), s);
  }
  if (s === 1) return Float64Array.from(await denoiser.eps(x, t, ys)); // outside the interval: plain conditional
  if (g.guide) {
    const epsCond = Float64Array.from(await denoiser.eps(x, t, ys));
    const guided = cfg(await g.guide.eps(x, t, ys), epsCond, s);
    return g.rescale ? cfgRescale(guided, epsCond, g.rescale) : guided;
  }
  const { x2, cond2 } = doubledBatch(x, ys, g.negative ?? NULL_CLASS);
  const out = await denoiser.eps(x2, t, cond2);
  const epsUncond = out.subarray(0, 2 * n);
  const epsCond = out.subarray(2 * n, 4 * n);
  const guided = cfg(epsUncond, epsCond, s);
  return g.rescale ? cfgRescale(guided, epsCond, g.rescale) : guided;
}

/** Checks a guidance rule against a denoiser's classes and timesteps; throws a RangeError naming the field. */
export function validateGuidance(g: Guidance, numClasses: number, T: number): void {
  if (!Number.isFinite(g.s)) throw new RangeError(`s must be a finite number, got ${g.s}`);
  if (g.method !== undefined && g.method !== 'cfg' && g.method !== 'classifier') {
    throw new RangeError(`method must be "cfg" or "classifier", got ${String(g.method)}`);
  }
  if (g.negative !== undefined && !(Number.isInteger(g.negative) && g.negative >= 0 && g.negative < numClasses)) {
    throw new RangeError(`negative must be a class index in [0, ${numClasses - 1}], got ${g.negative}`);
  }
  if (g.interval) {
    const [lo, hi] = g.interval;
    if (!(Number.isInteger(lo) && Number.isInteger(hi) && lo >= 0 && lo <= hi && hi < T)) {
      throw new RangeError(`interval must be integers 0 ≤ t_lo ≤ t_hi ≤ ${T - 1}, got [${lo}, ${hi}]`);
    }
  }
  if (g.rescale !== undefined && !(g.rescale >= 0 && g.rescale <= 1)) {
    throw new RangeError(`rescale φ must be in [0, 1], got ${g.rescale}`);
  }
  if (g.guide && (g.method === 'classifier' || g.negative !== undefined)) {
    throw new RangeError('a guiding model (autoguidance) replaces ε_∅: it excludes classifier guidance and a negative class');
  }
  if (g.guide && g.guide.numClasses !== numClasses) {
    throw new RangeError(`the guiding model has ${g.guide.numClasses} classes, the main one ${numClasses}`);
  }
  if (g.guide && g.rule !== undefined) throw new RangeError('a guiding model (autoguidance) and a rule exclude each other: the rule decides ε̃');
  if (g.method === 'classifier' && (g.negative !== undefined || g.rescale !== undefined || g.rule !== undefined)) {
    throw new RangeError('negative, rescale and rule apply to CFG only, not to classifier guidance');
  }
  if (g.rule !== undefined) {
    try {
      compileRuleCached(g.rule);
    } catch (e) {
      throw new RangeError(`rule: ${e instanceof RuleError ? e.message : String(e)}`);
    }
  }
}
