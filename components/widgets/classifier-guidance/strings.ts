/** Interface strings of the classifier-guidance widget (not prose), so a translation can follow. */
import { fixed } from '../../../lib/text/limit';
import type { BandAccuracy } from '../../../lib/model/classifier';
import { formatNumber } from '../../../lib/state/params';

const pct = (v: number) => `${Math.round(100 * v)} %`;
const sci = (v: number) => (v === 0 ? '0' : Math.abs(v) < 1e-3 ? v.toExponential(1) : v.toFixed(3));
const sOf = (s: number) => formatNumber(s, 0.1);

export const clfText = {
  exactTitle: 'Exact classifier p_t(y | x_t) and ∇log p_t(y | x_t)',
  implicitTitle: (learned: boolean) => (learned ? 'Implicit classifier of the learned model' : 'Implicit classifier of the exact model'),
  compareTitle: (s: number) => `Classifier guidance vs CFG at s = ${sOf(s)}`,
  rms: (v: number, learned: boolean) => `RMS ‖implicit − exact gradient‖ = ${sci(v)}${learned ? '' : ' (exact scores: equal up to rounding)'}`,
  maxDiff: (v: number) => `max |ε̃_CG − ε̃_CFG| = ${sci(v)}`,
  viewNames: { difference: 'difference CG − CFG', both: 'both guided fields' } as Record<string, string>,
  legend: (view: string) =>
    view === 'both'
      ? 'Third panel: classifier guidance with the exact classifier (class colour) over CFG (text colour), as scores −ε̃/σ_t. Shading: p_t(y | x_t).'
      : 'Third panel: classifier guidance minus CFG, as scores (−ε̃/σ_t); arrows are scaled to the largest difference, and a difference at rounding level draws none. Shading: p_t(y | x_t).',
  exactAlt: (cls: string, t: number, boundary: string) =>
    `Exact noisy classifier for class ${cls} at t = ${t}: shading is p_t(y | x_t), ${boundary}; arrows are its gradient, longest where the classes meet.`,
  implicitAlt: (cls: string, t: number, rms: number, learned: boolean) =>
    `${learned ? 'Learned' : 'Exact'} model's implicit classifier −(ε_y − ε_∅)/σ_t for class ${cls} at t = ${t}; RMS distance to the exact gradient ${sci(rms)}.`,
  compareAlt: (s: number, maxAbs: number, view: string) =>
    `Classifier guidance against CFG at s = ${sOf(s)} (${view}): the largest difference in ε̃ is ${sci(maxAbs)}.`,
  boundary: (share: number) => `the class holds p ≥ ½ on ${pct(share)} of the panel`,
  train: 'Train classifier',
  retrain: 'Train again',
  cancel: 'Cancel',
  notTrained: 'No classifier trained yet. Classifier guidance needs one: a second network, trained on noisy points at every t.',
  training: (done: number, total: number, loss: number, sps: number) =>
    `Training: step ${done} of ${total}, cross-entropy ${Number.isFinite(loss) ? loss.toFixed(3) : '—'}, ${Math.round(sps)} steps/s`,
  cancelled: (done: number) => `Cancelled after ${done} steps.`,
  failed: (why: string) => `Training failed: ${why}`,
  cost: (params: number, steps: number, seconds: number, backend: string, world: string, K: number) =>
    `p_θ(y | x_t): a second network of ${params.toLocaleString('en')} parameters, trained for ${steps} steps in ${fixed(seconds, 1)} s (${backend}) ` +
    `on noisy points of "${world}", for its ${K} classes only.`,
  staleWorld: (world: string) => `The trained classifier knows only the classes of "${world}": train again for this world.`,
  accuracyCaption: 'Accuracy on noisy points, per band of t: the trained classifier against the exact posterior (the best possible)',
  accuracyHead: ['t', 'p_θ', 'exact p_t', 'agree'],
  accuracyRow: (b: BandAccuracy) => [`${b.tLo}–${b.tHi}`, pct(b.accuracy), pct(b.exactAccuracy), pct(b.agreement)],
  trainedTitle: 'Trained classifier p_θ(y | x_t) and its gradient',
  trainedRms: (v: number) => `RMS ‖∇log p_θ − ∇log p_t‖ = ${sci(v)}`,
  trainedAlt: (cls: string, t: number, rms: number) =>
    `Trained classifier for class ${cls} at t = ${t}: shading is p_θ(y | x_t), arrows its gradient; RMS distance to the exact gradient ${sci(rms)}.`,
  samplesTitle: (which: 'cg' | 'cfg', s: number) => (which === 'cg' ? `Guided by the trained classifier, s = ${sOf(s)}` : `CFG, s = ${sOf(s)}`),
  samplesAlt: (which: 'cg' | 'cfg', s: number, n: number, cls: string, fid: number) =>
    `${n} samples of class ${cls} ${which === 'cg' ? 'guided by the trained classifier' : 'with CFG'} at s = ${sOf(s)}: fidelity ${fixed(fid, 2)}.`,
  fidelity: (fid: number) => `fidelity (mean p₀(y | x)): ${fixed(fid, 2)}`,
  sampling: 'Sampling…',
};
