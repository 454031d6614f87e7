/**
 * `scorefield train`: trains the learned denoiser with condition dropout on a world (Node, wasm or
 * cpu backend) and prints the weight file (JSON, format documented in lib/model/README.md), or
 * writes it to --out FILE. A progress bar goes to stderr.
 */
import { DROPOUT_MODES, type DropoutMode } from '../../lib/model/conditioning';
import { CONDITIONINGS, DenoiserModel, type Conditioning } from '../../lib/model/network';
import { NODE_BACKENDS, initNodeBackend, type NodeBackend } from '../../lib/model/node';
import { DEFAULT_CONDITIONING } from '../../lib/model/shipped';
import { LOSS_WEIGHTINGS, Trainer, TrainingDivergedError, trainedWeights, type LossWeighting, type Progress } from '../../lib/model/train';
import { NOISE_SAMPLINGS, type NoiseSampling } from '../../lib/model/noise-levels';
import { PARAMETERIZATIONS, type Parameterization } from '../../lib/model/precondition';
import { RECIPE, recipeArchitecture, recipeTrainOptions, type Recipe } from '../../lib/model/recipe';
import { encodeWeights, type LoadedWeights } from '../../lib/model/weights';
import { architectureDifferences, type Architecture } from '../../lib/model/architecture';
import { makeSchedule, type Schedule, type ScheduleName } from '../../lib/science';
import { UsageError } from '../args';
import { defineCommand } from '../command';
import { loadWorld, scheduleFlag, worldFlag } from '../common';
import { readWeightsFile } from '../learned';

/**
 * The defaults are the settings of the shipped weights of the other worlds (scripts/weights-plan.ts), except the dropout:
 * the coin per example of chapter 4's algorithm here, in expectation (eq. 4.4) for the shipped weights. The recipe flags
 * (--parameterization, --noise, …) default to lib/model/recipe.ts `RECIPE`, which the shipped files predate.
 */
export const TRAIN_DEFAULTS = { steps: 4000, batchSize: 128, lr: 2e-3, ema: 0.999, pUncond: 0.1, dropout: 'sampled', seed: 0, hidden: 64, blocks: 3 } as const;

function progressBar(p: Progress, width = 30): string {
  const f = Math.min(1, p.step / p.steps);
  const fill = Math.round(f * width);
  const eta = p.stepsPerSecond > 0 ? (p.steps - p.step) / p.stepsPerSecond : NaN;
  return `[${'#'.repeat(fill)}${'.'.repeat(width - fill)}] ${p.step}/${p.steps}  loss ${p.smoothLoss.toFixed(4)}  ${p.stepsPerSecond.toFixed(1)} steps/s  ${Number.isFinite(eta) ? `${Math.ceil(eta)} s left` : ''}`;
}

/** The flag that sets each architecture field (numClasses comes from --world, checked by the file's world). */
const ARCH_FLAGS: Partial<Record<keyof Architecture, string>> = {
  conditioning: '--conditioning',
  hidden: '--hidden',
  embed: '--hidden',
  blocks: '--blocks',
  inputFreqs: '--input-freqs',
  inputMaxFreq: '--input-max-freq',
  parameterization: '--parameterization',
  sigmaData: '--sigma-data',
  schedule: '--schedule',
  T: '--schedule',
};

/** --init must hold the network the flags describe: a mismatch is refused, naming the flags to change. */
function refuseOtherArchitecture(path: string, init: LoadedWeights, arch: Architecture, schedule: Schedule): void {
  const a = init.architecture;
  const what = architectureDifferences(a, arch).map(
    (k) => `${k} ${JSON.stringify(a[k] ?? null)} (${ARCH_FLAGS[k] ?? 'not a flag'} gives ${JSON.stringify(arch[k] ?? null)})`,
  );
  // the schedule it was trained with (part of the architecture only for parameterizations other than ε)
  const s = init.schedule;
  if ((s.name !== schedule.name || s.T !== schedule.T) && !what.some((w) => w.startsWith('schedule ')))
    what.push(`trained with the ${s.name} schedule, T = ${s.T} (--schedule gives ${schedule.name}, T = ${schedule.T})`);
  if (what.length > 0) throw new UsageError(`--init ${path} holds another network: ${what.join(', ')}; give the flags it was trained with`);
}

export default defineCommand({
  name: 'train',
  summary: 'train the learned denoiser (condition dropout) and write its weight file',
  flags: {
    ...worldFlag,
    conditioning: { type: 'enum', values: CONDITIONINGS, default: DEFAULT_CONDITIONING, help: 'how the class enters the network' },
    'p-uncond': { type: 'number', min: 0, max: 1, default: TRAIN_DEFAULTS.pUncond, help: 'probability of replacing y by ∅ (condition dropout)' },
    dropout: {
      type: 'enum',
      values: DROPOUT_MODES,
      default: TRAIN_DEFAULTS.dropout,
      help: "sampled: one p-uncond coin per point; expected: each point under both y and ∅, weighted 1 − p-uncond and p-uncond (same expected loss, without the coin's noise)",
    },
    steps: { type: 'int', min: 1, max: 1000000, default: TRAIN_DEFAULTS.steps, help: 'training steps' },
    seed: { type: 'int', min: 0, max: 4294967295, default: TRAIN_DEFAULTS.seed, help: 'seed of the initial weights and of the batches' },
    'batch-size': { type: 'int', min: 1, max: 65536, default: TRAIN_DEFAULTS.batchSize, help: 'points per step' },
    lr: { type: 'number', min: 1e-6, max: 1, default: TRAIN_DEFAULTS.lr, help: 'peak learning rate (linear warm-up, cosine decay to lr/20)' },
    ema: { type: 'number', min: 0, max: 0.99999, default: TRAIN_DEFAULTS.ema, help: 'EMA decay of the weights (0 = off); the file holds the EMA weights' },
    hidden: { type: 'int', min: 4, max: 1024, default: TRAIN_DEFAULTS.hidden, help: 'hidden width H' },
    blocks: { type: 'int', min: 1, max: 16, default: TRAIN_DEFAULTS.blocks, help: 'residual blocks' },
    'input-freqs': {
      type: 'int',
      min: 0,
      max: 64,
      default: 0,
      help: 'Fourier features of x_t: sin and cos of each coordinate at this many frequencies (0: x_t only)',
    },
    'input-max-freq': { type: 'number', min: 1, max: 1000, default: 8, help: 'highest frequency of --input-freqs, in radians per unit of x' },
    parameterization: {
      type: 'enum',
      values: PARAMETERIZATIONS,
      default: RECIPE.parameterization,
      help: "what the network predicts: eps, x0, v, or edm (Karras et al. 2022's c_skip/c_out/c_in with λ(σ))",
    },
    'sigma-data': { type: 'number', min: 0.01, max: 100, default: RECIPE.sigmaData, help: 'σ_data of --parameterization edm' },
    noise: { type: 'enum', values: NOISE_SAMPLINGS, default: RECIPE.noise, help: 'noise levels in training: uniform t, or log-normal σ (--p-mean, --p-std)' },
    'p-mean': { type: 'number', min: -10, max: 10, default: RECIPE.pMean, help: 'mean of ln σ for --noise lognormal' },
    'p-std': { type: 'number', min: 0.01, max: 10, default: RECIPE.pStd, help: 'standard deviation of ln σ for --noise lognormal' },
    'loss-weighting': {
      type: 'enum',
      values: LOSS_WEIGHTINGS,
      default: RECIPE.lossWeighting,
      help: 'learned: a per-noise-level weighting u(t) trained with the model (Karras et al. 2024)',
    },
    'tail-weight': {
      type: 'number',
      min: 0,
      max: 100,
      default: 0,
      help: 'weight each row of the loss by 1 + (|x_t| / R)^4 for this radius R (0: off); a weight of x_t alone leaves the minimiser unchanged and moves accuracy outward, where guided paths at large s pass',
    },
    init: {
      type: 'string',
      meta: 'a weight file',
      help: 'start from these weights (their EMA) instead of random ones and train --steps more, with a fresh Adam and learning-rate schedule; the architecture and schedule flags must describe the same network as the file',
    },
    backend: { type: 'enum', values: NODE_BACKENDS, default: 'wasm', help: 'tfjs backend' },
    quiet: { type: 'boolean', help: 'no progress bar on stderr' },
    ...scheduleFlag,
  },
  async run(f) {
    const world = loadWorld(f.world);
    const conditioning = f.conditioning as Conditioning;
    const schedule = makeSchedule(f.schedule as ScheduleName);
    if (conditioning === 'cross-attention' && f.hidden % 4 !== 0) throw new UsageError('--hidden must be a multiple of 4 for cross-attention (4 query tokens)');
    const backend = await initNodeBackend(f.backend as NodeBackend);
    const recipe: Recipe = {
      parameterization: f.parameterization as Parameterization,
      sigmaData: f['sigma-data'],
      noise: f.noise as NoiseSampling,
      pMean: f['p-mean'],
      pStd: f['p-std'],
      lossWeighting: f['loss-weighting'] as LossWeighting,
    };
    const arch = recipeArchitecture(conditioning, world.classes.length, schedule.name, recipe, {
      hidden: f.hidden,
      embed: f.hidden,
      blocks: f.blocks,
      inputFreqs: f['input-freqs'],
      inputMaxFreq: f['input-max-freq'],
      T: schedule.T,
    });
    const init = f.init === undefined ? undefined : readWeightsFile(f.init, 'init', world);
    if (init) refuseOtherArchitecture(f.init as string, init, arch, schedule);
    const model = init ? DenoiserModel.fromValues(init.architecture, init.values) : DenoiserModel.create(arch, f.seed);
    const trainer = new Trainer(model, {
      world,
      schedule,
      pUncond: f['p-uncond'],
      dropout: f.dropout as DropoutMode,
      steps: f.steps,
      batchSize: f['batch-size'],
      lr: f.lr,
      ema: f.ema,
      seed: f.seed,
      tailWeight: f['tail-weight'],
      ...recipeTrainOptions(recipe),
    });
    const tty = process.stderr.isTTY === true;
    let lastLine = 0;
    const t0 = performance.now();
    try {
      await trainer.run({
        progressEvery: 10,
        onProgress: (p) => {
          if (f.quiet || p.step === lastLine) return;
          if (tty) {
            lastLine = p.step;
            process.stderr.write(`\r${progressBar(p)}`);
          } else if (p.step === p.steps || p.step - lastLine >= Math.max(1, Math.floor(p.steps / 20))) {
            lastLine = p.step;
            process.stderr.write(`${progressBar(p)}\n`);
          }
        },
      });
      if (tty && !f.quiet) process.stderr.write('\n');
      const seconds = (performance.now() - t0) / 1000;
      const { meta, values } = trainedWeights(trainer, { backend, seconds, previous: init?.training });
      return encodeWeights(meta, values);
    } catch (e) {
      if (e instanceof TrainingDivergedError) throw new Error(`${e.message} (nothing written)`);
      throw e;
    } finally {
      trainer.dispose();
      model.dispose();
    }
  },
});
