/**
 * The training recipe of the shipped weights (scripts/weights-plan.ts) and of the training lab (its loss curve is flatter than
 * the previous recipe's: log-normal noise levels draw mostly low and middle noise, where ε is hard to predict, so the loss
 * has a high floor; the lab's quality readout shows the progress the loss hides): what the network predicts and
 * which noise levels it trains on (precondition.ts, noise-levels.ts). Chosen by the runs recorded in
 * docs/model-quality.md ("The recipe"). Still denoising with sampled noise as the target: no exact scores enter training.
 */
import type { Architecture } from './architecture';
import type { Conditioning } from './conditioning';
import { defaultArchitecture } from './architecture';
import type { NoiseSampling } from './noise-levels';
import type { Parameterization } from './precondition';
import type { ScheduleName } from '../science/schedule';
import type { LossWeighting } from './train-options';

export interface Recipe {
  parameterization: Parameterization;
  sigmaData: number;
  noise: NoiseSampling;
  pMean: number;
  pStd: number;
  lossWeighting: LossWeighting;
}

/** The recipe (see docs/model-quality.md for the runs that chose it). */
export const RECIPE: Recipe = { parameterization: 'edm', sigmaData: 1, noise: 'lognormal', pMean: -0.2, pStd: 1.2, lossWeighting: 'none' };

/** The recipe before issue #15 (ε-prediction, uniform t): what every shipped file so far was trained with. */
export const PREVIOUS_RECIPE: Recipe = { parameterization: 'eps', sigmaData: 1, noise: 'uniform', pMean: -1.2, pStd: 1.2, lossWeighting: 'none' };

/** The architecture fields a recipe sets (its parameterization, and the schedule its read-out uses). */
export function recipeArchitecture(
  conditioning: Conditioning,
  numClasses: number,
  schedule: ScheduleName,
  recipe: Recipe = RECIPE,
  overrides: Partial<Omit<Architecture, 'conditioning' | 'numClasses'>> = {},
): Architecture {
  const precond =
    recipe.parameterization === 'eps'
      ? {}
      : { parameterization: recipe.parameterization, schedule, ...(recipe.parameterization === 'edm' ? { sigmaData: recipe.sigmaData } : {}) };
  return defaultArchitecture(conditioning, numClasses, { ...overrides, ...precond });
}

/** The training options a recipe sets. */
export function recipeTrainOptions(recipe: Recipe = RECIPE): { noise: NoiseSampling; pMean: number; pStd: number; lossWeighting: LossWeighting } {
  return { noise: recipe.noise, pMean: recipe.pMean, pStd: recipe.pStd, lossWeighting: recipe.lossWeighting };
}
