/**
 * How different two panels of the score-field figure look, DOM-free: the mean absolute difference of their density
 * shading in grey levels (0–255 opacity per cell). Figure 3.1 must tell its story at first glance: its defaults (world,
 * class, t) are chosen so that the s = 0, 1 and 7.5 panels all differ plainly (tests/unit/views/panel-difference.test.ts).
 */
import type { ScoreFieldViewModel } from './score-field';

export function shadingDifference(model: ScoreFieldViewModel, a: number, b: number): number {
  const A = model.density(a).alpha;
  const B = model.density(b).alpha;
  let sum = 0;
  for (let i = 0; i < A.length; i++) sum += Math.abs(A[i]! - B[i]!);
  return sum / A.length;
}

/** The figure's story measure: the smaller of the s = 0 vs 1 and s = 1 vs 7.5 differences (both must be plain). */
export function storyContrast(model: ScoreFieldViewModel): number {
  return Math.min(shadingDifference(model, 0, 1), shadingDifference(model, 1, 7.5));
}
