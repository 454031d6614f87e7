import { describe, expect, it } from 'vitest';
import { LossHistory, formatDuration, meanBandError, progressFraction, secondsLeft, thin } from '../../../lib/views/training-lab';

describe('training-lab view model', () => {
  it('records a loss history, refusing NaN, Inf, zero and out-of-order steps', () => {
    const h = new LossHistory();
    expect(h.add(1, 1)).toBe(true);
    expect(h.add(2, NaN)).toBe(false);
    expect(h.add(2, Infinity)).toBe(false);
    expect(h.add(2, 0)).toBe(false);
    expect(h.add(1, 0.5)).toBe(false);
    expect(h.add(3, 0.5)).toBe(true);
    expect(h.points).toEqual([
      { step: 1, loss: 1 },
      { step: 3, loss: 0.5 },
    ]);
  });

  it('smooths with a bias-corrected moving average that starts at the first loss', () => {
    const h = new LossHistory([
      { step: 1, loss: 2 },
      { step: 2, loss: 1 },
    ]);
    const sm = h.smoothed(0.5);
    expect(sm[0]!.loss).toBeCloseTo(2, 12);
    // m = 0.5·(0.5·2) + 0.5·1 = 1, w = 0.75 → 4/3
    expect(sm[1]!.loss).toBeCloseTo(4 / 3, 12);
    const flat = new LossHistory(Array.from({ length: 50 }, (_, i) => ({ step: i + 1, loss: 0.3 })));
    for (const p of flat.smoothed()) expect(p.loss).toBeCloseTo(0.3, 12);
  });

  it('summarises a falling loss and round-trips through JSON, dropping junk', () => {
    const pts = Array.from({ length: 100 }, (_, i) => ({ step: 10 * (i + 1), loss: 1 / (1 + i) }));
    const h = new LossHistory(pts);
    const s = h.summary()!;
    expect(s.steps).toBe(1000);
    expect(s.last).toBeLessThan(s.first);
    expect(s.min).toBeCloseTo(0.01, 12);
    const back = LossHistory.fromJSON(JSON.parse(JSON.stringify([...h.toJSON(), { step: 2000, loss: 'x' }, null, 3])));
    expect(back.points).toEqual(h.points);
    expect(LossHistory.fromJSON('nonsense').length).toBe(0);
    expect(new LossHistory().summary()).toBeNull();
  });

  it('thins evenly, keeping the first and last', () => {
    const xs = Array.from({ length: 1001 }, (_, i) => i);
    const t = thin(xs, 11);
    expect(t).toEqual([0, 100, 200, 300, 400, 500, 600, 700, 800, 900, 1000]);
    expect(thin([1, 2], 5)).toEqual([1, 2]);
  });

  it('computes progress, time left and formats durations', () => {
    expect(progressFraction(50, 200)).toBe(0.25);
    expect(progressFraction(300, 200)).toBe(1);
    expect(progressFraction(5, 0)).toBe(0);
    expect(secondsLeft(100, 400, 50)).toBe(6);
    expect(secondsLeft(100, 400, 0)).toBeUndefined();
    expect(secondsLeft(100, 400, NaN)).toBeUndefined();
    expect(formatDuration(undefined)).toBe('–');
    expect(formatDuration(42.4)).toBe('42 s');
    expect(formatDuration(185)).toBe('3 min 05 s');
    expect(formatDuration(3720)).toBe('1 h 02 min');
  });

  it('averages the band errors of both branches', () => {
    expect(
      meanBandError([
        { rmseCond: 0.1, rmseUncond: 1 },
        { rmseCond: 0.3, rmseUncond: 2 },
      ]),
    ).toEqual({ cond: 0.2, uncond: 1.5 });
    expect(Number.isNaN(meanBandError([]).cond)).toBe(true);
  });
});
