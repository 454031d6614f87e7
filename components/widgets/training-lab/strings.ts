/** Interface strings of the training lab (not prose), so a translation can follow. */
import type { LabLineNote, LabPanelNote } from '../../../lib/views/lab-phase';
import { formatDuration } from '../../../lib/views/training-lab';

const f = (v: number, d = 3) => (Number.isFinite(v) ? v.toFixed(d) : '–');

/** What the progress line shows of a report; `secondsLeft` only while running. */
type ProgressLine = { step: number; steps: number; loss: number; stepsPerSecond: number; secondsLeft?: number; lr: number };

export const labText = {
  train: 'Train',
  pause: 'Pause',
  resume: 'Resume',
  reset: 'Reset',
  use: 'Use this model',
  export: 'Export (.json)',
  import: 'Import a weight file',
  idle: 'Not trained yet: press Train.',
  starting: 'Starting: building the network in a background worker…',
  /** The progress line by its note (lib/views/lab-phase.ts); `p`: the run's last report, `restored`: a loaded model's steps. */
  line: (note: LabLineNote, p: ProgressLine | undefined, restored: number): string => {
    if (note === 'starting') return labText.starting;
    if (note === 'idle') return labText.idle;
    if (note === 'restored' || (note !== 'paused-early' && !p)) return labText.announce.restored(restored);
    if (!p) return 'Paused before the first step: press Resume.';
    if (note === 'paused') return `Paused at step ${p.step} / ${p.steps} · loss ${f(p.loss)}: press Resume to go on.`;
    return note === 'finished' ? `Done. ${labText.progress(p)}` : labText.progress(p);
  },
  /** The learned panel's caption by its note (lib/views/lab-phase.ts); `every`: the step of the run's first snapshot. */
  panel: (note: LabPanelNote, o: { s: string; world: string; every: number }): string => {
    switch (note) {
      case 'drawn':
        return `your model, s = ${o.s}`;
      case 'other-world':
        return `This model was trained on ${o.world}; train again for the selected world.`;
      case 'training':
        return `Training: your model's field appears at step ${o.every}, its first snapshot.`;
      case 'paused':
        return `Paused before step ${o.every}, the first snapshot: press Resume to see your model's field.`;
      case 'computing':
        return 'Computing your model’s field…';
      case 'idle':
        return 'Not trained yet: press Train.';
    }
  },
  statusPlain: 'Training runs in a background worker in this browser, so the page stays responsive',
  statusAbout: (summary: string) =>
    `The worker trains the network with TensorFlow.js. Its backend (the engine that does the arithmetic): ${summary}. The page's remembered choice is used; backend= in the URL overrides it.`,
  progress: (o: ProgressLine) =>
    `Step ${o.step} / ${o.steps} · loss ${f(o.loss)} · ${o.stepsPerSecond > 0 ? o.stepsPerSecond.toFixed(0) : '–'} steps/s · ` +
    (o.secondsLeft === undefined ? '' : `${formatDuration(o.secondsLeft)} left · `) +
    `learning rate ${o.lr.toExponential(1)}`,
  announce: {
    started: (steps: number) => `Training started: ${steps} steps.`,
    quarter: (pct: number, loss: number) => `${pct}% done, smoothed loss ${f(loss)}.`,
    paused: (step: number) => `Paused at step ${step}.`,
    resumed: 'Training resumed.',
    done: (step: number, loss: number) => `Training done: ${step} steps, final smoothed loss ${f(loss)}.`,
    reset: 'Training reset.',
    used: 'Your model is now used by every widget on this page.',
    restored: (step: number) => `Restored your model from this browser (${step} steps).`,
    imported: (name: string) => `Imported ${name}.`,
  },
  diverged: (message: string) => `Training stopped: ${message}`,
  workerError: (message: string) => `The training worker failed: ${message}`,
  importRefused: (name: string, problems: string[]) =>
    `${name} was refused, the current model stays in use: ${problems.slice(0, 4).join('; ')}${problems.length > 4 ? ' …' : ''}`,
  notStored: 'This browser did not let the page store the model (private mode?): it will be gone after a reload.',
  noModel: 'Train a model first.',
  lossAxis: 'training loss (log scale)',
  stepAxis: 'step',
  lossTitle: 'Training loss',
  lossRaw: 'batch loss',
  lossSmooth: 'smoothed loss',
  lossAlt: (s: { first: number; last: number; min: number; steps: number } | null) =>
    s
      ? `Training loss curve, log scale: the smoothed loss went from ${f(s.first)} to ${f(s.last)} over ${s.steps} steps (lowest batch loss ${f(s.min)}).`
      : 'Training loss curve: no training yet.',
  exactCaption: (s: string) => `exact, s = ${s}`,
  rmse: (cond: number, uncond: number, pUncond?: number) =>
    `ε error against exact (RMSE, p_t-weighted, mean over noise bands): y branch ${f(cond)}, ∅ branch ${f(uncond)}.` +
    (pUncond === 0
      ? ' Trained with p_uncond = 0: the ∅ branch never saw an example, so it stays wrong, and guidance (s > 1) amplifies that error.'
      : uncond > 2 * cond && uncond > 0.2
        ? ' The ∅ branch lags behind: guidance at s > 1 amplifies its error.'
        : ''),
  quality: (s: number, sw: number, floor: number, ratio: number, step: number) =>
    `Samples at s = ${s} (step ${step}): sliced Wasserstein ${f(sw)} to exact samples, ${ratio.toFixed(1)}× the sampling-noise floor ${f(floor)} (1× is as close as sampling noise can tell).`,
  fieldAlt: (who: string, s: string, t: number, className: string) =>
    `Guided score field of the ${who} at s = ${s}, t = ${t}, class ${className}: arrows over the density they are the score of.`,
};
