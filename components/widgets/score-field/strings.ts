/** Interface strings of the score-field explorer (not prose), so a translation can follow. */
import { fixed } from '../../../lib/text/limit';
import { formatNumber } from '../../../lib/state/params';
import type { PointReadout } from '../../../lib/views/score-field';

const num = (v: number, d = 2) => fixed(Object.is(v, -0) ? 0 : v, d);
const vec = ([a, b]: [number, number], d = 2) => `(${num(a, d)}, ${num(b, d)})`;
const sText = (s: number) => formatNumber(s, 0.1);

export const fieldText = {
  tValue: (t: number, sigma: number, signal: number) => `t = ${t} · σ_t = ${num(sigma)} · √ᾱ_t = ${num(signal)}`,
  /** A mechanism panel's line: its learned model's size and its ε̃ error against the exact field. */
  modelInfo: (parameters: number | undefined, error: number | undefined) =>
    [parameters && `${parameters.toLocaleString('en')} parameters`, error !== undefined && `ε̃ error ${num(error, 3)}`].filter(Boolean).join(' · ') ||
    'exact field (no learned model)',
  hoverHint: 'Point at or tap a panel, or focus it and use the arrow keys, to read the vectors there.',
  /** `norms`: the vector norms an arrow a quarter, a half and a whole grid cell long stands for. */
  legend: (norms: readonly [number, number, number], view: string) => {
    const what = view === 'difference' ? '|learned − exact score|' : view === 'classifier' ? '|∇log p_t(y | x)|' : '|score|';
    const shading = view === 'classifier' ? 'The shading is the exact p_t(y | x), from 0 (clear) to 1.' : '+ marks the peak of the shaded density.';
    const sets = view === 'components' ? ' Thin grey: ∅ (s = 0); thin in the class colour: class y (s = 1); thick: the guided score at the panel’s s.' : '';
    return `Arrow length grows with the logarithm of ${what}, on one scale for all panels: a quarter, half and whole grid cell stand for ${num(norms[0])}, ${num(norms[1])} and ${num(norms[2])}.${sets} ${shading}`;
  },
  panelAlt: (o: { s: number; t: number; view: string; className: string; negName?: string; denoiser: string; peak?: [number, number] }) => {
    const against = o.negName ? `negative class ${o.negName}` : '∅';
    if (o.view === 'classifier') {
      return (
        `Classifier term at s = ${sText(o.s)}, t = ${o.t}, class ${o.className}, ${o.denoiser} denoiser: arrows of s times the gradient ` +
        `of log p_t(y | x) over the shading of the exact noisy classifier p_t(y | x).`
      );
    }
    const field =
      o.view === 'difference'
        ? `the learned minus the exact guided score`
        : o.view === 'components'
          ? `the scores for ${against} and for class ${o.className}, and the guided score`
          : `the guided score`;
    return (
      `Score field at s = ${sText(o.s)}, t = ${o.t}, class ${o.className} against ${against}, ${o.denoiser} denoiser: ` +
      `arrows of ${field} over the density p_t(x | y)^s p_t(x | ${o.negName ?? '∅'})^(1−s)` +
      (o.peak ? `, whose peak is at ${vec(o.peak, 1)}.` : '.')
    );
  },
  readout: (s: number, t: number, r: PointReadout) =>
    `At x = ${vec(r.x)}, t = ${t}, s = ${sText(s)}: ε_∅ = ${vec(r.epsUncond)}, ε_y = ${vec(r.epsCond)}, ε̃ = ${vec(r.epsGuided)}; ` +
    `scores ∇log p_t(x) = ${vec(r.scoreUncond)}, ∇log p_t(x|y) = ${vec(r.scoreCond)}, guided = ${vec(r.scoreGuided)}.`,
};
