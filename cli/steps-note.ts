/**
 * The step-count note: warns when the chosen number of sampler steps biases the s = 1 sample variance of the class
 * by more than STEP_BIAS_LIMIT, from the closed form of the discretised sampler for Gaussian components
 * (lib/science/discretisation.ts), and says how many steps bring it under the limit.
 */
import { samplerTimesteps, stepVarianceBias, type DiscretisedSampler, type Schedule, type TimestepSpacing, type World } from '../lib/science';
import type { RunContext } from './output';

/** Relative bias of the s = 1 variance above which the command line warns. */
export const STEP_BIAS_LIMIT = 0.02;

/** The fewest steps (≤ T) whose bias stays under the limit, by bisection (the bias decreases with steps), or undefined. */
export function stepsForBias(
  world: World,
  y: number,
  schedule: Schedule,
  sampler: DiscretisedSampler,
  eta: number,
  limit = STEP_BIAS_LIMIT,
  spacing: TimestepSpacing = 'trailing',
  rho?: number,
): number | undefined {
  const bias = (steps: number): number => stepVarianceBias(world, y, schedule, samplerTimesteps(schedule, steps, spacing, rho), sampler, eta).worst;
  if (bias(schedule.T) > limit) return undefined;
  let lo = 1;
  let hi = schedule.T;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (bias(mid) <= limit) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Records the closed-form bias in the provenance and warns when it exceeds the limit. */
export function noteStepBias(
  ctx: RunContext,
  world: World,
  y: number,
  schedule: Schedule,
  steps: number,
  sampler: DiscretisedSampler,
  eta: number,
  spacing: TimestepSpacing = 'trailing',
  rho?: number,
): void {
  const { worst, ratios } = stepVarianceBias(world, y, schedule, samplerTimesteps(schedule, steps, spacing, rho), sampler, eta);
  ctx.provenance.stepBias = { limit: STEP_BIAS_LIMIT, worst, varianceRatios: ratios };
  if (worst <= STEP_BIAS_LIMIT) return;
  const enough = stepsForBias(world, y, schedule, sampler, eta, STEP_BIAS_LIMIT, spacing, rho);
  const fix =
    enough === undefined
      ? `no step count ≤ ${schedule.T} brings it under ${STEP_BIAS_LIMIT * 100} %`
      : `${enough} steps bring it under ${STEP_BIAS_LIMIT * 100} %`;
  ctx.warn(
    `${steps} ${sampler} steps${spacing === 'karras' ? ' (karras spacing)' : ''} change the s = 1 variance of class ${world.classes[y]!.name} by up to ${(worst * 100).toFixed(1)} % ` +
      `(closed form for its Gaussian components; the samplers' discretisation, not an error); ${fix}`,
  );
}
