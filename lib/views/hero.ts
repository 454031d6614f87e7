/**
 * The landing page's live hero, DOM-free and small (its script must stay a few KB): the exact ε_∅ and ε_y of a toy
 * world on an arrow grid, and log p_t(x), log p_t(x | y) on a shading grid, all computed at build time; a move of s
 * recombines them (ε̃ = ε_∅ + s(ε_y − ε_∅), the density p_t(x | y)^s p_t(x)^(1−s)) and returns what to draw.
 */
import { cfg } from '../science/guidance';
import { tiltLogs } from '../science/tilted';
import { opacityFromLog } from './density';
import { glyphCells } from './glyph';

export interface HeroData {
  /** Arrow-grid points in panel pixels (x right, y down), two per point. */
  px: number[];
  eps0: number[];
  epsY: number[];
  /** σ_t: the score is −ε/σ_t. */
  sigma: number;
  /** Pixels per unit of score at the linear drawing scale (shared by every panel). */
  pxPerScore: number;
  /** Arrow-grid cell in pixels. */
  cellPx: number;
  /** log p_t(x | y) and log p_t(x) on the shading grid. */
  logCond: number[];
  logUncond: number[];
}

export interface HeroFrame {
  /** Arrow tips in pixels, two per arrow (equal to the foot for a zero vector). */
  tips: Float64Array;
  /** Opacity 0–1 of each shading cell. */
  shade: Float64Array;
}

export function heroFrame(d: HeroData, s: number): HeroFrame {
  const eps = cfg(Float64Array.from(d.eps0), Float64Array.from(d.epsY), s);
  const n = d.px.length >> 1;
  const tips = new Float64Array(2 * n);
  for (let k = 0; k < n; k++) {
    // score = −ε̃/σ; screen y points down
    const vx = (-eps[2 * k]! / d.sigma) * d.pxPerScore;
    const vy = (eps[2 * k + 1]! / d.sigma) * d.pxPerScore;
    const linear = Math.hypot(vx, vy);
    const len = linear > 0 ? glyphCells(linear / d.cellPx) * d.cellPx : 0;
    tips[2 * k] = d.px[2 * k]! + (linear > 0 ? (vx / linear) * len : 0);
    tips[2 * k + 1] = d.px[2 * k + 1]! + (linear > 0 ? (vy / linear) * len : 0);
  }
  const { alpha } = opacityFromLog(tiltLogs(d.logCond, d.logUncond, s));
  const shade = Float64Array.from(alpha, (a) => a / 255);
  return { tips, shade };
}

/** Largest opacity of the shading (at the density's peak). */
export const HERO_SHADE_MAX = 0.5;

/**
 * The shading as an n × n alpha image, row 0 at the top (largest y): RGBA bytes, black, alpha = HERO_SHADE_MAX × shade.
 * The hero masks one class-coloured square with it (one element per panel instead of n² rectangles): at build time as a
 * PNG, in the browser through a canvas.
 */
export function shadeAlpha(shade: ArrayLike<number>, n: number): Uint8ClampedArray<ArrayBuffer> {
  const rgba = new Uint8ClampedArray(4 * n * n);
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) rgba[4 * ((n - 1 - j) * n + i) + 3] = Math.round(255 * HERO_SHADE_MAX * shade[j * n + i]!);
  }
  return rgba;
}
