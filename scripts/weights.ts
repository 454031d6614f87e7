// `npm run weights`: trains the shipped pretrained weights into public/weights/ through the
// `scorefield train` command (one process per model), then writes public/weights/index.json.
//
//   npm run weights                      all models (every built-in world × 3 mechanisms + the p_uncond = 0 model),
//                                        2 at a time: ≈ 4 hours on a 2-core machine (≈ 7½ hours of one core)
//   npm run weights -- --only two-gaussians --jobs 2
//   npm run weights -- --skip-existing         only the models whose file is missing
//   npm run weights -- --index-only            just rewrite public/weights/index.json
//   npm run weights -- --dry-run               print every scorefield train command line, run none
//
// The exact settings of every shipped model are in PLAN below (and in each file's "training" field); p_uncond per
// model is shippedPUncond in lib/model/shipped.ts.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONDITIONINGS, countParameters, type Conditioning } from '../lib/model/network';
import { RECIPE } from '../lib/model/recipe';
import { DEFAULT_CONDITIONING, shippedPUncond, shippedWeightsFile, type ShippedEntry } from '../lib/model/shipped';
import { parseWeights } from '../lib/model/weights';
import { BUILTIN_WORLD_NAMES, DEFAULT_WORLD } from '../lib/science/worlds';
import { arg } from './argv';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = `${root}public/weights/`;

/**
 * Training settings shared by all shipped models (flags of `scorefield train`). Condition dropout in expectation
 * (eq. 4.4, `--dropout expected`): measured on the default world, it learns ε_∅ and the guidance direction
 * ε_y − ε_∅ more accurately than a coin per example at the same steps (docs/model-quality.md).
 */
export const COMMON = {
  lr: 0.002,
  ema: 0.999,
  seed: 1,
  dropout: 'expected',
  // the recipe (lib/model/recipe.ts), spelled out so that the command line printed for each model reproduces it
  parameterization: RECIPE.parameterization,
  'sigma-data': RECIPE.sigmaData,
  noise: RECIPE.noise,
  'p-mean': RECIPE.pMean,
  'p-std': RECIPE.pStd,
  'loss-weighting': RECIPE.lossWeighting,
} as const;
/**
 * Steps and batch per model. The default world, whose quality goal (≤ 1.5× the Monte-Carlo floor at s = 1 and 7.5)
 * is checked, gets twice the examples of the other worlds' default-mechanism models, for all its models (the three
 * mechanisms, compared in fig. 6.1, and the p_uncond = 0 twin): at s = 7.5 the sliced Wasserstein ratio is set by the
 * error of ε_y − ε_∅ where guided samples go, which more examples bring down (docs/model-quality.md, "Twice the
 * steps": `add` at s = 7.5 2.00× the floor with 16000 × 256, 1.38× with 32000 × 256).
 */
export const DEFAULT_WORLD_RUN = { steps: 32000, batchSize: 256 } as const;
export const OTHER_WORLDS_RUN = { steps: 4000, batchSize: 128 } as const;
/**
 * The default mechanism's model of every other world (what the figures show unless a reader picks another mechanism),
 * trained with the recipe (COMMON) on four times the examples of its siblings: at s = 7.5 more examples moved these
 * models most (docs/model-quality.md, "More examples": 8000 → 16000 steps took minor-mode from 2.13× to 1.34× the floor,
 * branching-tree from 4.09× to 3.56×). The default world's models (all three mechanisms, compared in fig. 6.1, and the
 * p_uncond = 0 twin) share DEFAULT_WORLD_RUN, so that fig. 6.1 compares mechanisms, not training budgets.
 */
export const DEFAULT_MECHANISM_RUN = { steps: 16000, batchSize: 256 } as const;
/**
 * Worlds whose default mechanism's model departs from DEFAULT_MECHANISM_RUN: the two hardest worlds get a deeper network
 * (5 residual blocks instead of 3) and a second run from its weights at half the peak learning rate. At s = 7.5, pooled
 * over three evaluation seeds (docs/model-quality.md, "A second run"): three-spirals 2.58× → 2.21× the floor after
 * 32000 + 24000 steps, branching-tree 2.36× (3 blocks, 16000 steps) → 1.71× after 16000 + 24000 steps. A third run of
 * 16000 steps made both worse (3.02×, 1.85×), so the chain stops at two.
 */
export const WORLD_RUNS: Readonly<Record<string, Run>> = {
  'three-spirals': { steps: 32000, batchSize: 256, blocks: 5, continued: [{ steps: 24000, lr: 0.001 }] },
  'branching-tree': { steps: 16000, batchSize: 256, blocks: 5, continued: [{ steps: 24000, lr: 0.001 }] },
};

function runOf(world: string, conditioning: Conditioning): Run {
  if (world === DEFAULT_WORLD) return DEFAULT_WORLD_RUN;
  if (conditioning !== DEFAULT_CONDITIONING) return OTHER_WORLDS_RUN;
  return WORLD_RUNS[world] ?? DEFAULT_MECHANISM_RUN;
}

/**
 * Steps, batch and (where not the architecture's default) residual blocks of one model; `continued`: runs that continue from
 * the weights before them (`scorefield train --init`), each with its own steps and peak learning rate, a fresh Adam and
 * schedule, and seed COMMON.seed + its place in the chain (new batches).
 */
interface Run {
  steps: number;
  batchSize: number;
  blocks?: number;
  continued?: readonly { steps: number; lr: number }[];
}

interface Job extends Run {
  world: string;
  conditioning: Conditioning;
  pUncond: number;
  file: string;
}

export const PLAN: Job[] = [
  ...BUILTIN_WORLD_NAMES.flatMap((world) =>
    CONDITIONINGS.map((conditioning) => ({
      world,
      conditioning,
      pUncond: shippedPUncond(world, conditioning),
      ...runOf(world, conditioning),
      file: shippedWeightsFile(world, conditioning),
    })),
  ),
  // CFG needs its unconditional branch: the same model trained without condition dropout
  {
    world: DEFAULT_WORLD,
    conditioning: DEFAULT_CONDITIONING,
    pUncond: 0,
    ...DEFAULT_WORLD_RUN,
    file: shippedWeightsFile(DEFAULT_WORLD, DEFAULT_CONDITIONING, true),
  },
];

/** A job's runs in turn: the first from random weights, then each `continued` one. */
const runsOf = (job: Job): { steps: number; lr: number }[] => [{ steps: job.steps, lr: COMMON.lr }, ...(job.continued ?? [])];
/** All steps of a job. */
const totalSteps = (job: Job): number => runsOf(job).reduce((sum, r) => sum + r.steps, 0);

/** The job's runs in turn, each continuing from the file the one before wrote; the last writes the shipped file. */
async function train(job: Job): Promise<void> {
  const runs = runsOf(job);
  let previous: string | undefined;
  for (const [i, run] of runs.entries()) {
    const out = i === runs.length - 1 ? outDir + job.file : join(tmpdir(), `scorefield-weights-${i}-${job.file}`);
    const args = [
      '--world',
      job.world,
      '--conditioning',
      job.conditioning,
      '--p-uncond',
      String(job.pUncond),
      '--steps',
      String(run.steps),
      '--batch-size',
      String(job.batchSize),
      ...(job.blocks ? ['--blocks', String(job.blocks)] : []),
      ...Object.entries({ ...COMMON, lr: run.lr, seed: COMMON.seed + i }).flatMap(([k, v]) => [`--${k}`, String(v)]),
      ...(previous ? ['--init', previous] : []),
      '--out',
      out,
    ];
    await scorefieldTrain(job.file, args);
    previous = out;
  }
}

function scorefieldTrain(file: string, args: string[]): Promise<void> {
  console.log(`train ${file}: scorefield train ${args.join(' ')}`);
  if (dryRun) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [`${root}bin/scorefield.mjs`, 'train', ...args], { stdio: ['ignore', 'inherit', 'pipe'] });
    p.stderr.on('data', (d: Buffer) => {
      for (const line of d.toString().split(/[\r\n]+/)) if (line.trim()) process.stderr.write(`${file}: ${line}\n`);
    });
    p.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${file}: scorefield train exited with ${code}`))));
  });
}

function writeIndex(): void {
  const entries: ShippedEntry[] = [];
  // every weight file in the folder: models of PLAN and any kept from an earlier recipe (their files say how they were trained)
  const files = readdirSync(outDir)
    .filter((f) => f.endsWith('.json') && f !== 'index.json')
    .sort();
  for (const file of files) {
    const job = { file };
    const text = readFileSync(outDir + job.file, 'utf8');
    const w = parseWeights(text);
    entries.push({
      file: job.file,
      world: w.world.name,
      conditioning: w.architecture.conditioning,
      pUncond: w.training.pUncond,
      steps: w.training.steps,
      seed: w.training.seed,
      finalLoss: w.training.finalLoss,
      parameters: countParameters(w.architecture),
      bytes: statSync(outDir + job.file).size,
    });
  }
  writeFileSync(`${outDir}index.json`, `${JSON.stringify({ format: 'scorefield-weights-index', version: 1, models: entries }, null, 1)}\n`);
  console.log(`wrote ${outDir}index.json (${entries.length} models)`);
}

const only = arg('only');
const jobs = Math.max(1, Number(arg('jobs') ?? 2));
const skipExisting = process.argv.includes('--skip-existing');
const dryRun = process.argv.includes('--dry-run');
const todo = process.argv.includes('--index-only')
  ? []
  : PLAN.filter((j) => (!only || only.split(',').some((o) => j.file.startsWith(o))) && !(skipExisting && existsSync(outDir + j.file)));
mkdirSync(outDir, { recursive: true });
const t0 = Date.now();
const queue = [...todo].sort((a, b) => totalSteps(b) * b.batchSize - totalSteps(a) * a.batchSize); // longest first: shorter wall time with --jobs > 1
await Promise.all(
  Array.from({ length: Math.min(jobs, queue.length) }, async () => {
    for (let j = queue.shift(); j; j = queue.shift()) await train(j);
  }),
);
if (dryRun) process.exit(0);
writeIndex();
console.log(`trained ${todo.length} models in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
