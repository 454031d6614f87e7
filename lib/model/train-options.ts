/** The options of a denoiser training run, their defaults and checks. */
import { makeSchedule, type Schedule } from '../science/schedule';
import type { World } from '../science/types';
import { DROPOUT_MODES, type DropoutMode } from './conditioning';
import { NOISE_SAMPLINGS, type NoiseSampling } from './noise-levels';

export interface TrainOptions {
  /** The world to learn. Its number of classes must equal the model's. */
  world: World;
  /** Noise schedule; default linear with the model's T. */
  schedule?: Schedule;
  /** Probability of replacing y by ∅ (condition dropout). Default 0.1. */
  pUncond?: number;
  /**
   * How condition dropout enters the loss. 'sampled' (default): one coin per point, c = ∅ with probability
   * p_uncond, else y. 'expected': every x_t is scored under both c = y and c = ∅, weighted 1 − p_uncond and
   * p_uncond: the coin averaged out, so the same expected loss and gradient, without the coin's noise and with
   * both branches fitted to the same noise ε (see `DROPOUT_MODES`).
   */
  dropout?: DropoutMode;
  /** Planned number of steps: the horizon of the learning-rate schedule (training may go on beyond it at the final rate). */
  steps: number;
  /** Points per step. Default 128. */
  batchSize?: number;
  /** Peak learning rate. Default 2e-3. */
  lr?: number;
  /** Final learning rate, reached at `steps` by cosine decay. Default lr / 20. */
  lrFinal?: number;
  /** Linear warm-up steps. Default min(200, steps / 10). */
  warmupSteps?: number;
  /** EMA decay of the weights (0 = off). Default 0.999. The EMA warms up as min(decay, (1+k)/(10+k)). */
  ema?: number;
  /** Global gradient-norm clip. Default 1. */
  clipNorm?: number;
  /** Seed of the batch draws. Default 0. */
  seed?: number;
  /** Adam β1, β2, ε. Defaults 0.9, 0.999, 1e-8. */
  beta1?: number;
  beta2?: number;
  epsilon?: number;
  /** Noise levels seen in training: 'uniform' t (default) or EDM's log-normal in σ (noise-levels.ts). */
  noise?: NoiseSampling;
  /** 'lognormal': mean and standard deviation of ln σ. Defaults −1.2 and 1.2 (Karras et al. 2022). */
  pMean?: number;
  pStd?: number;
  /**
   * 'learned': the loss of each row is divided by e^{u(t)} and u(t) added, with u a learned table over `weightBins`
   * bins of √(t/T) (the uncertainty weighting of Karras et al. 2024): each noise level's loss is brought to the
   * same scale as training goes. 'none' (default): the parameterization's own weight.
   */
  lossWeighting?: LossWeighting;
  /** Bins of the learned weighting u(t). Default 20. */
  weightBins?: number;
  /**
   * Tail weighting radius R (0 = off, the default): each row's loss is weighted by 1 + (|x_t| / R)⁴ (batch.ts
   * `withTailWeight`). The weight depends on x_t alone, so the loss's minimiser, E[ε | x_t, t, c], is unchanged; the
   * finite network's accuracy moves outward, where guided paths at large s pass.
   */
  tailWeight?: number;
}

export const LOSS_WEIGHTINGS = ['none', 'learned'] as const;
export type LossWeighting = (typeof LOSS_WEIGHTINGS)[number];

export type ResolvedTrainOptions = Required<Omit<TrainOptions, 'schedule'>> & { schedule: Schedule };

export function resolveTrainOptions(o: TrainOptions, T: number): ResolvedTrainOptions {
  const steps = o.steps;
  if (!Number.isInteger(steps) || steps < 1) throw new RangeError(`steps must be a positive integer, got ${steps}`);
  const lr = o.lr ?? 2e-3;
  const r: ResolvedTrainOptions = {
    world: o.world,
    schedule: o.schedule ?? makeSchedule('linear', T),
    pUncond: o.pUncond ?? 0.1,
    dropout: o.dropout ?? 'sampled',
    steps,
    batchSize: o.batchSize ?? 128,
    lr,
    lrFinal: o.lrFinal ?? lr / 20,
    warmupSteps: o.warmupSteps ?? Math.min(200, Math.floor(steps / 10)),
    ema: o.ema ?? 0.999,
    clipNorm: o.clipNorm ?? 1,
    seed: o.seed ?? 0,
    beta1: o.beta1 ?? 0.9,
    beta2: o.beta2 ?? 0.999,
    epsilon: o.epsilon ?? 1e-8,
    noise: o.noise ?? 'uniform',
    pMean: o.pMean ?? -1.2,
    pStd: o.pStd ?? 1.2,
    lossWeighting: o.lossWeighting ?? 'none',
    weightBins: o.weightBins ?? 20,
    tailWeight: o.tailWeight ?? 0,
  };
  if (!NOISE_SAMPLINGS.includes(r.noise)) throw new RangeError(`noise must be one of ${NOISE_SAMPLINGS.join(', ')}, got ${String(r.noise)}`);
  if (!(Number.isFinite(r.pMean) && r.pStd > 0)) throw new RangeError('pMean must be finite and pStd positive');
  if (!LOSS_WEIGHTINGS.includes(r.lossWeighting))
    throw new RangeError(`lossWeighting must be one of ${LOSS_WEIGHTINGS.join(', ')}, got ${String(r.lossWeighting)}`);
  if (!Number.isInteger(r.weightBins) || r.weightBins < 1) throw new RangeError(`weightBins must be a positive integer, got ${r.weightBins}`);
  if (!(Number.isFinite(r.tailWeight) && r.tailWeight >= 0)) throw new RangeError(`tailWeight must be a radius ≥ 0 (0: off), got ${r.tailWeight}`);
  if (!(r.pUncond >= 0 && r.pUncond <= 1)) throw new RangeError(`pUncond must be in [0, 1], got ${r.pUncond}`);
  if (!DROPOUT_MODES.includes(r.dropout)) throw new RangeError(`dropout must be one of ${DROPOUT_MODES.join(', ')}, got ${String(r.dropout)}`);
  if (!Number.isInteger(r.batchSize) || r.batchSize < 1) throw new RangeError(`batchSize must be a positive integer, got ${r.batchSize}`);
  if (!(r.lr > 0) || !(r.lrFinal >= 0)) throw new RangeError('learning rates must be positive');
  if (!(r.ema >= 0 && r.ema < 1)) throw new RangeError(`ema must be in [0, 1), got ${r.ema}`);
  if (!(r.clipNorm > 0)) throw new RangeError(`clipNorm must be positive, got ${r.clipNorm}`);
  if (r.schedule.T !== T) throw new RangeError(`schedule has T = ${r.schedule.T} but the model was built for T = ${T}`);
  return r;
}
