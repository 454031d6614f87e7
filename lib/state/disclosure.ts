/**
 * Progressive disclosure, declared once for every widget: the chapter that introduces the idea behind each control,
 * the controls that only mean something for a learned network, and how many controls a figure shows at once. A
 * figure shows the controls of ideas its chapter has introduced, the most important first, at most MAX_VISIBLE; the
 * rest wait behind "More controls". The state itself is untouched: every URL key works on every page.
 */
import type { NotebookState } from './notebook';

/** Most controls a figure shows before "More controls". */
export const MAX_VISIBLE = 6;

/**
 * The chapter that introduces each control's idea (1: scores and Bayes, 2: classifier guidance, 3: CFG, 4: condition
 * dropout, 5: sampling, 6: conditioning the network, 7: what guidance does, 8: guidance beyond CFG). Controls not named here (groups of the
 * widgets, e.g. the sweep's series) are introduced where they first appear.
 */
export const INTRODUCED_IN: Readonly<Record<string, number>> = {
  world: 1,
  y: 1,
  t: 1,
  view: 1,
  flow: 1,
  s: 2,
  clfSteps: 2,
  clfView: 2,
  denoiser: 3,
  s2: 3,
  compare: 3,
  n: 3,
  seed: 3,
  pUncond: 4,
  trainPUncond: 4,
  trainLr: 4,
  trainSteps: 4,
  trainDropout: 4,
  neg: 5,
  sampler: 5,
  steps: 5,
  eta: 5,
  trails: 5,
  x0hat: 5,
  cond: 6,
  backend: 6,
  rescale: 7,
  intervalLo: 7,
  rule: 8,
  intervalHi: 7,
  series: 7,
  variants: 7,
  tiltView: 7,
  tiltLearned: 7,
  sweepExact: 7,
  sweepLearned: 7,
  sweepDdim: 7,
  sweepDdpm: 7,
};

/** The order in which controls earn one of the visible places (the rest keep their place in the widget). */
const PRIORITY = [
  's',
  's2',
  'sampler',
  'view',
  'flow',
  'trainPUncond',
  'trainDropout',
  'trainSteps',
  'trainLr',
  't',
  'y',
  'denoiser',
  'world',
  'compare',
  'neg',
  'series',
  'clfSteps',
  'clfView',
  'tiltView',
];

/** Controls that apply only to a learned network: hidden, not merely inert, while the exact denoiser is shown. */
export const LEARNED_ONLY: ReadonlySet<string> = new Set(['cond', 'pUncond', 'backend']);

/** Whether a control applies to the state's denoiser. */
export function applies(control: string, state: Pick<NotebookState, 'denoiser'>): boolean {
  return !LEARNED_ONLY.has(control) || state.denoiser !== 'exact';
}

export interface Disclosure {
  /** Shown at once, in the widget's order. */
  shown: string[];
  /** Behind "More controls", in the widget's order. */
  more: string[];
}

/**
 * Splits a figure's controls (in the widget's order) for a chapter (undefined: an embed or another page, where every
 * idea counts as introduced): introduced ideas first by priority, at most `max` of them shown.
 */
export function discloseControls(controls: readonly string[], chapter: number | undefined, max = MAX_VISIBLE): Disclosure {
  const introduced = (c: string) => chapter === undefined || (INTRODUCED_IN[c] ?? 0) <= chapter;
  const rank = (c: string) => {
    const i = PRIORITY.indexOf(c);
    return i < 0 ? PRIORITY.length + controls.indexOf(c) : i;
  };
  const chosen = new Set(
    controls
      .filter(introduced)
      .sort((a, b) => rank(a) - rank(b))
      .slice(0, max),
  );
  return { shown: controls.filter((c) => chosen.has(c)), more: controls.filter((c) => !chosen.has(c)) };
}
