/** The guided sampler's "finished" event: its settings and the metrics of each lane's final cloud. */
import type { NotebookState } from '../../lib/state/notebook';
import type { SamplerRun } from '../../lib/views/sampler-run';
import { reportWidgetEvent } from './events';

export function reportSamplerFinished(runs: readonly SamplerRun[], st: NotebookState): void {
  const detail: Record<string, unknown> = { s: st.s, sampler: st.sampler, steps: st.steps, n: st.n, y: st.y, lanes: runs.length };
  runs.forEach((run, i) => {
    const m = run.metrics();
    const p = runs.length > 1 ? `lane${i}_` : '';
    detail[`${p}fidelity`] = m.fidelity;
    detail[`${p}logDetCov`] = m.logDetCov;
    detail[`${p}componentCoverage`] = m.componentCoverage;
    detail[`${p}meanNll`] = m.meanNll;
  });
  reportWidgetEvent('guided-sampler', 'sampler-finished', detail);
}
