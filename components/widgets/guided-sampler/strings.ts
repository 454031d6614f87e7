/** Interface strings of the guided sampler (not prose), so a translation can follow. */
import { fixed, percent } from '../../../lib/text/limit';
import { formatNumber } from '../../../lib/state/params';
import { presetOf } from '../../../lib/science/rule-presets';
import type { SampleMetrics } from '../../../lib/science/metrics';

const f2 = (v: number) => (Number.isFinite(v) ? v.toFixed(2) : '—');

export const samplerText = {
  play: 'Play',
  pause: 'Pause',
  step: 'Step',
  reset: 'Reset',
  progress: (done: number, total: number, t: number) => (t >= 0 ? `step ${done} of ${total} · next t = ${t}` : `done: ${total} steps`),
  /** A lane's title: its scale, and the variants of guidance in use (interval, CFG-rescale). */
  runStopped: (why: string) => `Sampling stopped: ${why.slice(0, 200)}`,
  panelTitle: (s: number, g: { interval?: readonly [number, number]; rescale?: number; rule?: string } = {}) =>
    [
      `s = ${formatNumber(s, 0.1)}`,
      g.rule && `rule: ${presetOf(g.rule)?.label ?? 'your own'}`,
      g.interval && `guided for ${g.interval[0]} ≤ t ≤ ${g.interval[1]}`,
      g.rescale && `rescale φ = ${formatNumber(g.rescale, 0.05)}`,
    ]
      .filter(Boolean)
      .join(' · '),
  metricsRows: (m: SampleMetrics) => [
    ['fidelity: mean p₀(y | x)', f2(m.fidelity)],
    ['diversity: log det Σ̂', f2(m.logDetCov)],
    ['components reached', percent(m.componentCoverage)],
    ['NLL under p(x | y)', f2(m.meanNll)],
  ],
  pending: 'Metrics appear when the run finishes.',
  alt: (o: { s: number; sampler: string; steps: number; n: number; done: number; className: string; mean: [number, number]; fidelity?: number }) =>
    `${o.n} particles of class ${o.className}, ${o.sampler.toUpperCase()} with ${o.steps} steps at s = ${formatNumber(o.s, 0.1)}: ` +
    `step ${o.done} of ${o.steps}, cloud centred at (${fixed(o.mean[0], 2)}, ${fixed(o.mean[1], 2)})` +
    (o.fidelity === undefined ? '.' : `, fidelity ${fixed(o.fidelity, 2)}.`),
};
