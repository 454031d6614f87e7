/**
 * What leaves a panel: the number of points beyond each edge of its extent, so that a panel can mark its edges with
 * counts instead of dropping those points silently (at s = 15, or with a negative class, samples overshoot the view).
 */
export interface EdgeCounts {
  left: number;
  right: number;
  top: number;
  bottom: number;
  /** Points outside the extent (a corner point counts once here, and on both of its edges above). */
  total: number;
}

/** Counts the points (x0 y0 x1 y1 …) outside extent [x0, x1, y0, y1] per edge; NaN points count as outside. */
export function edgeCounts(points: ArrayLike<number>, extent: readonly [number, number, number, number]): EdgeCounts {
  const [x0, x1, y0, y1] = extent;
  const c: EdgeCounts = { left: 0, right: 0, top: 0, bottom: 0, total: 0 };
  for (let i = 0; i + 1 < points.length; i += 2) {
    const x = points[i]!;
    const y = points[i + 1]!;
    const l = !(x >= x0);
    const r = x > x1;
    const b = !(y >= y0);
    const t = y > y1;
    if (l) c.left++;
    if (r) c.right++;
    if (b) c.bottom++;
    if (t) c.top++;
    if (l || r || b || t) c.total++;
  }
  return c;
}

/** The edges that points left, most first, with their counts (for a sentence such as "8 right, 4 above"). */
export function edgesLeft(c: EdgeCounts): [Exclude<keyof EdgeCounts, 'total'>, number][] {
  return (['left', 'right', 'top', 'bottom'] as const)
    .map((edge) => [edge, c[edge]] as [Exclude<keyof EdgeCounts, 'total'>, number])
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1]);
}
