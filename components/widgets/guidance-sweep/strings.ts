/** Interface strings of the guidance sweep (not prose), so a translation can follow. */
import { fixed } from '../../../lib/text/limit';
import { formatNumber } from '../../../lib/state/params';

const f2 = (v: number) => (Number.isFinite(v) ? v.toFixed(2) : '—');
const fs = (s: number) => formatNumber(s, 0.1);
const f3 = (v: number) => (Number.isFinite(v) ? v.toFixed(3) : '—');

export const sweepText = {
  xAxis: 'diversity: log det Σ̂ of the samples (wider →)',
  yAxis: 'fidelity: mean exact p₀(y | x) of the samples',
  run: 'Run sweep',
  cancel: 'Cancel',
  seriesNames: { 'exact-ddim': 'exact · DDIM', 'exact-ddpm': 'exact · DDPM', 'learned-ddim': 'learned · DDIM', 'learned-ddpm': 'learned · DDPM' } as Record<
    string,
    string
  >,
  noSeries: 'Choose at least one denoiser and one sampler.',
  progress: (done: number, total: number, points: number) => `${Math.round((100 * done) / Math.max(1, total))} % · ${points} points`,
  finished: (points: number, seconds: number) => `done: ${points} points in ${fixed(seconds, 1)} s`,
  cancelled: (points: number) => `cancelled after ${points} points`,
  learnedSkipped: (why: string) => `learned series skipped: ${why}`,
  backendIs: (name: string) => `worker tfjs backend: ${name}`,
  point: (series: string, s: number, fid: number, div: number, cov: number, dist: number) =>
    `${sweepText.seriesNames[series] ?? series}, s = ${fs(s)}: fidelity ${f2(fid)}, diversity ${f2(div)}, ${Math.round(100 * cov)} % of the class's components reached, distance to the class ${f3(dist)}. Enter sets s.`,
  /** Per series: the scale of the smallest distance to the exact class (the sweet spot), against s = 1. */
  sweet: (rows: { series: string; s: number; distance: number; atOne?: number }[]) =>
    rows
      .map(
        (r) =>
          `${sweepText.seriesNames[r.series] ?? r.series}: closest to the class at s = ${fs(r.s)} (distance ${f3(r.distance)}${r.atOne !== undefined && r.s !== 1 ? `; ${f3(r.atOne)} at s = 1` : ''}).`,
      )
      .join(' '),
  insetTitle: (series: string, s: number) => `Samples of ${sweepText.seriesNames[series] ?? series} at s = ${fs(s)}`,
  insetEmpty: 'Hover over or focus a point to see its samples.',
  insetAlt: (series: string, s: number, n: number, mean: [number, number]) =>
    `${n} samples of ${sweepText.seriesNames[series] ?? series} at s = ${fs(s)}, centred at (${fixed(mean[0], 2)}, ${fixed(mean[1], 2)}).`,
  plotAlt: 'Fidelity against diversity, one point per guidance scale s and series.',
  /** The text alternative: how each series moves from the smallest to the largest s. */
  summary: (rows: { series: string; s0: number; s1: number; fid0: number; fid1: number; div0: number; div1: number }[]) =>
    rows.length === 0
      ? 'No points yet.'
      : rows
          .map(
            (r) =>
              `${sweepText.seriesNames[r.series] ?? r.series}: from s = ${fs(r.s0)} to s = ${fs(r.s1)} fidelity ${r.fid1 >= r.fid0 ? 'rises' : 'falls'} ` +
              `from ${f2(r.fid0)} to ${f2(r.fid1)} and diversity ${r.div1 <= r.div0 ? 'falls' : 'rises'} from ${f2(r.div0)} to ${f2(r.div1)}.`,
          )
          .join(' '),
  current: (s: number, sweepS: number) => `The shared s = ${fs(s)} is marked at the sweep's nearest scale, s = ${fs(sweepS)}.`,
};
