/** Interface strings of "guided is not tilted" (not prose), so a translation can follow. */
import { formatNumber } from '../../../lib/state/params';

/** Two decimals, without a minus sign on a rounded zero. */
const f2 = (v: number) => (Number.isFinite(v) ? (Math.abs(v) < 0.005 ? 0 : v).toFixed(2) : '—');
const fs = (s: number) => formatNumber(s, 0.1);
const pct = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? '—' : `${(100 * v).toFixed(1)} %`);

export const tiltText = {
  tiltTitle: (s: number) => `tilted p(x|y)^s p(x)^(1−s), s = ${fs(s)}, t = 0`,
  samplerTitle: (sampler: string, s: number, learned: boolean) => `${sampler.toUpperCase()} samples, s = ${fs(s)}${learned ? ' (learned)' : ''}`,
  withoutTitle: (sampler: string, s: number) => `${sampler.toUpperCase()}, s = ${fs(s)} at every step`,
  withTitle: (sampler: string, s: number, lo: number, hi: number) => `${sampler.toUpperCase()}, s = ${fs(s)} only for ${lo} ≤ t ≤ ${hi}`,
  noInterval: 'No interval is set (t from 0 to 999): both panels guide at every step. Set one, e.g. 0 to 300.',
  computing: 'Sampling…',
  legend: 'Solid ellipse and cross: the samples’ mean and 2σ covariance ellipse. Dashed: the tilted density’s, computed on a grid.',
  intervalLegend: 'Shading: the class density p(x | y). The table gives the share of samples in each of the class’s modes.',
  headers: ['', 'mean x', 'mean y', 'std x', 'std y', '√det Σ'],
  rowTilt: 'tilted density (grid)',
  rowSampler: (sampler: string) => `${sampler.toUpperCase()} samples`,
  shareHeaders: ['', 'minor mode', 'major mode(s)'],
  rowWithout: 'without interval',
  rowWith: (lo: number, hi: number) => `interval [${lo}, ${hi}]`,
  rowData: 'the class itself (weights)',
  noMinor: 'This class has no minor mode (one component or equal weights): try the minor-mode world, class a.',
  preset: 'Minor-mode example',
  f2,
  pct,
  tiltAlt: (s: number, mean: [number, number], std: [number, number]) =>
    `Heat map of the tilted density at s = ${fs(s)}: mean (${f2(mean[0])}, ${f2(mean[1])}), standard deviations ${f2(std[0])} and ${f2(std[1])}.`,
  samplesAlt: (what: string, n: number, mean: [number, number], std: [number, number], tiltMean?: [number, number]) =>
    `${n} ${what}: mean (${f2(mean[0])}, ${f2(mean[1])}), standard deviations ${f2(std[0])} and ${f2(std[1])}` +
    (tiltMean ? `; the tilted density's mean is (${f2(tiltMean[0])}, ${f2(tiltMean[1])}).` : '.'),
  shareAlt: (what: string, n: number, share: number | undefined) => `${n} samples, ${what}: ${pct(share)} in the class's minor mode.`,
};
