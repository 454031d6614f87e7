/** The science core's public surface: import from 'lib/science' rather than from its files. */
export { Rng } from './random';
export { makeSchedule, SCHEDULE_NAMES, T_DEFAULT, type Schedule, type ScheduleName } from './schedule';
export { NULL_CLASS, type Component, type Denoiser, type Mat2, type Points, type Vec2, type World, type WorldClass } from './types';
export { LOG_2PI, cholesky2, det2, inverse2, isPositiveDefinite2, logSumExp, rotatedCov } from './gauss2';
export { MAX_COMPONENTS, MIN_CLASSES, WorldFormatError, normaliseWorld, parseWorld, parseWorldJson } from './world-format';
export { classIndex, mixtureTable, sampleWorld, type MixtureTable } from './world';
export { BUILTIN_WORLDS, BUILTIN_WORLD_NAMES, DEFAULT_WORLD, getBuiltinWorld } from './worlds';
export { evalMixture, noisedMixture, type MixtureOutputs, type NoisedMixture } from './mixture';
export { ExactDenoiser, type Condition } from './exact';
export {
  cfg,
  cfgHoSalimans,
  cfgRescale,
  classifierGuided,
  conditionBatch,
  doubledBatch,
  effectiveScale,
  guidedEps,
  inGuidanceInterval,
  validateGuidance,
  type ClassifierGradFn,
  type Guidance,
} from './guidance';
export {
  SAMPLER_NAMES,
  initialNoise,
  reverseUpdate,
  sample,
  samplerStep,
  samplerTimesteps,
  stridedTimesteps,
  TIMESTEP_SPACINGS,
  validateSampleOptions,
  type SampleOptions,
  type SampleResult,
  type SamplerName,
  type StepOptions,
  type StepResult,
  type TimestepSpacing,
} from './samplers';
export { DEFAULT_EXTENT, makeGrid, normaliseLogDensity, type Extent, type Grid } from './grid';
export { epsField, guidedField, type EpsField } from './field';
export { tiltLogs, tiltedDensity, tiltedLogDensity, tiltedWithMoments } from './tilted';
export { classMoments, componentShares, gridMoments, slicedWassersteinToClass, type ComponentShares, type Moments2, type SwComparison } from './compare';
export { KARRAS_RHO, alphaBarOfSigma, karrasSigmas, karrasTimesteps, sigmaIntervalToT, sigmaOfAlphaBar, sigmaOfT, tOfSigma } from './sigma';
export { discretisedVariance, eigenvalues2, stepVarianceBias, type DiscretisedSampler, type StepBias } from './discretisation';
export { heunStep, sampleHeun, type HeunStep } from './heun';
export {
  componentCounts,
  componentCoverage,
  fidelity,
  logDetCov,
  meanNll,
  posteriors,
  sampleMetrics,
  sampleMoments,
  slicedWasserstein,
  wasserstein1dSquared,
  type SampleMetrics,
} from './metrics';
