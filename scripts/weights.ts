// `npm run weights`: trains the shipped pretrained weights into public/weights/ through the
// `scorefield train` command (one process per model), then writes public/weights/index.json.
//
//   npm run weights                      all models (every built-in world × 3 mechanisms + the p_uncond = 0 model),
//                                        2 at a time: ≈ 25 min on this project's shared 2-core machine (3000 s of training in all)
//   npm run weights -- --only two-gaussians --jobs 2
//   npm run weights -- --skip-existing         only the models whose file is missing
//   npm run weights -- --index-only            just rewrite public/weights/index.json
//
// The exact settings of every shipped model are in PLAN below (and in each file's "training" field).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CONDITIONINGS, countParameters, type Conditioning } from '../lib/model/network';
import { DEFAULT_CONDITIONING, shippedWeightsFile, type ShippedEntry } from '../lib/model/shipped';
import { parseWeights } from '../lib/model/weights';
import { BUILTIN_WORLD_NAMES, DEFAULT_WORLD } from '../lib/science/worlds';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = `${root}public/weights/`;

/** Training settings shared by all shipped models (flags of `scorefield train`). */
export const COMMON = { 'batch-size': 128, lr: 0.002, ema: 0.999, seed: 1, dropout: 'expected' } as const;
/**
 * Steps per model: the default world, whose quality goal is checked, gets longer runs (its default
 * mechanism and the p_uncond = 0 twin included). Measured: 16000 steps lowered every ε error of the
 * default model but not the s = 7.5 sliced Wasserstein ratio (4.6× vs 2.1× the floor at 8000): at
 * strong guidance the ratio is dominated by run-to-run variation in the tails (see docs/model-quality.md).
 */
export const STEPS_DEFAULT_MODEL = 8000;
export const STEPS_DEFAULT_WORLD = 8000;
export const STEPS_OTHER_WORLDS = 4000;

interface Job {
  world: string;
  conditioning: Conditioning;
  pUncond: number;
  steps: number;
  file: string;
}

export const PLAN: Job[] = [
  ...BUILTIN_WORLD_NAMES.flatMap((world) =>
    CONDITIONINGS.map((conditioning) => ({
      world,
      conditioning,
      pUncond: 0.1,
      steps: world !== DEFAULT_WORLD ? STEPS_OTHER_WORLDS : conditioning === DEFAULT_CONDITIONING ? STEPS_DEFAULT_MODEL : STEPS_DEFAULT_WORLD,
      file: shippedWeightsFile(world, conditioning),
    })),
  ),
  // CFG needs its unconditional branch: the same model trained without condition dropout
  { world: DEFAULT_WORLD, conditioning: DEFAULT_CONDITIONING, pUncond: 0, steps: STEPS_DEFAULT_MODEL, file: shippedWeightsFile(DEFAULT_WORLD, DEFAULT_CONDITIONING, true) },
];

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function train(job: Job): Promise<void> {
  const args = [
    `${root}bin/scorefield.mjs`, 'train',
    '--world', job.world,
    '--conditioning', job.conditioning,
    '--p-uncond', String(job.pUncond),
    '--steps', String(job.steps),
    ...Object.entries(COMMON).flatMap(([k, v]) => [`--${k}`, String(v)]),
    '--out', outDir + job.file,
  ];
  console.log(`train ${job.file}: scorefield ${args.slice(1).join(' ')}`);
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, args, { stdio: ['ignore', 'inherit', 'pipe'] });
    p.stderr.on('data', (d: Buffer) => {
      for (const line of d.toString().split(/[\r\n]+/)) if (line.trim()) process.stderr.write(`${job.file}: ${line}\n`);
    });
    p.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${job.file}: scorefield train exited with ${code}`))));
  });
}

function writeIndex(): void {
  const entries: ShippedEntry[] = [];
  for (const job of PLAN) {
    let text: string;
    try {
      text = readFileSync(outDir + job.file, 'utf8');
    } catch {
      continue;
    }
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
  writeFileSync(outDir + 'index.json', JSON.stringify({ format: 'scorefield-weights-index', version: 1, models: entries }, null, 1) + '\n');
  console.log(`wrote ${outDir}index.json (${entries.length} models)`);
}

const only = arg('only');
const jobs = Math.max(1, Number(arg('jobs') ?? 2));
const skipExisting = process.argv.includes('--skip-existing');
const todo = process.argv.includes('--index-only')
  ? []
  : PLAN.filter((j) => (!only || only.split(',').some((o) => j.file.startsWith(o))) && !(skipExisting && existsSync(outDir + j.file)));
mkdirSync(outDir, { recursive: true });
const t0 = Date.now();
const queue = [...todo].sort((a, b) => b.steps - a.steps); // longest first: shorter wall time with --jobs > 1
await Promise.all(
  Array.from({ length: Math.min(jobs, queue.length) }, async () => {
    for (let j = queue.shift(); j; j = queue.shift()) await train(j);
  }),
);
writeIndex();
console.log(`trained ${todo.length} models in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
