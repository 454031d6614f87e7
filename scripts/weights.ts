// `npm run weights`: trains the shipped pretrained weights into public/weights/ through the
// `scorefield train` command (one process per model; `scorefield average` for a model that is a mean of runs), then
// writes public/weights/index.json.
//
//   npm run weights                      all models (every built-in world × 3 mechanisms + the p_uncond = 0 model),
//                                        2 at a time: ≈ 5 hours on a 2-core machine (≈ 9 hours of one core)
//   npm run weights -- --only two-gaussians --jobs 2
//   npm run weights -- --skip-existing         only the models whose file is missing
//   npm run weights -- --index-only            just rewrite public/weights/index.json
//   npm run weights -- --dry-run               print every scorefield command line, run none
//
// What each shipped model is trained with is PLAN in scripts/weights-plan.ts (and each file's "training" field).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { countParameters } from '../lib/model/network';
import type { ShippedEntry } from '../lib/model/shipped';
import { parseWeights } from '../lib/model/weights';
import { arg } from './argv';
import { COMMON, type Job, PLAN, runsOf, type Stage, totalSteps } from './weights-plan';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = `${root}public/weights/`;

/** A file for an intermediate run of `job` (a run the shipped file continues from or averages). */
const scratch = (name: string, job: Job): string => join(tmpdir(), `scorefield-weights-${name}-${job.file}`);

/**
 * The job's runs in turn, each continuing from the file the one before wrote; the last writes the shipped file, or, for a
 * job with `averagedWith`, each of those runs continues from it and the shipped file is the mean of it and theirs.
 */
async function train(job: Job): Promise<void> {
  const runs = runsOf(job);
  const soup = job.averagedWith ?? [];
  let previous: string | undefined;
  for (const [i, run] of runs.entries()) {
    const out = i === runs.length - 1 && soup.length === 0 ? outDir + job.file : scratch(String(i), job);
    await scorefield(job.file, 'train', [...trainArgs(job, run, previous), '--out', out]);
    previous = out;
  }
  if (!previous || soup.length === 0) return;
  const branches = soup.map((_, k) => scratch(`branch-${k}`, job));
  for (const [k, run] of soup.entries()) await scorefield(job.file, 'train', [...trainArgs(job, run, previous), '--out', branches[k]!]);
  await scorefield(job.file, 'average', ['--weights', [previous, ...branches].join(','), '--out', outDir + job.file]);
}

/** `scorefield train` flags of one run of a job. */
function trainArgs(job: Job, run: Stage & { seed: number }, init: string | undefined): string[] {
  return [
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
    ...(run.tailWeight ? ['--tail-weight', String(run.tailWeight)] : []),
    ...Object.entries({ ...COMMON, lr: run.lr, seed: run.seed }).flatMap(([k, v]) => [`--${k}`, String(v)]),
    ...(init ? ['--init', init] : []),
  ];
}

function scorefield(file: string, command: 'train' | 'average', args: string[]): Promise<void> {
  console.log(`${command} ${file}: scorefield ${command} ${args.join(' ')}`);
  if (dryRun) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [`${root}bin/scorefield.mjs`, command, ...args], { stdio: ['ignore', 'inherit', 'pipe'] });
    p.stderr.on('data', (d: Buffer) => {
      for (const line of d.toString().split(/[\r\n]+/)) if (line.trim()) process.stderr.write(`${file}: ${line}\n`);
    });
    p.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${file}: scorefield ${command} exited with ${code}`))));
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
