/**
 * Link-preview images, DOM-free: the exact guided score field of the default state (the same ScoreFieldViewModel the
 * score-field widget draws: density of p_t(x|y)^s p_t(x)^(1−s) and the guided arrows) beside the page's title, as an
 * SVG string; the build renders it to PNG with @resvg/resvg-js (site/pages/previews/).
 */
import { ExactDenoiser } from '../science/exact';
import { epsField } from '../science/field';
import { makeGrid } from '../science/grid';
import { makeSchedule } from '../science/schedule';
import { worldOfKey } from '../science/world-key';
import { DEFAULT_WORLD, getBuiltinWorld } from '../science/worlds';
import { defaultNotebookState, type NotebookState } from '../state/notebook';
import { ScoreFieldViewModel } from '../views/score-field';
import { NULL_CLASS } from '../science/types';
import { escapeHtml } from './snippets';

export const PREVIEW_SIZE = { width: 1200, height: 630 } as const;
/** The light theme's colours (site/styles/global.css): background, text, muted text, class 0. */
const COLORS = { bg: '#fdfcfa', fg: '#1b1d21', muted: '#5b5f66', density: '#0072b2' };
const ARROW_N = 17;
const DENSITY_N = 64;

/** The file name of a page's preview image: a widget or chapter name, else "site". */
export function previewKey(name: string | undefined): string {
  return name && /^[a-z0-9-]{1,80}$/.test(name) ? name : 'site';
}

export interface PreviewText {
  title: string;
  subtitle: string;
}

/** The SVG of a preview: the field panel on the left (square), the text on the right. */
export async function previewSvg(text: PreviewText, state: NotebookState = defaultNotebookState()): Promise<string> {
  const world = worldOfKey(state.world) ?? getBuiltinWorld(DEFAULT_WORLD)!;
  const exact = new ExactDenoiser(world, makeSchedule(state.schedule));
  const arrowGrid = makeGrid(ARROW_N);
  const densityGrid = makeGrid(DENSITY_N);
  const model = new ScoreFieldViewModel(exact, await epsField(exact, arrowGrid, state.t, state.y, NULL_CLASS), densityGrid);
  const frame = model.frame(state.s, 'guided');
  const { width: W, height: H } = PREVIEW_SIZE;
  const pad = 35;
  const size = H - 2 * pad;
  const [x0, x1, y0, y1] = arrowGrid.extent;
  const px = (x: number) => pad + ((x - x0) / (x1 - x0)) * size;
  const py = (y: number) => pad + ((y1 - y) / (y1 - y0)) * size;
  const cell = size / DENSITY_N;
  const parts: string[] = [
    `<rect width="${W}" height="${H}" fill="${COLORS.bg}"/>`,
    `<rect x="${pad}" y="${pad}" width="${size}" height="${size}" fill="#fff" stroke="#ccc"/>`,
    '<g shape-rendering="crispEdges">',
  ];
  for (let j = 0; j < densityGrid.ny; j++) {
    for (let i = 0; i < densityGrid.nx; i++) {
      const a = frame.alpha[j * densityGrid.nx + i]! / 255;
      if (a < 0.02) continue;
      const x = pad + i * cell;
      const y = pad + (densityGrid.ny - 1 - j) * cell;
      parts.push(
        `<rect x="${x.toFixed(2)}" y="${y.toFixed(2)}" width="${cell.toFixed(2)}" height="${cell.toFixed(2)}" fill="${COLORS.density}" fill-opacity="${(a * 0.55).toFixed(3)}"/>`,
      );
    }
  }
  parts.push('</g>');
  const vectors = frame.arrows.at(-1)!.vectors;
  const pts = arrowGrid.points;
  const maxLen = 1.5 * Math.min(arrowGrid.dx, arrowGrid.dy);
  for (let k = 0; k < pts.length / 2; k++) {
    let dx = vectors[2 * k]! * frame.arrowScale;
    let dy = vectors[2 * k + 1]! * frame.arrowScale;
    const len = Math.hypot(dx, dy);
    if (!(len > 1e-9)) continue;
    if (len > maxLen) [dx, dy] = [(dx / len) * maxLen, (dy / len) * maxLen];
    const [ax, ay] = [px(pts[2 * k]!), py(pts[2 * k + 1]!)];
    const [bx, by] = [px(pts[2 * k]! + dx), py(pts[2 * k + 1]! + dy)];
    const ang = Math.atan2(by - ay, bx - ax);
    const head = (d: number) => `${(bx - 7 * Math.cos(ang + d)).toFixed(1)},${(by - 7 * Math.sin(ang + d)).toFixed(1)}`;
    parts.push(
      `<path d="M${ax.toFixed(1)},${ay.toFixed(1)}L${bx.toFixed(1)},${by.toFixed(1)}M${head(0.45)}L${bx.toFixed(1)},${by.toFixed(1)}L${head(-0.45)}" stroke="${COLORS.fg}" stroke-width="2" fill="none"/>`,
    );
  }
  const tx = H + 10;
  const lines = wrap(text.title, 20).slice(0, 3);
  lines.forEach((line, i) => {
    parts.push(`<text x="${tx}" y="${150 + i * 62}" font-family="sans-serif" font-size="46" font-weight="700" fill="${COLORS.fg}">${escapeHtml(line)}</text>`);
  });
  const sub = wrap(text.subtitle, 36);
  if (sub.length > 4) sub[3] = `${sub[3]} …`;
  sub.slice(0, 4).forEach((line, i) => {
    parts.push(
      `<text x="${tx}" y="${180 + lines.length * 62 + i * 36}" font-family="sans-serif" font-size="28" fill="${COLORS.muted}">${escapeHtml(line)}</text>`,
    );
  });
  parts.push(
    `<text x="${tx}" y="${H - pad - 10}" font-family="sans-serif" font-size="26" fill="${COLORS.muted}">scorefield · s = ${state.s}, t = ${state.t}, ${escapeHtml(world.name)}</text>`,
  );
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">${parts.join('')}</svg>`;
}

/** Greedy word wrap at `width` characters. */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}
