// The shipped weight files are what `npm run weights` trains: each file's training record (its chain of --init runs
// and, for a mean of runs, the averaged runs' records) is the run PLAN describes, flag by flag.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { defaultArchitecture } from '../../../lib/model/architecture';
import { RECIPE } from '../../../lib/model/recipe';
import type { TrainingInfo } from '../../../lib/model/weights';
import { parseWeights } from '../../../lib/model/weights';
import { COMMON, type Job, PLAN, runsOf, type Stage } from '../../../scripts/weights-plan';

const dir = fileURLToPath(new URL('../../../public/weights/', import.meta.url));

/** The fields of a training record that PLAN sets. */
const FIELDS = ['pUncond', 'dropout', 'steps', 'seed', 'batchSize', 'lr', 'ema', 'noise', 'pMean', 'pStd', 'tailWeight'] as const;
const pick = (t: TrainingInfo) => Object.fromEntries(FIELDS.map((k) => [k, t[k]]));
/** The record `scorefield train` writes for `run` of `job`, `steps` counting the runs before it. */
const record = (job: Job, run: Stage & { seed: number }, steps: number) => pick({ ...COMMON, ...RECIPE, ...job, ...run, steps } as unknown as TrainingInfo);
/** A record's chain of --init runs, first run first. */
const chainOf = (t: TrainingInfo): TrainingInfo[] => [...(t.previous ? chainOf(t.previous) : []), t];

describe('shipped weights are the runs PLAN (scripts/weights-plan.ts) describes', () => {
  for (const job of PLAN) {
    it(job.file, () => {
      const w = parseWeights(readFileSync(dir + job.file, 'utf8'));
      expect(w.architecture.blocks).toBe(job.blocks ?? defaultArchitecture(job.conditioning, 1).blocks);
      let steps = 0;
      const chain = runsOf(job).map((run) => record(job, run, (steps += run.steps)));
      expect(chainOf(w.training).map(pick)).toEqual(chain);
      const branches = (job.averagedWith ?? []).map((run) => [...chain, record(job, run, steps + run.steps)]);
      expect((w.training.averagedWith ?? []).map((t) => chainOf(t).map(pick))).toEqual(branches);
    });
  }
});
