/**
 * `scorefield evaluate`: the quality of learned weights against the exact world: p_t-weighted ε RMSE
 * per band of timesteps (for y and for ∅) and the sliced Wasserstein distance between learned and
 * exact samples at s = 0, 1, 3, 7.5 next to the Monte-Carlo floor (two independent exact runs), and the error of
 * the learned guidance direction ε_y − ε_∅ along exact guided paths at s = 7.5, per band.
 * `--shipped` evaluates every model in public/weights/; `--markdown FILE` writes the table(s) into FILE, keeping the
 * sections of models not evaluated and the hand-written notes of an existing document.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { LearnedDenoiser } from '../../lib/model/denoiser';
import { countParameters } from '../../lib/model/network';
import { initNodeBackend } from '../../lib/model/node';
import {
  defaultBands,
  epsErrorByBand,
  guidedPathError,
  slicedWassersteinTable,
  REPEAT_SEED_STRIDE,
  type BandError,
  type GuidedPathError,
  type SwRow,
} from '../../lib/model/quality';
import type { LoadedWeights } from '../../lib/model/weights';
import { UsageError } from '../args';
import { defineCommand } from '../command';
import { SHIPPED_WEIGHTS_DIR, readWeightsFile } from '../learned';

export const EVAL_DEFAULTS = { n: 2000, steps: 100, seed: 2024, repeats: 1, scales: [0, 1, 3, 7.5], pathScale: 7.5, pathN: 500 } as const;

interface Report {
  file: string;
  world: string;
  conditioning: string;
  /** The world's class names, in order (the SW table's ratio by class). */
  classes: string[];
  pUncond: number;
  trainSteps: number;
  /** Steps of the other runs averaged with this one (`scorefield average`); empty: one run. */
  averagedSteps: number[];
  parameters: number;
  /** n of the sliced Wasserstein runs (a document can hold sections evaluated at different n). */
  samplesPerClass: number;
  finalLoss: number;
  epsRmse: (BandError & { band: { lo: number; hi: number } })[];
  /** Error of the learned ε_y − ε_∅ along exact guided paths at s = `EVAL_DEFAULTS.pathScale`, same bands. */
  guidedPath: GuidedPathError[];
  slicedWasserstein: SwRow[];
}

/** What an evaluation ran with (the document header states it). */
interface Settings {
  n: number;
  steps: number;
  seed: number;
  repeats: number;
}

const f3 = (x: number): string => (Number.isNaN(x) ? '–' : x < 0.001 ? x.toExponential(1) : x.toFixed(3));

/** ", the mean of it and N other runs of … steps" for a model averaged from several runs; "" for one run. */
const averaged = (r: Report): string =>
  r.averagedSteps.length ? ` (the mean of this run and ${r.averagedSteps.length} others of ${r.averagedSteps.join(', ')} steps)` : '';

/** One model's table, as markdown. */
export function markdownFor(r: Report): string {
  const repeats = r.slicedWasserstein[0]?.ratios.length ?? 1;
  const repeated = repeats > 1;
  const head = `### ${r.world}, ${r.conditioning}, p_uncond = ${r.pUncond}\n\n\`${r.file}\`: ${r.parameters} parameters, ${r.trainSteps} steps${averaged(r)}, final loss ${r.finalLoss.toFixed(4)}; SW with ${r.samplesPerClass} samples per class${repeated ? `, ${repeats} repeats` : ''}.\n`;
  const bands = r.epsRmse.map((b, i) => `| ${b.band.lo}–${b.band.hi} | ${f3(b.rmseCond)} | ${f3(b.rmseUncond)} | ${f3(r.guidedPath[i]!.rmseDiff)} |`);
  const each = (s: SwRow): string => (repeated ? ` ${s.ratios.map((x) => `${x.toFixed(2)}×`).join(', ')} |` : '');
  const byClass = (s: SwRow): string => ` ${s.byClass.map((x) => x.toFixed(2)).join(' / ')} |`;
  const sw = r.slicedWasserstein.map((s) => `| ${s.s} | ${f3(s.learned)} | ${f3(s.floor)} | ${s.ratio.toFixed(2)}× |${each(s)}${byClass(s)}`);
  return [
    head,
    `| t band | ε RMSE, c = y | ε RMSE, c = ∅ | ε_y − ε_∅ error on guided paths (s = ${EVAL_DEFAULTS.pathScale}) |`,
    '| --- | --- | --- | --- |',
    ...bands,
    '',
    `| s | SW learned vs exact | SW floor (exact vs exact) | ratio |${repeated ? ' ratio of each repeat |' : ''} ratio by class (${r.classes.join(' / ')}) |`,
    `| --- | --- | --- | --- |${repeated ? ' --- |' : ''} --- |`,
    ...sw,
    '',
  ].join('\n');
}

export function markdownDocument(reports: Report[], settings: Settings): string {
  return [
    '# Quality of the learned models',
    '',
    'Written by `npx scorefield evaluate` (see lib/model/README.md). For each model:',
    '',
    '- **ε RMSE**: √(mean of (ε_θ − ε*)² over points and both coordinates), with x_t drawn from the noised data',
    '  (x_0, y from the world, t uniform in the band, 16 stratified timesteps × 256 points), for c = y (the point’s',
    '  own class) and c = ∅ at the same x_t. For scale: ε has unit variance per coordinate.',
    `- **ε_y − ε_∅ error on guided paths**: RMSE of the learned difference ε_θ(x_t, t, y) − ε_θ(x_t, t, ∅) against the exact`,
    `  one, at the points of ${EVAL_DEFAULTS.pathN} exact guided DDIM paths per class at s = ${EVAL_DEFAULTS.pathScale} (${settings.steps} steps). CFG multiplies it by s:`,
    '  ε̃ = ε_∅ + s(ε_y − ε_∅). The ε RMSE measures each branch where the data are; this, their difference where guided samples go.',
    `- **SW**: sliced Wasserstein distance (64 directions) between ${settings.n} learned and ${settings.n} exact samples per`,
    `  class (mean over classes), DDIM with ${settings.steps} steps, CFG at scale s; the **floor** is the same distance between`,
    '  two independent exact runs (the Monte-Carlo noise of the comparison). A ratio near 1 means the learned model',
    '  is as close to the exact world as sampling noise lets us tell. The ratio by class is each class’s distance over its',
    '  own floor (the table’s ratio is their floor-weighted mean). Goals: ≤ 2× at s = 1 and s = 7.5 for the default',
    '  mechanism of every world, ≤ 1.5× for the default world.',
    settings.repeats > 1
      ? `- ${settings.repeats} repeats with seeds ${Array.from({ length: settings.repeats }, (_, r) => settings.seed + REPEAT_SEED_STRIDE * r).join(', ')} (the distances summed over them; the ratio of each repeat shows the spread).`
      : `- seed ${settings.seed}.`,
    '',
    ...reports.map(markdownFor),
  ].join('\n');
}

/**
 * The document with these models' sections written in: an existing document keeps every other model's section and
 * the hand-written notes after them (a `## ` heading); its header is rewritten with these settings.
 */
export function updateDocument(existing: string | null, reports: Report[], settings: Settings): string {
  const fresh = markdownDocument(reports, settings);
  const first = existing?.indexOf('\n### ') ?? -1;
  if (!existing || first < 0) return fresh;
  const notesAt = existing.indexOf('\n## ', first);
  const body = existing.slice(first + 1, notesAt < 0 ? undefined : notesAt + 1);
  const sections = new Map<string, string>(body.split(/\n(?=### )/).map((sec) => [sec.slice(0, sec.indexOf('\n')), `${sec.trimEnd()}\n`]));
  for (const r of reports) {
    const md = markdownFor(r);
    sections.set(md.slice(0, md.indexOf('\n')), md);
  }
  const header = fresh.slice(0, fresh.indexOf('\n### ') + 1);
  const models = [...sections.keys()].sort().map((k) => sections.get(k)!);
  return `${header}${models.join('\n')}${notesAt < 0 ? '' : existing.slice(notesAt + 1)}`;
}

async function evaluateOne(file: string, w: LoadedWeights, o: Settings & { progress: boolean }): Promise<Report> {
  const den = LearnedDenoiser.fromWeights(w);
  try {
    const world = w.world.definition;
    const say = (m: string): void => {
      if (o.progress) process.stderr.write(`${file}: ${m}\n`);
    };
    const bands = defaultBands(w.schedule.T);
    say('ε error by band…');
    const epsRmse = await epsErrorByBand(den, world, { bands, seed: o.seed });
    say(`guidance direction on guided paths (s = ${EVAL_DEFAULTS.pathScale})…`);
    const guidedPath = await guidedPathError(den, world, { s: EVAL_DEFAULTS.pathScale, n: EVAL_DEFAULTS.pathN, steps: o.steps, seed: o.seed, bands });
    const slicedWasserstein = await slicedWassersteinTable(den, world, {
      scales: [...EVAL_DEFAULTS.scales],
      n: o.n,
      steps: o.steps,
      seed: o.seed,
      repeats: o.repeats,
      onProgress: say,
    });
    return {
      file,
      world: w.world.name,
      conditioning: w.architecture.conditioning,
      classes: world.classes.map((c) => c.name),
      pUncond: w.training.pUncond,
      trainSteps: w.training.steps,
      averagedSteps: (w.training.averagedWith ?? []).map((t) => t.steps),
      samplesPerClass: o.n,
      parameters: countParameters(w.architecture),
      finalLoss: w.training.finalLoss,
      epsRmse,
      guidedPath,
      slicedWasserstein,
    };
  } finally {
    den.dispose();
  }
}

export default defineCommand({
  name: 'evaluate',
  summary: 'measure learned weights against the exact world (ε RMSE per band, sliced Wasserstein vs the floor)',
  flags: {
    weights: { type: 'string', meta: 'a weights file', help: 'the weights to evaluate' },
    shipped: { type: 'boolean', help: 'evaluate every shipped model in public/weights/ (instead of --weights)' },
    n: { type: 'int', min: 10, max: 100000, default: EVAL_DEFAULTS.n, help: 'samples per class per run for the sliced Wasserstein distance' },
    steps: { type: 'int', min: 1, max: 1000, default: EVAL_DEFAULTS.steps, help: 'DDIM steps of the sampling runs' },
    seed: { type: 'int', min: 0, max: 4294967295 - 100 * REPEAT_SEED_STRIDE, default: EVAL_DEFAULTS.seed, help: 'seed of the evaluation draws' },
    repeats: {
      type: 'int',
      min: 1,
      max: 100,
      default: EVAL_DEFAULTS.repeats,
      help: `independent repeats of the sliced Wasserstein runs (repeat r draws with seed + ${REPEAT_SEED_STRIDE} r); the distances are summed over them, and each repeat's ratio is reported`,
    },
    markdown: {
      type: 'string',
      meta: 'a file path',
      help: 'also write the table(s) as markdown into this file (an existing document keeps its other models and notes)',
    },
    quiet: { type: 'boolean', help: 'no progress on stderr' },
  },
  async run(f) {
    if ((f.weights === undefined) === !f.shipped) throw new UsageError('give either --weights FILE or --shipped');
    let files: string[];
    if (f.shipped) {
      if (!existsSync(SHIPPED_WEIGHTS_DIR)) throw new UsageError(`no shipped weights in ${SHIPPED_WEIGHTS_DIR}: run npm run weights`);
      files = readdirSync(SHIPPED_WEIGHTS_DIR)
        .filter((n) => n.endsWith('.json') && n !== 'index.json')
        .sort()
        .map((n) => SHIPPED_WEIGHTS_DIR + n);
      if (files.length === 0) throw new UsageError(`no shipped weights in ${SHIPPED_WEIGHTS_DIR}: run npm run weights`);
    } else files = [f.weights!];
    const loaded = files.map((p) => ({ p, w: readWeightsFile(p, f.shipped ? 'shipped' : 'weights') }));
    await initNodeBackend('wasm');
    const settings: Settings = { n: f.n, steps: f.steps, seed: f.seed, repeats: f.repeats };
    const reports: Report[] = [];
    for (const { p, w } of loaded) {
      const name = p.startsWith(SHIPPED_WEIGHTS_DIR) ? `public/weights/${p.slice(SHIPPED_WEIGHTS_DIR.length)}` : p;
      reports.push(await evaluateOne(name, w, { ...settings, progress: !f.quiet }));
    }
    if (f.markdown !== undefined) {
      try {
        writeFileSync(f.markdown, updateDocument(existsSync(f.markdown) ? readFileSync(f.markdown, 'utf8') : null, reports, settings));
      } catch (e) {
        throw new UsageError(`--markdown: cannot write "${f.markdown}" (${(e as Error).message})`);
      }
    }
    return { settings, models: reports };
  },
});
