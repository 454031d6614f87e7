/**
 * The flow view, DOM-free: particles that drift along a panel's guided score field at the panel's t (streamlines of
 * ∇log p̃_t, the field the arrows draw), so that dragging s visibly re-routes the flow. The field is the panel's
 * arrow-grid vectors, recombined from the cached ε_∅ and ε_y for each s (no new denoiser call), read between grid
 * points bilinearly. Particles that leave the view, stop, or grow old are reborn at random places (seeded).
 */
import type { Grid } from '../science/grid';

/** Grid cells a particle moves per frame along the reference vector (the one drawn REFERENCE_CELLS long). */
export const FLOW_RATE = 0.12;
/** At most this many grid cells per frame (strong guidance would otherwise jump across modes). */
const MAX_STEP_CELLS = 0.45;
/** Frames a particle lives before it is reborn elsewhere. */
const LIFETIME = 90;

/** The vector field at (x, y), bilinear between the grid's points (clamped to the outermost ones). */
export function sampleField(grid: Grid, vectors: ArrayLike<number>, x: number, y: number): [number, number] {
  const fx = Math.min(grid.nx - 1, Math.max(0, (x - grid.extent[0]) / grid.dx - 0.5));
  const fy = Math.min(grid.ny - 1, Math.max(0, (y - grid.extent[2]) / grid.dy - 0.5));
  const i = Math.min(grid.nx - 2, Math.floor(fx));
  const j = Math.min(grid.ny - 2, Math.floor(fy));
  const u = fx - i;
  const v = fy - j;
  const at = (ii: number, jj: number, c: number) => vectors[2 * (jj * grid.nx + ii) + c]!;
  const lerp = (c: number) => (1 - v) * ((1 - u) * at(i, j, c) + u * at(i + 1, j, c)) + v * ((1 - u) * at(i, j + 1, c) + u * at(i + 1, j + 1, c));
  return [lerp(0), lerp(1)];
}

export class FlowParticles {
  /** Positions x0 y0 x1 y1 … and where each was one frame ago (for drawing a short streak). */
  readonly x: Float64Array;
  readonly prev: Float64Array;
  private readonly age: Uint16Array;
  private seed: number;

  constructor(
    readonly n: number,
    private readonly grid: Grid,
    seed = 1,
  ) {
    this.x = new Float64Array(2 * n);
    this.prev = new Float64Array(2 * n);
    this.age = new Uint16Array(n);
    this.seed = seed >>> 0 || 1;
    for (let k = 0; k < n; k++) {
      this.respawn(k);
      this.age[k] = Math.floor(this.random() * LIFETIME);
    }
  }

  /** A uniform number in [0, 1) (xorshift32: the same flow for the same seed). */
  private random(): number {
    let s = this.seed;
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    this.seed = s >>> 0;
    return this.seed / 4294967296;
  }

  private respawn(k: number): void {
    const [x0, x1, y0, y1] = this.grid.extent;
    this.x[2 * k] = this.prev[2 * k] = x0 + this.random() * (x1 - x0);
    this.x[2 * k + 1] = this.prev[2 * k + 1] = y0 + this.random() * (y1 - y0);
    this.age[k] = 0;
  }

  /**
   * One frame along `vectors` (the panel's field on the grid) drawn at `arrowScale` (grid units per unit of the
   * field): a particle moves FLOW_RATE / REFERENCE_CELLS of its arrow's linear length, at most MAX_STEP_CELLS.
   */
  step(vectors: ArrayLike<number>, arrowScale: number): void {
    const { grid } = this;
    const cell = Math.min(grid.dx, grid.dy);
    const maxStep = MAX_STEP_CELLS * cell;
    const [x0, x1, y0, y1] = grid.extent;
    for (let k = 0; k < this.n; k++) {
      const x = this.x[2 * k]!;
      const y = this.x[2 * k + 1]!;
      const [vx, vy] = sampleField(grid, vectors, x, y);
      let dx = vx * arrowScale * FLOW_RATE;
      let dy = vy * arrowScale * FLOW_RATE;
      const len = Math.hypot(dx, dy);
      if (len > maxStep) {
        dx *= maxStep / len;
        dy *= maxStep / len;
      }
      this.prev[2 * k] = x;
      this.prev[2 * k + 1] = y;
      this.x[2 * k] = x + dx;
      this.x[2 * k + 1] = y + dy;
      const nx = this.x[2 * k]!;
      const ny = this.x[2 * k + 1]!;
      if (++this.age[k]! > LIFETIME || !(nx >= x0 && nx <= x1 && ny >= y0 && ny <= y1) || len < 1e-4 * cell) this.respawn(k);
    }
  }
}
