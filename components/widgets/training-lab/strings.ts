/** Interface strings of the training lab (not prose), so a translation can follow. */
import { formatDuration } from '../../../lib/views/training-lab';

const f = (v: number, d = 3) => (Number.isFinite(v) ? v.toFixed(d) : '–');

export const labText = {
  train: 'Train',
  pause: 'Pause',
  resume: 'Resume',
  reset: 'Reset',
  use: 'Use this model',
  export: 'Export (.json)',
  import: 'Import a weight file',
  idle: 'Not trained yet: press Train.',
  starting: 'Starting the training worker…',
  backend: (summary: string) => `Training worker on tfjs ${summary}`,
  progress: (o: { step: number; steps: number; loss: number; stepsPerSecond: number; secondsLeft?: number; lr: number }) =>
    `Step ${o.step} / ${o.steps} · loss ${f(o.loss)} · ${o.stepsPerSecond > 0 ? o.stepsPerSecond.toFixed(0) : '–'} steps/s · ` +
    `${formatDuration(o.secondsLeft)} left · learning rate ${o.lr.toExponential(1)}`,
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
  lossAlt: (s: { first: number; last: number; min: number; steps: number } | null) =>
    s
      ? `Training loss curve, log scale: the smoothed loss went from ${f(s.first)} to ${f(s.last)} over ${s.steps} steps (lowest batch loss ${f(s.min)}).`
      : 'Training loss curve: no training yet.',
  learnedCaption: (s: string) => `your model, s = ${s}`,
  exactCaption: (s: string) => `exact, s = ${s}`,
  otherWorld: (world: string) => `This model was trained on ${world}; train again for the selected world.`,
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
