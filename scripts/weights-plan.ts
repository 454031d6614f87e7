// What every shipped model in public/weights/ is trained with: PLAN, run by `npm run weights` (scripts/weights.ts)
// through `scorefield train` and `scorefield average`, and checked against the shipped files' training records by
// tests/unit/model/weights-plan.test.ts. p_uncond per model is shippedPUncond in lib/model/shipped.ts.
import { CONDITIONINGS, type Conditioning } from '../lib/model/network';
import { RECIPE } from '../lib/model/recipe';
import { DEFAULT_CONDITIONING, shippedPUncond, shippedWeightsFile } from '../lib/model/shipped';
import { BUILTIN_WORLD_NAMES, DEFAULT_WORLD } from '../lib/science/worlds';

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
 * 16000 steps made both worse (3.02×, 1.85×), so the chain stops at two. Three-spirals' shipped file is then the mean
 * (`scorefield average`) of that model and three 16000-step runs continued from it with `--tail-weight 2` (seeds 2–4):
 * 2.21× → 1.49× pooled over the same seeds, 1.62× → 1.57× over three others (docs/model-quality.md, "Tail-weighted
 * runs, averaged"). Averaging branching-tree's model with its third run did not help it (1.68×), so it stays one run.
 * Minor-mode's model is the mean of its DEFAULT_MECHANISM_RUN and two 8000-step `--tail-weight 2` runs from it: 1.61× →
 * 1.23× pooled, its class b 3.79× → 2.46× (docs/model-quality.md, "The ratio by class").
 */
export const WORLD_RUNS: Readonly<Record<string, Run>> = {
  'three-spirals': {
    steps: 32000,
    batchSize: 256,
    blocks: 5,
    continued: [{ steps: 24000, lr: 0.001 }],
    averagedWith: [2, 3, 4].map((seed) => ({ steps: 16000, lr: 0.001, seed, tailWeight: 2 })),
  },
  'branching-tree': { steps: 16000, batchSize: 256, blocks: 5, continued: [{ steps: 24000, lr: 0.001 }] },
  'minor-mode': { ...DEFAULT_MECHANISM_RUN, averagedWith: [2, 3].map((seed) => ({ steps: 8000, lr: 0.001, seed, tailWeight: 2 })) },
};

function runOf(world: string, conditioning: Conditioning): Run {
  if (world === DEFAULT_WORLD) return DEFAULT_WORLD_RUN;
  if (conditioning !== DEFAULT_CONDITIONING) return OTHER_WORLDS_RUN;
  return WORLD_RUNS[world] ?? DEFAULT_MECHANISM_RUN;
}

/** One training run: its steps and peak learning rate, and where set its seed and `--tail-weight`. */
export interface Stage {
  steps: number;
  lr: number;
  seed?: number;
  tailWeight?: number;
}

/**
 * Steps, batch and (where not the architecture's default) residual blocks of one model; `continued`: runs that continue from
 * the weights before them (`scorefield train --init`), each with its own steps and peak learning rate, a fresh Adam and
 * schedule, and seed COMMON.seed + its place in the chain (new batches) unless it names one; `averagedWith`: runs that each
 * continue from the chain's last weights, whose mean with those weights (`scorefield average`) is the shipped file.
 */
export interface Run {
  steps: number;
  batchSize: number;
  blocks?: number;
  continued?: readonly Stage[];
  averagedWith?: readonly (Stage & { seed: number })[];
}

export interface Job extends Run {
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

/** A job's runs in turn, with their seeds: the first from random weights, then each `continued` one. */
export const runsOf = (job: Job): (Stage & { seed: number })[] =>
  [{ steps: job.steps, lr: COMMON.lr }, ...(job.continued ?? [])].map((run, i) => ({ ...run, seed: run.seed ?? COMMON.seed + i }));
/** All steps of a job, the averaged branches' included. */
export const totalSteps = (job: Job): number => [...runsOf(job), ...(job.averagedWith ?? [])].reduce((sum, r) => sum + r.steps, 0);
