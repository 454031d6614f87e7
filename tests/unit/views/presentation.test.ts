import { describe, expect, it } from 'vitest';
import { fitPanels, gridHeight } from '../../../lib/views/presentation-layout';
import { announceScale, nudgedScale, shortcutFor } from '../../../lib/views/shortcuts';

const square = (extra = 0) => ({ aspect: 1, extra });

describe('presentation layout', () => {
  it('puts four square panels in one row on a wide, short stage', () => {
    const fit = fitPanels([square(30), square(30), square(30), square(30)], 1600, 500, 10);
    expect(fit.cols).toBe(4);
    expect(fit.width).toBe(392); // (1600 − 3·10) / 4 = 392.5, and 392 + 30 ≤ 500
  });

  it('stacks them 2 × 2 on a phone and never exceeds the stage', () => {
    const cells = [square(40), square(40), square(40), square(40)];
    const fit = fitPanels(cells, 390, 600, 8);
    expect(fit.cols).toBe(2);
    expect(fit.cols * fit.width + 8 * (fit.cols - 1)).toBeLessThanOrEqual(390);
    expect(gridHeight(cells, fit.cols, fit.width, 8)).toBeLessThanOrEqual(600);
  });

  it('is limited by the height when the stage is short: the grid fills it to within a pixel', () => {
    const cells = [square(100), { aspect: 0.6, extra: 20 }];
    const fit = fitPanels(cells, 2000, 400, 10);
    const h = gridHeight(cells, fit.cols, fit.width, 10);
    expect(h).toBeLessThanOrEqual(400);
    expect(h).toBeGreaterThan(398);
  });

  it('fits nothing in a stage shorter than the captions, and respects maxWidth', () => {
    expect(fitPanels([square(500)], 800, 400).width).toBe(0);
    expect(fitPanels([square(0)], 800, 800, 10, 300).width).toBe(300);
    expect(fitPanels([], 800, 800).width).toBe(0);
  });
});

describe('figure shortcuts', () => {
  it('maps keys to actions and leaves modified keys to the browser', () => {
    expect(shortcutFor({ key: ' ' })).toEqual({ kind: 'play' });
    expect(shortcutFor({ key: 'R' })).toEqual({ kind: 'reset' });
    expect(shortcutFor({ key: '7' })).toEqual({ kind: 'set-s', value: 7.5 });
    expect(shortcutFor({ key: '0' })).toEqual({ kind: 'set-s', value: 0 });
    expect(shortcutFor({ key: 'ArrowUp' })).toEqual({ kind: 'nudge-s', delta: 0.1 });
    expect(shortcutFor({ key: 'ArrowLeft', shiftKey: true })).toEqual({ kind: 'nudge-s', delta: -1 });
    expect(shortcutFor({ key: 'r', ctrlKey: true })).toBeUndefined();
    expect(shortcutFor({ key: 'x' })).toBeUndefined();
  });

  it('nudges s on its 0.1 grid and clamps it to [0, 15]', () => {
    expect(nudgedScale(7.5, 0.1)).toBe(7.6);
    expect(nudgedScale(0.2, -0.1)).toBe(0.1);
    expect(nudgedScale(14.5, 1)).toBe(15);
    expect(nudgedScale(0.3, -1)).toBe(0);
    expect(announceScale(nudgedScale(1, 0.1 * 3))).toBe('guidance scale s = 1.3');
  });
});
