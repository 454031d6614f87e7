import { describe, expect, it } from 'vitest';
import { blend, contrastRatio, luminance, shadingOpacity } from '../../../lib/views/contrast';

const hex = (h: string) => [1, 3, 5].map((i) => Number.parseInt(h.slice(i, i + 2), 16)) as [number, number, number];

describe('shading contrast (WCAG 1.4.11: 3:1 for graphics)', () => {
  it('computes WCAG luminance and contrast', () => {
    expect(luminance([255, 255, 255])).toBeCloseTo(1, 9);
    expect(contrastRatio([0, 0, 0], [255, 255, 255])).toBeCloseTo(21, 6);
    expect(blend([255, 0, 0], [0, 0, 255], 0.5)).toEqual([127.5, 0, 127.5]);
  });

  it('raises the opacity of the class shading until its peak contrasts 3:1, in the light and the dark theme', () => {
    const cases = [
      { color: hex('#0072b2'), bg: hex('#fdfcfa') }, // class 0, light
      { color: hex('#56b4e9'), bg: hex('#15171a') }, // class 0, dark: the blue of the classifier view
      { color: hex('#e69f00'), bg: hex('#15171a') }, // class 1, dark
    ];
    for (const { color, bg } of cases) {
      const o = shadingOpacity(color, bg, 0.55);
      expect(o).toBeGreaterThanOrEqual(0.55);
      expect(contrastRatio(blend(color, bg, o), bg)).toBeGreaterThanOrEqual(3);
    }
    // The light theme's blue at the old fixed 0.55 fell short of 3:1 against the page.
    expect(contrastRatio(blend(hex('#0072b2'), hex('#fdfcfa'), 0.55), hex('#fdfcfa'))).toBeLessThan(3);
  });
});
