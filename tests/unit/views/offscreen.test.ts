import { describe, expect, it } from 'vitest';
import { edgeCounts, edgesLeft } from '../../../lib/views/offscreen';

describe('edge counts of points that leave a panel', () => {
  it('counts each edge, corners on both edges and once in the total, NaN as outside', () => {
    const pts = [0, 0, 4, 0, -4, 0, 0, 3.5, 0, -9, 5, 5, Number.NaN, 0];
    expect(edgeCounts(pts, [-3, 3, -3, 3])).toEqual({ left: 1 + 1, right: 2, top: 2, bottom: 1, total: 6 });
  });
  it('is all zero when everything is inside', () => {
    expect(edgeCounts([1, 1, -2, 2.9], [-3, 3, -3, 3]).total).toBe(0);
  });
  it('lists the edges left, most first, without the empty ones', () => {
    expect(edgesLeft({ left: 1, right: 8, top: 4, bottom: 0, total: 13 })).toEqual([
      ['right', 8],
      ['top', 4],
      ['left', 1],
    ]);
    expect(edgesLeft(edgeCounts([0, 0], [-3, 3, -3, 3]))).toEqual([]);
  });
});
