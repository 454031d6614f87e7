/** Density layers for the views: log-density values on a grid → opacities 0–255, and where the density peaks. */

/** Gamma of the density layer: < 1 lifts the tails so that faint modes stay visible. */
export const DENSITY_GAMMA = 0.5;

/** Opacity exp(γ (log p − max log p)) · 255 per cell, and the index of the peak. */
export function opacityFromLog(log: ArrayLike<number>, gamma = DENSITY_GAMMA): { alpha: Uint8ClampedArray; argmax: number } {
  let max = -Infinity;
  let argmax = 0;
  for (let i = 0; i < log.length; i++) {
    if (log[i]! > max) {
      max = log[i]!;
      argmax = i;
    }
  }
  const alpha = new Uint8ClampedArray(log.length);
  for (let i = 0; i < log.length; i++) alpha[i] = Math.round(255 * Math.exp(gamma * (log[i]! - max)));
  return { alpha, argmax };
}
