/**
 * The classifier-guidance view model, DOM-free. From ε_∅ and ε_y of the shown denoiser on an arrow grid (one doubled-
 * batch call per t, class and world) it gives:
 *   - the exact noisy classifier p_t(y | x_t) (shading) and its gradient ∇log p_t(y | x_t) (arrows),
 *   - the model's implicit classifier −(ε_y − ε_∅)/σ_t and its RMS distance to the exact gradient,
 *   - classifier guidance ε_∅ − σ_t s ∇log p_t(y | x_t) (eq. 2.3) against CFG ε_∅ + s (ε_y − ε_∅) (eq. 3.4): identical
 *     for exact scores, apart by s σ_t (exact − implicit gradient) for a learned model,
 *   - the same shading and arrows for any other classifier (a trained p_θ(y | x_t)), from its posterior and gradient.
 * Moving s never calls the denoiser again.
 */
import type { ExactDenoiser } from '../science/exact';
import type { EpsField } from '../science/field';
import type { Grid } from '../science/grid';
import { cfg, classifierGuided } from '../science/guidance';
import { arrowScaleFor, posteriorAlpha, type PanelFrame } from './score-field';

/** What the comparison panel draws: the difference CG − CFG, or both guided fields over each other. */
export const CLF_VIEWS = ['difference', 'both'] as const;
export type ClfView = (typeof CLF_VIEWS)[number];

/** A classifier on a view's grids: its posterior for class y as opacity, its gradient as arrows. */
export interface ClassifierFrame {
  /** Opacity 0–255 of p(y | x_t) on the density grid (a probability: no γ). */
  alpha: Uint8ClampedArray;
  /** ∇_x log p(y | x_t) on the arrow grid. */
  grad: Float64Array;
  /** Drawing scale: an arrow of length L (data units) stands for a vector of norm L / arrowScale. */
  arrowScale: number;
}

/** The guided ε of both rules at one s and how far apart they are. */
export interface Comparison {
  s: number;
  /** ε_∅ − σ_t s ∇log p_t(y | x_t) (eq. 2.3), on the arrow grid. */
  cg: Float64Array;
  /** ε_∅ + s (ε_y − ε_∅) (CFG). */
  cfg: Float64Array;
  /** cg − cfg. */
  difference: Float64Array;
  /** max |cg − cfg| over all arrow-grid numbers. */
  maxAbs: number;
}

/** Root mean square of the point-wise norm of a − b (2D vectors, interleaved). */
export function rmsDifference(a: Float64Array, b: Float64Array): number {
  const n = a.length >> 1;
  if (n === 0) return 0;
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i]! - b[i]!) ** 2;
  return Math.sqrt(sum / n);
}

export class ClassifierGuidanceViewModel {
  readonly sigma: number;
  /** The exact classifier p_t(y | x_t) and its gradient. */
  readonly exactClassifier: ClassifierFrame;
  /** −(ε_y − ε_∅)/σ_t of the shown denoiser on the arrow grid: its implicit classifier gradient. */
  readonly implicitGrad: Float64Array;
  /** RMS over the arrow grid of ‖implicit − exact gradient‖ (0 for the exact denoiser, up to rounding). */
  readonly rms: number;

  constructor(
    readonly exact: ExactDenoiser,
    /** ε_∅ and ε_y of the shown denoiser (exact or learned) on the arrow grid; uncond must be ∅. */
    readonly field: EpsField,
    readonly densityGrid: Grid,
  ) {
    const { t, y, grid } = field;
    this.sigma = exact.sigma(t);
    const grad = exact.classifierGrad(grid.points, t, y);
    const scale = arrowScaleFor(grid, grad);
    this.exactClassifier = { alpha: posteriorAlpha(exact.classPosterior(densityGrid.points, t), exact.numClasses, y), grad, arrowScale: scale };
    const f = -1 / this.sigma;
    this.implicitGrad = field.epsCond.map((c, i) => f * (c - field.epsUncond[i]!));
    this.rms = rmsDifference(this.implicitGrad, grad);
  }

  get t(): number {
    return this.field.t;
  }

  get y(): number {
    return this.field.y;
  }

  /** Any classifier's posterior (n × K on the density grid) and gradient (on the arrow grid), drawn like the exact one. */
  classifierFrame(posterior: ArrayLike<number>, grad: Float64Array): ClassifierFrame {
    return { alpha: posteriorAlpha(posterior, this.exact.numClasses, this.y), grad, arrowScale: this.exactClassifier.arrowScale };
  }

  /**
   * Classifier guidance on the shown model's ε_∅ with a classifier gradient (default: the exact one) against CFG of
   * the shown model, at scale s.
   */
  compare(s: number, grad: Float64Array = this.exactClassifier.grad): Comparison {
    const cg = classifierGuided(this.field.epsUncond, grad, this.sigma, s);
    const guided = cfg(this.field.epsUncond, this.field.epsCond, s);
    const difference = cg.map((v, i) => v - guided[i]!);
    let maxAbs = 0;
    for (const v of difference) maxAbs = Math.max(maxAbs, Math.abs(v));
    return { s, cg, cfg: guided, difference, maxAbs };
  }

  /**
   * The comparison panel at s, in score units (−ε/σ_t, arrows towards higher density) over the exact posterior:
   * both guided scores (classifier guidance in the class colour, CFG in the text colour), or CG − CFG. A difference at
   * rounding level is drawn at the guided fields' scale (invisible), not blown up to full length.
   */
  comparisonFrame(c: Comparison, view: ClfView): PanelFrame {
    const f = -1 / this.sigma;
    const toScore = (e: Float64Array) => e.map((v) => f * v);
    const grid = this.field.grid;
    const cfgScore = toScore(c.cfg);
    const scale = arrowScaleFor(grid, cfgScore);
    const alpha = this.exactClassifier.alpha;
    if (view === 'both') {
      return {
        s: c.s,
        alpha,
        arrowScale: scale,
        arrows: [
          { role: 'guided', vectors: cfgScore },
          { role: 'cg', vectors: toScore(c.cg) },
        ],
      };
    }
    const diff = toScore(c.difference);
    const arrowScale = c.maxAbs > 1e-6 ? arrowScaleFor(grid, diff, 0.98, scale) : scale;
    return { s: c.s, alpha, arrowScale, arrows: [{ role: 'difference', vectors: diff }] };
  }

  /** A classifier's panel: its posterior as shading, its gradient as arrows. */
  classifierPanel(c: ClassifierFrame, s = 1): PanelFrame {
    return { s, alpha: c.alpha, arrowScale: c.arrowScale, arrows: [{ role: 'classifier', vectors: c.grad }] };
  }
}
