/** A trained denoiser as a weight-file payload (metadata plus values). */
import type { Trainer } from './train';
import { worldFingerprint, type TrainingInfo, type WeightMeta } from './weights';

/**
 * The trained weights as a weight-file payload: metadata plus values (the EMA weights when EMA is
 * on). Pass to `stringifyWeights(meta, values)`. A run started from another file's weights (`previous`, its training
 * record) counts that file's steps in `steps` and keeps its record, so a chain of runs stays reproducible.
 */
export function trainedWeights(
  trainer: Trainer,
  extra: { backend?: string; seconds?: number; previous?: TrainingInfo } = {},
): { meta: WeightMeta; values: Map<string, Float32Array> } {
  const o = trainer.options;
  const meta: WeightMeta = {
    world: { name: o.world.name, fingerprint: worldFingerprint(o.world), definition: o.world },
    schedule: { name: o.schedule.name, T: o.schedule.T },
    architecture: { ...trainer.model.arch },
    training: {
      pUncond: o.pUncond,
      dropout: o.dropout,
      steps: (extra.previous?.steps ?? 0) + trainer.stepCount,
      seed: o.seed,
      finalLoss: trainer.recentLoss,
      batchSize: o.batchSize,
      lr: o.lr,
      lrFinal: o.lrFinal,
      warmupSteps: o.warmupSteps,
      ema: o.ema,
      clipNorm: o.clipNorm,
      ...(o.noise !== 'uniform' ? { noise: o.noise, pMean: o.pMean, pStd: o.pStd } : {}),
      ...(o.lossWeighting !== 'none' ? { lossWeighting: o.lossWeighting, weightBins: o.weightBins } : {}),
      ...(o.tailWeight > 0 ? { tailWeight: o.tailWeight } : {}),
      ...(extra.backend !== undefined ? { backend: extra.backend } : {}),
      ...(extra.seconds !== undefined ? { seconds: Math.round(extra.seconds * 10) / 10 } : {}),
      ...(extra.previous ? { previous: extra.previous } : {}),
    },
  };
  return { meta, values: trainer.averaged.getValues() };
}
