/**
 * Contrast of the density shading against the panel (WCAG 2 relative luminance and contrast ratio): the peak of a
 * shading must stand out at least 3:1 (WCAG 1.4.11, graphics) in both themes, which on a dark panel needs more opacity
 * than on a light one. Colours are [r, g, b] in 0–255.
 */
export type RGB = readonly [number, number, number];

function channel(c: number): number {
  const s = c / 255;
  return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
}

export function luminance([r, g, b]: RGB): number {
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

export function contrastRatio(a: RGB, b: RGB): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** `color` painted at `opacity` over `bg`. */
export function blend(color: RGB, bg: RGB, opacity: number): RGB {
  return [0, 1, 2].map((i) => color[i]! * opacity + bg[i]! * (1 - opacity)) as unknown as RGB;
}

/**
 * The shading's peak opacity: at least `base`, raised (up to `max`) until the peak contrasts `target`:1 with the
 * panel; `max` when even that falls short.
 */
export function shadingOpacity(color: RGB, bg: RGB, base: number, target = 3, max = 0.9): number {
  for (let o = base; o <= max + 1e-9; o += 0.01) if (contrastRatio(blend(color, bg, o), bg) >= target) return Number(o.toFixed(2));
  return max;
}
