/** Interface strings of the widgets (not prose), in one place so a translation can follow. */
import { formatNumber } from '../../../lib/state/params';
import { edgesLeft, type EdgeCounts } from '../../../lib/views/offscreen';

export const widgetText = {
  correctedTitle: 'Some settings were corrected:',
  dismiss: 'Dismiss',
  loading: 'Loading…',
  computing: 'Computing…',
  nullClass: '∅ (none: unconditional)',
  learnedLoading: 'Loading the learned model…',
  learnedUnavailable: (why: string) => `The learned model could not be used (${why}); showing the exact field instead.`,
  backendIs: (name: string) => `tfjs backend: ${name}`,
  aboutModel: 'About this model',
  modelPlain: {
    learned: 'Showing the learned network, running in this browser',
    exact: 'Showing the exact field of the toy world',
    trained: 'Showing your model, trained in this browser',
  } as Record<string, string>,
  aboutBackend: (summary: string) =>
    `The network runs in this browser with TensorFlow.js. Its backend (the engine that does the arithmetic): ${summary}. The backend is chosen once per device and remembered; backend= in the URL overrides it.`,
  aboutExact: 'Exact: every score of this world is known in closed form (a Gaussian mixture), so no network is involved.',
  webglUnavailable: (used: string) => `WebGL is not available in this browser, so the model runs on ${used}`,
  backendRemembered: (name: string) => `${name} (measured fastest on this device on an earlier visit)`,
  backendGuessed: (name: string) =>
    `${name} (a first guess from this device's graphics; the backends are being measured in the background, and the fastest is used from your next visit)`,
  noShippedModel: (world: string, cond: string) => `no model is shipped for ${world} with ${cond} conditioning`,
  noShippedForYours: (world: string) =>
    `no model is shipped for your world “${world}”: train one in the training lab and press “Use this model”, or choose the exact denoiser`,
  yourWorldOption: (world: string) => `your world: ${world}`,
  noZeroModel: (which: string) => `the model trained without condition dropout (p_uncond = 0) is shipped only for ${which}`,
  contextRestored: 'The WebGL context was lost and has been restored; the model was reloaded',
  noReaderModel: 'You have not trained a model yet (train one in the training lab and press "Use this model"), so the shipped model is shown',
  readerModelOtherWorld: (world: string) => `Your model was trained on the world ${world}, not this one, so the shipped model is shown`,
  readerModelOtherSchedule: (schedule: string) => `Your model was trained with the ${schedule} schedule, not this one, so the shipped model is shown`,
  /** The readout of t on the widgets that show fields: its noise level and signal scale. */
  tValue: (t: number, sigma: number, signal: number) => `t = ${t} · σ_t = ${sigma.toFixed(2)} · √ᾱ_t = ${signal.toFixed(2)}`,
  /** What left a sample panel's view: counted per edge, and marked there with a triangle and the count. */
  offscreen: (c: EdgeCounts, n: number) => {
    const where = { left: 'left', right: 'right', top: 'above', bottom: 'below' };
    const edges = edgesLeft(c).map(([edge, k]) => `${k} ${where[edge]}`);
    return `${c.total} of ${n} samples are outside the view (${edges.join(', ')}): the triangles at its edges count them.`;
  },
  copyEmbed: 'Copy embed code',
  downloadSvg: 'Download SVG',
  x0HatLabel: 'x̂₀',
  /** The title of a widget's downloaded figure. */
  figureTitle: (widget: string, world: string, cls: string, s: string) => `${widget}: ${world}, class ${cls}, s = ${s}`,
  present: 'Present',
  moreControls: (n: number) => `More controls (${n})`,
  keys: 'Keys',
  keysTitle: 'Keyboard shortcuts (click or Tab into the figure first)',
  typeScale: (slider: string) => `${slider}, typed`,
  notANumber: (key: string, kept: string) => `${key}: that is not a number; kept ${key} = ${kept}`,
  copied: 'Embed code copied',
  copyFailed: 'Copy failed: select the code below',
  denoiserNames: { learned: 'learned network', exact: 'exact', trained: 'your model' } as Record<string, string>,
  viewNames: {
    guided: 'guided score',
    components: 'components ∅, y and guided',
    difference: 'learned − exact',
    classifier: 'classifier term s∇log p_t(y|x)',
  } as Record<string, string>,
};

/** The accessible value text of a control, e.g. "s = 7.5". */
export function valueText(key: string, value: number, sigma?: number): string {
  if (key === 's' || key === 's2') return `s = ${formatNumber(value, 0.1)}`;
  if (key === 'eta') return `η = ${formatNumber(value, 0.05)}`;
  if (key === 'rescale') return value === 0 ? 'φ = 0 (off)' : `φ = ${formatNumber(value, 0.05)}`;
  if (key === 't') return sigma === undefined ? `t = ${value}` : `t = ${value}, noise level σ = ${sigma.toFixed(2)}`;
  return `${key} = ${value}`;
}
