/**
 * The world editor's view model, DOM-free: where a component's handles are, what a pointer at a data point grabs,
 * what dragging a handle or pressing a key does to the document, the density layer of each class, and the words a
 * screen reader hears about the selected component. The canvas element only maps pixels to data and draws.
 */
import type { ExactDenoiser } from '../science/exact';
import { DEFAULT_EXTENT, makeGrid, type Extent } from '../science/grid';
import type { DocComponent, WorldDoc } from '../science/world-code';
import { componentAt, locate, nudge, rotate, scale, setComponent, type Edit } from '../science/world-edit';
import { opacityFromLog } from './density';

/** The editor shows the same square as the field views. */
export const EDITOR_EXTENT: Extent = DEFAULT_EXTENT;
/** Handles sit on the ellipse of HANDLE_SDS standard deviations (the one drawn). */
export const HANDLE_SDS = 2;
/** Keyboard steps: a move (Shift: fine), a scaling factor, a turn in degrees (Shift: fine). */
export const KEY_STEPS = { move: 0.1, fineMove: 0.01, scale: 1.1, turn: 5, fineTurn: 1 } as const;

export type HandlePart = 'center' | 'major' | 'minor';

export interface Handles {
  center: [number, number];
  /** The end of the major axis (sx, at the angle): drag it to stretch and turn. */
  major: [number, number];
  /** The end of the minor axis (sy, across): drag it to make the component wider or thinner. */
  minor: [number, number];
}

/** What a pointer holds: a part of component k, and (for the centre) where it was grabbed relative to it. */
export interface Grab {
  k: number;
  part: HandlePart;
  offset: [number, number];
}

const rad = (deg: number) => (deg * Math.PI) / 180;

/** The handles of a component. */
export function handlesOf(c: DocComponent): Handles {
  const a = rad(c.angle);
  const [cs, sn] = [Math.cos(a), Math.sin(a)];
  return {
    center: [c.x, c.y],
    major: [c.x + HANDLE_SDS * c.sx * cs, c.y + HANDLE_SDS * c.sx * sn],
    minor: [c.x - HANDLE_SDS * c.sy * sn, c.y + HANDLE_SDS * c.sy * cs],
  };
}

const dist = (a: readonly [number, number], b: readonly [number, number]) => Math.hypot(a[0] - b[0], a[1] - b[1]);

/** Squared Mahalanobis distance of p from a component (in its own axes). */
function mahalanobis2(c: DocComponent, p: readonly [number, number]): number {
  const a = rad(c.angle);
  const dx = p[0] - c.x;
  const dy = p[1] - c.y;
  const u = (dx * Math.cos(a) + dy * Math.sin(a)) / c.sx;
  const v = (-dx * Math.sin(a) + dy * Math.cos(a)) / c.sy;
  return u * u + v * v;
}

/**
 * What a pointer at data point p grabs, within `tolerance` data units: a handle of the selected component first, then
 * the nearest centre, then the smallest component whose handle ellipse holds p; undefined for empty space.
 */
export function hitTest(doc: WorldDoc, selected: number, p: readonly [number, number], tolerance: number): Grab | undefined {
  const sel = componentAt(doc, selected);
  if (sel) {
    const h = handlesOf(sel);
    for (const part of ['major', 'minor', 'center'] as const) {
      if (dist(h[part], p) <= tolerance) return { k: selected, part, offset: part === 'center' ? [p[0] - sel.x, p[1] - sel.y] : [0, 0] };
    }
  }
  const all = doc.classes.flatMap((c) => c.components);
  let best = -1;
  let bestD = tolerance;
  all.forEach((c, k) => {
    const d = dist([c.x, c.y], p);
    if (d <= bestD) [best, bestD] = [k, d];
  });
  if (best < 0) {
    let bestArea = Infinity;
    all.forEach((c, k) => {
      if (mahalanobis2(c, p) <= HANDLE_SDS * HANDLE_SDS && c.sx * c.sy < bestArea) [best, bestArea] = [k, c.sx * c.sy];
    });
  }
  if (best < 0) return undefined;
  const c = all[best]!;
  return { k: best, part: 'center', offset: [p[0] - c.x, p[1] - c.y] };
}

/** The document after dragging a grabbed part to data point p: the centre moves, the major handle stretches and turns, the minor one widens. */
export function dragTo(doc: WorldDoc, grab: Grab, p: readonly [number, number]): Edit {
  const c = componentAt(doc, grab.k);
  if (!c) return { doc, selected: -1, refused: `there is no component ${grab.k}` };
  const dx = p[0] - c.x;
  const dy = p[1] - c.y;
  if (grab.part === 'center') return setComponent(doc, grab.k, { x: p[0] - grab.offset[0], y: p[1] - grab.offset[1] });
  if (grab.part === 'major') {
    const r = Math.hypot(dx, dy);
    // a handle dropped on the centre keeps the angle it had
    const angle = r > 1e-9 ? (Math.atan2(dy, dx) * 180) / Math.PI : c.angle;
    return setComponent(doc, grab.k, { sx: r / HANDLE_SDS, angle });
  }
  const a = rad(c.angle);
  return setComponent(doc, grab.k, { sy: Math.abs(-dx * Math.sin(a) + dy * Math.cos(a)) / HANDLE_SDS });
}

/** What a key does to the selected component (arrows move, + and − scale, [ and ] or r and R turn); undefined for any other key. */
export function keyEdit(doc: WorldDoc, k: number, key: string, shift: boolean): Edit | undefined {
  const step = shift ? KEY_STEPS.fineMove : KEY_STEPS.move;
  const turn = shift ? KEY_STEPS.fineTurn : KEY_STEPS.turn;
  switch (key) {
    case 'ArrowLeft':
      return nudge(doc, k, -step, 0);
    case 'ArrowRight':
      return nudge(doc, k, step, 0);
    case 'ArrowUp':
      return nudge(doc, k, 0, step);
    case 'ArrowDown':
      return nudge(doc, k, 0, -step);
    case '+':
    case '=':
      return scale(doc, k, KEY_STEPS.scale);
    case '-':
    case '_':
      return scale(doc, k, 1 / KEY_STEPS.scale);
    case ']':
    case 'r':
      return rotate(doc, k, turn);
    case '[':
    case 'R':
      return rotate(doc, k, -turn);
    default:
      return undefined;
  }
}

/** The next (step 1) or previous (step −1) component, cycling; 0 when none was selected. */
export function cycle(doc: WorldDoc, selected: number, step: 1 | -1): number {
  const n = doc.classes.reduce((acc, c) => acc + c.components.length, 0);
  if (n === 0) return -1;
  if (selected < 0 || selected >= n) return 0;
  return (selected + step + n) % n;
}

/** The density layer of each class, p(x_0 | y) just above t = 0 on an n × n grid, as opacities (gamma-lifted like the field views). */
export function classDensities(exact: ExactDenoiser, n = 96): { grid: ReturnType<typeof makeGrid>; alphas: Uint8ClampedArray[] } {
  const grid = makeGrid(n, EDITOR_EXTENT);
  const alphas = exact.world.classes.map((_, y) => opacityFromLog(exact.logDensity(grid.points, 0, y)).alpha);
  return { grid, alphas };
}

/** Shortest decimal text at a precision (no −0, no trailing zeros). */
const fmt = (v: number, digits: number) => String(Number(v.toFixed(digits)) || 0);

/** The selected component in words, for the live region and the canvas's label: class, centre, spreads, angle, weight and its share. */
export function describeComponent(doc: WorldDoc, k: number): string {
  const at = locate(doc, k);
  if (!at) return 'no component selected';
  const cls = doc.classes[at.c]!;
  const c = cls.components[at.j]!;
  const total = cls.components.reduce((acc, q) => acc + q.weight, 0);
  const share = Math.round((100 * c.weight) / total);
  return (
    `component ${at.j + 1} of ${cls.components.length} in class “${cls.name}”: centre (${fmt(c.x, 2)}, ${fmt(c.y, 2)}), ` +
    `σ ${fmt(c.sx, 2)} along ${fmt(c.angle, 0)}° and ${fmt(c.sy, 2)} across, weight ${c.weight} (${share} % of its class)`
  );
}
