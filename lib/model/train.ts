/**
 * Training with condition dropout, the same code in the browser and in Node.
 *
 * One step: draw (x_0, y) from the world, t uniform in {0 … T−1}, ε ~ N(0, I),
 * x_t = √ᾱ_t x_0 + √(1−ᾱ_t) ε; replace y by ∅ with probability p_uncond (or, with `dropout: 'expected'`, score
 * every point under both, weighted 1 − p_uncond and p_uncond); loss = the (weighted) mean of (ε_θ(x_t, t, c) − ε)²
 * over points and both coordinates; gradients clipped to a global norm; Adam with linear
 * warm-up then cosine decay of the learning rate; optional EMA of the weights.
 *
 * Every random draw comes from a seeded Rng in plain JS (batches, and the initial weights of
 * `DenoiserModel.create`), so a run is reproducible and identical across backends up to float
 * rounding.
 *
 * Step-wise API: `trainer.step()` (sync read-back of the loss) or `await trainer.stepAsync()`
 * (async read-back, better on webgl); `await trainer.run({ signal, onProgress })` runs in chunks,
 * yielding to the event loop, until done or stopped (pause = stop, resume = run again).
 * A NaN/Inf loss or gradient stops training with a `TrainingDivergedError` before any update is
 * applied, so the model (and its EMA) keep the last good weights.
 */
import * as tf from '@tensorflow/tfjs-core';
import './gradients';
import { Rng } from '../science/random';
import { drawBatch, withTailWeight } from './batch';
import { gradientStep, learnedWeightingLoss, lossGradients, type GradientResult } from './loss';
import { DenoiserModel } from './network';
import { NoiseLevelSampler } from './noise-levels';
import { SteppedTrainer } from './optimiser';
import { resolveTrainOptions, type ResolvedTrainOptions, type TrainOptions } from './train-options';

export * from './batch';
export * from './loss';
export * from './lr-schedule';
export * from './optimiser';
export * from './serialise';
export * from './train-options';

/** Trains a denoiser in place. Owns its Adam state and EMA copy; call `dispose()` when done. */
export class Trainer extends SteppedTrainer {
  readonly model: DenoiserModel;
  readonly options: ResolvedTrainOptions;
  /** The EMA of the weights (a separate model), or the trained model itself when EMA is off. */
  readonly averaged: DenoiserModel;
  private readonly rng: Rng;
  private readonly noiseLevels: NoiseLevelSampler | undefined;
  /** The learned weighting u(t) (lossWeighting 'learned'), trained by the same Adam; not part of the model. */
  readonly lossU: tf.Variable | null;
  private readonly optimised: Map<string, tf.Variable>;

  constructor(model: DenoiserModel, options: TrainOptions) {
    const resolved = resolveTrainOptions(options, model.arch.T);
    const K = options.world.classes.length;
    if (K !== model.arch.numClasses) throw new RangeError(`world "${options.world.name}" has ${K} classes, the model ${model.arch.numClasses}`);
    if ((model.arch.parameterization ?? 'eps') !== 'eps' && (model.arch.schedule ?? 'linear') !== resolved.schedule.name) {
      throw new RangeError(`the model reads ε out with the ${model.arch.schedule ?? 'linear'} schedule, training uses ${resolved.schedule.name}`);
    }
    const averaged = resolved.ema > 0 ? DenoiserModel.fromValues(model.arch, model.getValues()) : model;
    const lossU = resolved.lossWeighting === 'learned' ? tf.variable(tf.zeros([resolved.weightBins]), true) : null;
    const optimised = new Map(model.params);
    if (lossU) optimised.set('loss.u', lossU);
    super(optimised, resolved, averaged.params);
    this.optimised = optimised;
    this.lossU = lossU;
    this.model = model;
    this.options = resolved;
    this.averaged = averaged;
    this.rng = new Rng(resolved.seed);
    this.noiseLevels = resolved.noise === 'uniform' ? undefined : new NoiseLevelSampler(resolved.schedule, resolved);
  }

  protected nextGradients(): GradientResult {
    const o = this.options;
    const drawn = drawBatch(o.world, o.schedule, o.batchSize, o.pUncond, this.rng, o.dropout, this.noiseLevels);
    const batch = o.tailWeight > 0 ? withTailWeight(drawn, o.tailWeight) : drawn;
    const u = this.lossU;
    if (!u) return gradientStep(this.model, batch);
    return lossGradients(this.optimised, () => learnedWeightingLoss(this.model, batch, u as tf.Tensor1D));
  }

  /** Frees the Adam state, the EMA copy and u (not the trained model). */
  override dispose(): void {
    if (this.isDisposed) return;
    super.dispose();
    this.lossU?.dispose();
    if (this.averaged !== this.model) this.averaged.dispose();
  }
}
