/**
 * 2×2 symmetric-matrix helpers for 2D Gaussians.
 * A symmetric matrix [[a, b], [b, c]] is passed as its three numbers (a, b, c).
 */

export const LOG_2PI = Math.log(2 * Math.PI);

/** Determinant a·c − b² of [[a, b], [b, c]]. */
export function det2(a: number, b: number, c: number): number {
  return a * c - b * b;
}

/** Whether [[a, b], [b, c]] is positive definite (both leading minors > 0). */
export function isPositiveDefinite2(a: number, b: number, c: number): boolean {
  return a > 0 && det2(a, b, c) > 0;
}

/** Eigenvalues [smaller, larger] of the symmetric [[a, b], [b, c]]. */
export function eigenvalues2(a: number, b: number, c: number): [number, number] {
  const mid = (a + c) / 2;
  const r = Math.hypot((a - c) / 2, b);
  return [mid - r, mid + r];
}

/**
 * Cholesky factor L = [[l11, 0], [l21, l22]] with L Lᵀ = [[a, b], [b, c]].
 * Returns [l11, l21, l22]; the matrix must be positive definite.
 */
export function cholesky2(a: number, b: number, c: number): [number, number, number] {
  const l11 = Math.sqrt(a);
  const l21 = b / l11;
  const l22 = Math.sqrt(c - l21 * l21);
  return [l11, l21, l22];
}

/** Inverse of [[a, b], [b, c]] as its three numbers. */
export function inverse2(a: number, b: number, c: number): [number, number, number] {
  const d = det2(a, b, c);
  return [c / d, -b / d, a / d];
}

/** Covariance with standard deviations (along, across) rotated so that `along` points at angle θ (radians). */
export function rotatedCov(along: number, across: number, theta: number): [[number, number], [number, number]] {
  const cs = Math.cos(theta);
  const sn = Math.sin(theta);
  const u = along * along;
  const v = across * across;
  const a = u * cs * cs + v * sn * sn;
  const c = u * sn * sn + v * cs * cs;
  const b = (u - v) * cs * sn;
  return [
    [a, b],
    [b, c],
  ];
}

/** Numerically stable log Σ exp(v_i) over v[from … to−1]; −∞ for an empty range or all −∞. */
export function logSumExp(v: ArrayLike<number>, from = 0, to = v.length): number {
  let max = -Infinity;
  for (let i = from; i < to; i++) if (v[i]! > max) max = v[i]!;
  if (max === -Infinity) return -Infinity;
  let sum = 0;
  for (let i = from; i < to; i++) sum += Math.exp(v[i]! - max);
  return max + Math.log(sum);
}
