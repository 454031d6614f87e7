/**
 * ε-fields on a grid. ε̃ is linear in s, so a view computes ε_∅ and ε_y once per (t, y) — one doubled-batch
 * call of the denoiser — and recombines them for every value of s without running the denoiser again.
 */
import { cfg, conditionBatch, doubledBatch } from './guidance';
import type { Grid } from './grid';
import { NULL_CLASS, type Denoiser } from './types';

export interface EpsField {
  readonly grid: Grid;
  readonly t: number;
  readonly y: number;
  /** The class that stood in for ∅ (NULL_CLASS, or a negative class). */
  readonly uncond: number;
  /** ε_∅ (or ε_negative) at every grid point, 2 nx ny numbers. */
  readonly epsUncond: Float64Array;
  /** ε_y at every grid point. */
  readonly epsCond: Float64Array;
}

/** ε_∅ and ε_y on the grid at t, from one doubled-batch call of the denoiser. */
export async function epsField(denoiser: Denoiser, grid: Grid, t: number, y: number, uncond: number = NULL_CLASS): Promise<EpsField> {
  const n = grid.points.length >> 1;
  const { x2, cond2 } = doubledBatch(grid.points, conditionBatch(y, n), uncond);
  const out = await denoiser.eps(x2, t, cond2);
  return { grid, t, y, uncond, epsUncond: out.slice(0, 2 * n), epsCond: out.slice(2 * n, 4 * n) };
}

/** The guided field ε̃ = ε_∅ + s (ε_y − ε_∅) from a cached field (no denoiser call). */
export function guidedField(field: EpsField, s: number): Float64Array {
  return cfg(field.epsUncond, field.epsCond, s);
}
