/**
 * The score-field view model, DOM-free: from ε_∅ and ε_y cached on a grid (one denoiser call per t, class and world)
 * it produces, for any guidance scale s, the arrows and the density layer a panel draws, without calling the
 * denoiser again (ε̃ is linear in s). The density under the arrows is the one the guided field is the score of:
 * p_t(x | y)^s p_t(x | ∅)^(1−s), which is p_t(x) at s = 0 and p_t(x | y) at s = 1.
 * The classifier view draws the classifier term s ∇log p_t(y | x) = s (∇log p_t(x | y) − ∇log p_t(x)) implied by the
 * same two predictions (exact: the noisy classifier's gradient; learned: the model's implicit classifier) over the
 * exact posterior p_t(y | x).
 */
import type { ExactDenoiser } from '../science/exact';
import type { EpsField } from '../science/field';
import type { Grid } from '../science/grid';
import { cfg } from '../science/guidance';
import { applyRule, compileRuleCached, RuleError } from '../science/rule-lang';
import { tiltLogs } from '../science/tilted';
import { opacityFromLog } from './density';

export const FIELD_VIEWS = ['guided', 'components', 'difference', 'classifier'] as const;
export type FieldView = (typeof FIELD_VIEWS)[number];

/** One set of arrows: a 2D vector per arrow-grid point, and how to draw it. */
export interface ArrowSet {
  /** 'cg': a classifier-guided field, drawn in the class colour like 'cond'. */
  role: 'guided' | 'uncond' | 'cond' | 'difference' | 'classifier' | 'cg';
  vectors: Float64Array;
}

/** Everything a panel at scale s draws. */
export interface PanelFrame {
  s: number;
  /** Opacity 0–255 of the density layer at each density-grid cell (row by row from the bottom). */
  alpha: Uint8ClampedArray;
  arrows: ArrowSet[];
  /** Drawing scale: an arrow of length L (data units) stands for a vector of norm L / arrowScale. */
  arrowScale: number;
  /** Grid point where the drawn density peaks (none for the classifier view, whose shading is a probability). */
  peak?: [number, number];
}

/** Vectors at one arrow-grid point, for the hover readout. */
export interface PointReadout {
  x: [number, number];
  scoreUncond: [number, number];
  scoreCond: [number, number];
  scoreGuided: [number, number];
  epsUncond: [number, number];
  epsCond: [number, number];
  epsGuided: [number, number];
}

/** The reference vector (90th percentile of the conditional score's norm) is drawn this many cells long. */
export const REFERENCE_CELLS = 0.7;

/** The vector norm an arrow REFERENCE_CELLS grid cells long stands for, at a drawing scale (for the length legend). */
export function legendNorm(grid: Grid, arrowScale: number): number {
  return (REFERENCE_CELLS * Math.min(grid.dx, grid.dy)) / arrowScale;
}

export class ScoreFieldViewModel {
  readonly sigma: number;
  /** log p_t(x | y) and log p_t(x | ∅ or negative class) on the density grid. */
  private readonly logCond: Float64Array;
  private readonly logUncond: Float64Array;
  /** Shared by all panels so that arrow lengths compare across s. */
  readonly arrowScale: number;
  private readonly differenceScale: number;
  private classifierCache?: { scale: number; alpha: Uint8ClampedArray };
  /** log p_t(x | y) and log p_t(x | ∅ or negative class) on the arrow grid (for the weighted error; only with exactField). */
  private arrowLogs?: { cond: Float64Array; uncond: Float64Array };
  /** The rule cell's rule (rule-lang.ts) in place of the CFG formula, and ᾱ of the sampler's next step for rules that use it. */
  private rule?: { text: string; alphaBarPrev: number };
  /** Why the rule could not be drawn at the last s (the CFG formula was drawn instead), or undefined. */
  ruleError?: string;

  constructor(
    readonly exact: ExactDenoiser,
    /** ε_∅ and ε_y from the denoiser being shown (exact or learned), on the arrow grid. */
    readonly field: EpsField,
    readonly densityGrid: Grid,
    /** The exact ε_∅ and ε_y on the same arrow grid, for the difference view (omit when `field` is exact). */
    readonly exactField?: EpsField,
  ) {
    const { t, y, uncond } = field;
    this.sigma = exact.sigma(t);
    this.logCond = exact.logDensity(densityGrid.points, t, y);
    this.logUncond = exact.logDensity(densityGrid.points, t, uncond);
    // the reference vector: the 90th percentile of the conditional score's norm
    this.arrowScale = arrowScaleFor(field.grid, scoreOf(Float64Array.from(field.epsCond), this.sigma));
    this.differenceScale = this.exactField ? arrowScaleFor(field.grid, this.difference(1), 0.98, this.arrowScale) : this.arrowScale;
    if (exactField) {
      this.arrowLogs = { cond: exact.logDensity(field.grid.points, t, y), uncond: exact.logDensity(field.grid.points, t, uncond) };
    }
  }

  /**
   * How far the shown ε̃ is from the exact one at scale s, where it matters: the root mean square of
   * ‖ε̃_shown − ε̃_exact‖ over the arrow grid, weighted by the density the guided field is the score of,
   * p_t(x | y)^s p_t(x | ∅)^(1−s) (normalised on the grid). 0 without an exact reference.
   */
  guidedError(s: number): number {
    if (!this.arrowLogs) return 0;
    const log = tiltLogs(this.arrowLogs.cond, this.arrowLogs.uncond, s);
    let max = -Infinity;
    for (let i = 0; i < log.length; i++) max = Math.max(max, log[i]!);
    const diff = this.difference(s);
    let sum = 0;
    let weight = 0;
    for (let i = 0; i < log.length; i++) {
      const w = Math.exp(log[i]! - max);
      sum += w * (diff[2 * i]! ** 2 + diff[2 * i + 1]! ** 2);
      weight += w;
    }
    // difference() is in score units (−ε/σ_t); back to ε units
    return Math.sqrt(sum / weight) * this.sigma;
  }

  /** Draws ε̃ by a rule of the rule language from now on (undefined: the CFG formula). */
  setRule(text: string | undefined, alphaBarPrev: number): void {
    this.rule = text ? { text, alphaBarPrev } : undefined;
    this.ruleError = undefined;
  }

  /** ε̃ of a field at s: the rule where one is set and it gives finite values, else ε_∅ + s (ε_y − ε_∅). */
  private guidedEps(field: EpsField, s: number, from = 0, to = field.epsCond.length): Float64Array {
    const u = field.epsUncond.subarray(from, to);
    const c = field.epsCond.subarray(from, to);
    if (this.rule) {
      try {
        const alphaBar = this.exact.schedule.alphasCumprod[field.t]!;
        const x = field.grid.points.subarray(from, to);
        return applyRule(compileRuleCached(this.rule.text), u, c, x, { s, t: field.t, alphaBar, alphaBarPrev: this.rule.alphaBarPrev });
      } catch (e) {
        this.ruleError = e instanceof RuleError ? e.message : String(e);
      }
    }
    return cfg(u, c, s);
  }

  /** Score of the guided field, −ε̃/σ_t with ε̃ = ε_∅ + s (ε_y − ε_∅) or the rule's ε̃. */
  guidedScore(s: number): Float64Array {
    return scoreOf(this.guidedEps(this.field, s), this.sigma);
  }

  /** Learned minus exact guided score at s (zero when there is no exact reference). */
  difference(s: number): Float64Array {
    const learned = this.guidedScore(s);
    if (!this.exactField) return learned.fill(0);
    const exact = scoreOf(this.guidedEps(this.exactField, s), this.sigma);
    for (let i = 0; i < learned.length; i++) learned[i]! -= exact[i]!;
    return learned;
  }

  /** The classifier term s (∇log p_t(x | y) − ∇log p_t(x | ∅)) = s ∇log p_t(y | x) (for ∅; a ratio for a negative class). */
  classifierTerm(s: number): Float64Array {
    const { epsUncond: u, epsCond: c } = this.field;
    const out = new Float64Array(c.length);
    const f = -s / this.sigma;
    for (let i = 0; i < out.length; i++) out[i] = f * (c[i]! - u[i]!);
    return out;
  }

  /** The exact posterior p_t(y | x) on the density grid as opacity (a probability: no γ), and its drawing scale. */
  private classifier() {
    if (!this.classifierCache) {
      const { t, y } = this.field;
      const K = this.exact.numClasses;
      const alpha = posteriorAlpha(this.exact.classPosterior(this.densityGrid.points, t), K, y);
      this.classifierCache = { scale: arrowScaleFor(this.field.grid, this.classifierTerm(1), 0.9, this.arrowScale), alpha };
    }
    return this.classifierCache;
  }

  /** The drawing scale of a view's arrows (see PanelFrame.arrowScale). */
  scaleFor(view: FieldView): number {
    if (view === 'classifier') return this.classifier().scale;
    return view === 'difference' ? this.differenceScale : this.arrowScale;
  }

  /**
   * The frame a panel at scale s draws in the given view. Panels of several models (several t) that are drawn side by
   * side pass one common `arrowScale` (e.g. the smallest of their scaleFor), so that their arrow lengths compare.
   */
  frame(s: number, view: FieldView, arrowScale = this.scaleFor(view)): PanelFrame {
    if (view === 'classifier') {
      const { alpha } = this.classifier();
      return { s, alpha, arrowScale, arrows: [{ role: 'classifier', vectors: this.classifierTerm(s) }] };
    }
    const { alpha, peak } = this.density(s);
    if (view === 'difference') {
      return { s, alpha, peak, arrowScale, arrows: [{ role: 'difference', vectors: this.difference(s) }] };
    }
    const arrows: ArrowSet[] = [];
    if (view === 'components') {
      const { epsUncond, epsCond } = this.field;
      arrows.push(
        { role: 'uncond', vectors: scoreOf(Float64Array.from(epsUncond), this.sigma) },
        { role: 'cond', vectors: scoreOf(Float64Array.from(epsCond), this.sigma) },
      );
    }
    arrows.push({ role: 'guided', vectors: this.guidedScore(s) });
    return { s, alpha, peak, arrowScale, arrows };
  }

  /** Opacity of p_t(x | y)^s p_t(x | ∅)^(1−s) (scaled to its maximum, then γ) and the grid point of its peak. */
  density(s: number): { alpha: Uint8ClampedArray; peak: [number, number] } {
    const { alpha, argmax } = opacityFromLog(tiltLogs(this.logCond, this.logUncond, s));
    const pts = this.densityGrid.points;
    return { alpha, peak: [pts[2 * argmax]!, pts[2 * argmax + 1]!] };
  }

  /** The vectors at arrow-grid point `index` for scale s. */
  readout(index: number, s: number): PointReadout {
    const { epsUncond: u, epsCond: c, grid } = this.field;
    const i = 2 * index;
    const pair = (arr: ArrayLike<number>, f = 1): [number, number] => [f * arr[i]!, f * arr[i + 1]!];
    const g = this.guidedEps(this.field, s, i, i + 2);
    const k = -1 / this.sigma;
    return {
      x: pair(grid.points),
      epsUncond: pair(u),
      epsCond: pair(c),
      epsGuided: [g[0]!, g[1]!],
      scoreUncond: pair(u, k),
      scoreCond: pair(c, k),
      scoreGuided: [k * g[0]!, k * g[1]!],
    };
  }
}

/** The score −ε/σ_t of ε predictions (in place). */
function scoreOf(eps: Float64Array, sigma: number): Float64Array {
  const f = -1 / sigma;
  for (let i = 0; i < eps.length; i++) eps[i]! *= f;
  return eps;
}

/** Opacity 0–255 of p(y | x) for class y from a row-major n × K posterior (a probability: no γ). */
export function posteriorAlpha(posterior: ArrayLike<number>, K: number, y: number): Uint8ClampedArray {
  const n = posterior.length / K;
  const alpha = new Uint8ClampedArray(n);
  for (let i = 0; i < n; i++) alpha[i] = Math.round(255 * posterior[i * K + y]!);
  return alpha;
}

/** The drawing scale at which the q-quantile vector (by norm) is REFERENCE_CELLS grid cells long; `fallback` when all are zero. */
export function arrowScaleFor(grid: Grid, vectors: Float64Array, q = 0.9, fallback = 1): number {
  const reference = percentileNorm(vectors, q);
  return reference > 0 ? (REFERENCE_CELLS * Math.min(grid.dx, grid.dy)) / reference : fallback;
}

/** Index of the arrow-grid point nearest to (px, py), or −1 outside the grid. */
export function nearestGridIndex(grid: Grid, px: number, py: number): number {
  const [x0, x1, y0, y1] = grid.extent;
  if (!(px >= x0 && px <= x1 && py >= y0 && py <= y1)) return -1;
  const i = Math.min(grid.nx - 1, Math.floor((px - x0) / grid.dx));
  const j = Math.min(grid.ny - 1, Math.floor((py - y0) / grid.dy));
  return j * grid.nx + i;
}

/** The q-quantile of the norms of 2D vectors (q in [0, 1]). */
export function percentileNorm(vectors: Float64Array, q: number): number {
  const n = vectors.length >> 1;
  if (n === 0) return 0;
  const norms = new Float64Array(n);
  for (let i = 0; i < n; i++) norms[i] = Math.hypot(vectors[2 * i]!, vectors[2 * i + 1]!);
  norms.sort();
  return norms[Math.min(n - 1, Math.floor(q * (n - 1)))]!;
}
