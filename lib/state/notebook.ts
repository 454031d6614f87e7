/**
 * The notebook's state: one typed record shared by the widgets of a page (guidance scale s, timestep t, class y, …),
 * with defaults and ranges, read from and written to the URL query.
 */
import { DEFAULT_WORLD } from '../science/worlds';
import { MAX_WORLD_KEY_LENGTH, worldKeyProblem, worldOfKey } from '../science/world-key';
import { SAMPLER_NAMES } from '../science/samplers';
import type { Guidance } from '../science/guidance';
import { SCHEDULE_NAMES } from '../science/schedule';
import { FIELD_VIEWS } from '../views/score-field';
import { CLF_VIEWS } from '../views/classifier-guidance';
import { CONDITIONINGS, DROPOUT_MODES } from '../model/conditioning';
import { DEFAULT_CONDITIONING, SHIPPED_P_UNCOND } from '../model/shipped';
import { defaults, parseParams, toParams, type Notice, type Schema, type StateOf } from './params';
import { createStore, type Store } from './store';
import { MAX_RULE_LENGTH, ruleProblem } from '../science/rule-lang';

export { FIELD_VIEWS, CLF_VIEWS };
/** 'auto': measured at start-up (webgl on a real GPU, wasm where WebGL is software-rendered, cpu last). */
export const BACKEND_CHOICES = ['auto', 'webgl', 'wasm', 'cpu'] as const;
/** 'trained': the reader's own model, trained in the training lab (falls back to 'learned' when there is none). */
export const DENOISER_NAMES = ['learned', 'exact', 'trained'] as const;

/** The value of the `pUncond` key that names the shipped models (those trained with condition dropout). */
const SHIPPED_P_UNCOND_KEY = `${SHIPPED_P_UNCOND}` as const;

/** Largest class index a URL may name; the world decides how many classes really exist. */
const MAX_CLASS = 63;

export const NOTEBOOK_SCHEMA = {
  /** A built-in world's name, or the code (w.…) of the reader's own world from the world editor. */
  world: { kind: 'text', default: DEFAULT_WORLD, maxLength: MAX_WORLD_KEY_LENGTH, check: worldKeyProblem, label: 'world' },
  y: { kind: 'number', default: 0, min: 0, max: MAX_CLASS, step: 1, label: 'class y' },
  neg: { kind: 'number', default: -1, min: -1, max: MAX_CLASS, step: 1, label: 'negative class (−1: none, use ∅)' },
  s: { kind: 'number', default: 7.5, min: 0, max: 15, step: 0.1, label: 'guidance scale s' },
  /** The second scale of side-by-side comparisons (the sampler's compare mode). */
  s2: { kind: 'number', default: 1, min: 0, max: 15, step: 0.1, label: 'second guidance scale' },
  t: { kind: 'number', default: 300, min: 0, max: 999, step: 1, label: 'timestep t' },
  schedule: { kind: 'enum', default: 'linear', values: SCHEDULE_NAMES, label: 'noise schedule' },
  sampler: { kind: 'enum', default: 'ddim', values: SAMPLER_NAMES, label: 'sampler' },
  steps: { kind: 'number', default: 50, min: 1, max: 1000, step: 1, label: 'sampling steps' },
  eta: { kind: 'number', default: 0, min: 0, max: 1, step: 0.05, label: 'DDIM η' },
  n: { kind: 'number', default: 1000, min: 10, max: 4000, step: 10, label: 'particles' },
  seed: { kind: 'number', default: 1, min: 0, max: 2147483647, step: 1, label: 'seed' },
  trails: { kind: 'bool', default: false, label: 'trajectories' },
  x0hat: { kind: 'bool', default: false, label: 'x̂₀ estimates' },
  /** The sampler starts when the reader presses Play, or also after it has been on screen a while untouched. */
  autoplay: { kind: 'enum', default: 'press', values: ['press', 'visible'], label: 'autoplay' },
  compare: { kind: 'bool', default: false, label: 'side by side' },
  denoiser: { kind: 'enum', default: 'learned', values: DENOISER_NAMES, label: 'denoiser' },
  cond: { kind: 'enum', default: DEFAULT_CONDITIONING, values: CONDITIONINGS, label: 'conditioning mechanism' },
  backend: { kind: 'enum', default: 'auto', values: BACKEND_CHOICES, label: 'tfjs backend' },
  /** The learned model's condition dropout: the shipped models (the default world's trained with SHIPPED_P_UNCOND), or the one trained without dropout (0). */
  pUncond: { kind: 'enum', default: SHIPPED_P_UNCOND_KEY, values: [SHIPPED_P_UNCOND_KEY, '0'], label: 'p_uncond of the learned model' },
  view: { kind: 'enum', default: 'guided', values: FIELD_VIEWS, label: 'field view' },
  /** The score field's flow view: particles drifting along each panel's guided field. */
  flow: { kind: 'bool', default: false, label: 'flow' },
  /** Classifier guidance: steps of the noisy classifier trained in the browser. */
  clfSteps: { kind: 'number', default: 400, min: 50, max: 3000, step: 50, label: 'classifier training steps' },
  /** Classifier guidance: the comparison panel draws CG − CFG, or both guided fields. */
  clfView: { kind: 'enum', default: 'difference', values: CLF_VIEWS, label: 'comparison view' },
  /** CFG-rescale factor φ (Lin et al. 2023); 0: plain CFG. */
  rescale: { kind: 'number', default: 0, min: 0, max: 1, step: 0.05, label: 'CFG-rescale φ' },
  /** The rule cell: ε̃ as an expression of the rule language (empty: the CFG formula with rescale, interval, negative class). */
  rule: { kind: 'text', default: '', maxLength: MAX_RULE_LENGTH, check: ruleProblem, label: 'guidance rule' },
  /** Guidance interval t_lo ≤ t ≤ t_hi; the full range [0, 999] (the default) means no interval. */
  intervalLo: { kind: 'number', default: 0, min: 0, max: 999, step: 1, label: 'guidance interval start t_lo' },
  intervalHi: { kind: 'number', default: 999, min: 0, max: 999, step: 1, label: 'guidance interval end t_hi' },
  /** The guidance sweep's series: exact and learned denoisers, DDIM and DDPM samplers. */
  sweepExact: { kind: 'bool', default: true, label: 'sweep: exact denoiser' },
  sweepLearned: { kind: 'bool', default: false, label: 'sweep: learned denoiser' },
  sweepDdim: { kind: 'bool', default: true, label: 'sweep: DDIM' },
  sweepDdpm: { kind: 'bool', default: true, label: 'sweep: DDPM' },
  /** Guided vs tilted: the tilt against the samples, or samples without and with the guidance interval. */
  tiltView: { kind: 'enum', default: 'tilt', values: ['tilt', 'interval'], label: 'guided-vs-tilted view' },
  /** Guided vs tilted: samples of the learned model instead of the exact one. */
  tiltLearned: { kind: 'bool', default: false, label: 'guided-vs-tilted: learned denoiser' },
  /** The training lab: p_uncond, peak learning rate and number of steps of the reader's own training run. */
  trainPUncond: { kind: 'number', default: 0.1, min: 0, max: 0.5, step: 0.05, label: 'p_uncond for training' },
  trainLr: { kind: 'number', default: 0.002, min: 0.0001, max: 0.01, step: 0.0001, label: 'learning rate' },
  trainSteps: { kind: 'number', default: 2000, min: 100, max: 20000, step: 100, label: 'training steps' },
  /** The training lab: condition dropout by a coin per example, or in expectation (both branches, weighted; the shipped models). */
  trainDropout: { kind: 'enum', default: 'expected', values: DROPOUT_MODES, label: 'training condition dropout' },
} as const satisfies Schema;

export type NotebookState = StateOf<typeof NOTEBOOK_SCHEMA>;

/** Parameters that embed pages and widgets read themselves; not part of the state, not reported as unknown. */
export const PASS_THROUGH_PARAMS = ['hide', 'embed', 'fit', 'theme', 'chrome', 'group', 'present', 'pcontrols'] as const;

/** The keys whose values are numbers (sliders and number boxes). */
export type NumberKey = { [K in keyof typeof NOTEBOOK_SCHEMA]: (typeof NOTEBOOK_SCHEMA)[K]['kind'] extends 'number' ? K : never }[keyof typeof NOTEBOOK_SCHEMA];

/** The attributes of the <input> of a number key: its range, step and default value. */
export function inputAttributes(key: NumberKey): { min: number; max: number; step: number; value: number } {
  const spec = NOTEBOOK_SCHEMA[key];
  return { min: spec.min, max: spec.max, step: spec.step, value: spec.default };
}

export function defaultNotebookState(): NotebookState {
  return defaults(NOTEBOOK_SCHEMA);
}

/**
 * Checks the values that depend on each other (the class indices against the world's classes) and corrects them,
 * reporting each correction. Returns a new state.
 */
export function reconcile(state: NotebookState): { state: NotebookState; notices: Notice[] } {
  const next = { ...state };
  const notices: Notice[] = [];
  const world = worldOfKey(next.world);
  const K = world ? world.classes.length : 2;
  if (next.y >= K) {
    notices.push({ param: 'y', given: String(next.y), used: '0', reason: `this world has classes 0 to ${K - 1}` });
    next.y = 0;
  }
  if (next.neg >= K) {
    notices.push({ param: 'neg', given: String(next.neg), used: '-1', reason: `this world has classes 0 to ${K - 1}` });
    next.neg = -1;
  } else if (next.neg === next.y) {
    notices.push({ param: 'neg', given: String(next.neg), used: '-1', reason: 'the negative class must differ from y' });
    next.neg = -1;
  }
  if (next.intervalLo > next.intervalHi) {
    notices.push({
      param: 'intervalLo',
      given: String(next.intervalLo),
      used: String(next.intervalHi),
      reason: `the interval start must not exceed its end (${next.intervalHi})`,
    });
    next.intervalLo = next.intervalHi;
  }
  return { state: next, notices };
}

/** Controls that `hide=` may name besides the state keys: the embed button, the sweep's series and variant groups. */
export const CONTROL_GROUPS = ['embed', 'series', 'variants'] as const;

/** The names of a `hide=` list (comma-separated, spaces ignored), old keys under their current names. */
export function hiddenControls(list: string | null | undefined): string[] {
  return (list ?? '')
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean)
    .map(currentKey);
}

/**
 * What is wrong with a widget's `init` and `hide` as a chapter writes them (empty: nothing). The build calls this for
 * every widget tag and fails on a typo, instead of showing readers a notice.
 */
export function widgetOptionProblems(options: { init?: string; hide?: string }): string[] {
  const problems: string[] = [];
  if (options.init !== undefined) {
    for (const n of parseNotebookQuery(options.init).notices) problems.push(`init="${options.init}": ${formatCorrection(n)}`);
  }
  for (const name of hiddenControls(options.hide)) {
    if (!Object.hasOwn(NOTEBOOK_SCHEMA, name) && !(CONTROL_GROUPS as readonly string[]).includes(name)) {
      problems.push(`hide="${options.hide}": "${name}" is not a control (state keys, or ${CONTROL_GROUPS.join(', ')})`);
    }
  }
  return problems;
}

function formatCorrection(n: Notice): string {
  return n.used === '' ? `"${n.param}": ${n.reason}` : `${n.param} = "${n.given}" would become ${n.used} (${n.reason})`;
}

/** The guidance interval of a state, or undefined for the full range (no interval). */
export function guidanceInterval(state: Pick<NotebookState, 'intervalLo' | 'intervalHi'>, T = 1000): readonly [number, number] | undefined {
  const lo = Math.max(0, Math.min(T - 1, state.intervalLo));
  const hi = Math.max(lo, Math.min(T - 1, state.intervalHi));
  return lo === 0 && hi === T - 1 ? undefined : [lo, hi];
}

/**
 * A notebook store: every update, whoever makes it (a control, the URL, the `init` of a widget, a host page's message),
 * is reconciled by the store itself, so that no path can leave a class index the world lacks.
 */
export function createNotebookStore(initial: NotebookState = defaultNotebookState()): Store<NotebookState> {
  return createStore(initial, reconcile);
}

/**
 * Applies a query string (with or without "?") to a notebook store: each value named in it is validated like a URL value,
 * then the store reconciles the whole state. Returns every correction, validation first. Never throws.
 */
export function applyQuery(store: Store<NotebookState>, query: string): Notice[] {
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(query);
  } catch {
    params = new URLSearchParams();
  }
  const { params: current, given } = currentKeys(params);
  const parsed = parseParams(NOTEBOOK_SCHEMA, current, PASS_THROUGH_PARAMS);
  const patch: Partial<Record<keyof NotebookState, unknown>> = {};
  for (const key of Object.keys(NOTEBOOK_SCHEMA) as (keyof NotebookState)[]) {
    if (current.has(key)) patch[key] = parsed.state[key];
  }
  // A correction names the key as the reader wrote it (an old link says "pu", not "trainPUncond").
  const notices = [...parsed.notices, ...store.set(patch as Partial<NotebookState>)];
  return notices.map((n) => (given.has(n.param) ? { ...n, param: given.get(n.param)! } : n));
}

/**
 * The keys of earlier versions, still read (shared links keep working) and written back under their current name.
 * Old → new: the guidance interval, the training lab, the sweep's series, guided-vs-tilted, classifier guidance.
 */
export const LEGACY_KEYS = {
  ilo: 'intervalLo',
  ihi: 'intervalHi',
  puncond: 'pUncond',
  pu: 'trainPUncond',
  lr: 'trainLr',
  tsteps: 'trainSteps',
  drop: 'trainDropout',
  swexact: 'sweepExact',
  swlearned: 'sweepLearned',
  swddim: 'sweepDdim',
  swddpm: 'sweepDdpm',
  swview: 'tiltView',
  swtlearned: 'tiltLearned',
  clfsteps: 'clfSteps',
  clfview: 'clfView',
} as const satisfies Record<string, keyof NotebookState>;

/** The current name of a key (an old one renamed, any other as it is). */
export function currentKey(key: string): string {
  return Object.hasOwn(LEGACY_KEYS, key) ? LEGACY_KEYS[key as keyof typeof LEGACY_KEYS] : key;
}

/** Query parameters with old keys under their current names, in order; `given` maps a renamed key back to the old one. */
function currentKeys(params: URLSearchParams): { params: URLSearchParams; given: Map<string, string> } {
  const out = new URLSearchParams();
  const given = new Map<string, string>();
  for (const [key, value] of params) {
    const name = currentKey(key);
    if (name !== key) given.set(name, key);
    out.append(name, value);
  }
  return { params: out, given };
}

/** The notebook state of a URL query string (with or without "?"): the defaults with the query applied; never throws. */
export function parseNotebookQuery(query: string): { state: NotebookState; notices: Notice[] } {
  const store = createNotebookStore();
  const notices = applyQuery(store, query);
  return { state: store.get(), notices };
}

/** The query string (without "?") of a notebook state: only values that differ from the defaults. */
export function notebookQuery(state: NotebookState, base?: NotebookState): string {
  return toParams(NOTEBOOK_SCHEMA, state, base).toString();
}

/** The CFG rule of a state at scale s: its negative class, guidance interval and CFG-rescale φ, where set. */
export function guidanceOf(state: Pick<NotebookState, 'neg' | 'intervalLo' | 'intervalHi' | 'rescale' | 'rule'>, s: number, T = 1000): Guidance {
  const g: Guidance = { s };
  if (state.neg >= 0) g.negative = state.neg;
  // a rule decides interval and rescaling itself
  if (state.rule !== '' && !ruleProblem(state.rule)) return { ...g, rule: state.rule };
  const interval = guidanceInterval(state, T);
  if (interval) g.interval = interval;
  if (state.rescale > 0) g.rescale = state.rescale;
  return g;
}
