/**
 * How the command line obtains a denoiser for --denoiser NAME. To add one (e.g. the learned tfjs model),
 * write its loader in its own file and put it in DENOISER_LOADERS.
 */
import { ExactDenoiser, type Denoiser, type Schedule, type World } from '../lib/science';
import { UsageError, type FlagSpecs } from './args';
import { learnedLoader } from './learned';
import type { RunContext } from './output';

export interface DenoiserRequest {
  world: World;
  schedule: Schedule;
  /** --weights FILE, if given. */
  weights: string | undefined;
  /** Where the weights' checksum is recorded. */
  ctx?: RunContext;
  /** The provenance key (default 'weights'; 'guideWeights' for the guiding model). */
  key?: string;
}

export type DenoiserLoader = (req: DenoiserRequest) => Denoiser | Promise<Denoiser>;

function exactLoader({ world, schedule, weights }: DenoiserRequest): Denoiser {
  if (weights !== undefined) throw new UsageError('--weights applies to --denoiser learned only');
  return new ExactDenoiser(world, schedule);
}

export const DENOISER_LOADERS: Record<string, DenoiserLoader> = {
  exact: exactLoader,
  learned: learnedLoader,
};

export async function loadDenoiser(name: string, req: DenoiserRequest): Promise<Denoiser> {
  const loader = DENOISER_LOADERS[name];
  if (!loader) throw new UsageError(`--denoiser must be one of ${Object.keys(DENOISER_LOADERS).join(', ')}, got "${name}"`);
  return loader(req);
}

export const denoiserFlags = {
  denoiser: { type: 'enum', values: Object.keys(DENOISER_LOADERS), default: 'exact', help: 'the exact analytic model or the learned network' },
  weights: { type: 'string', meta: 'a weights file', help: 'weights of the learned denoiser (with --denoiser learned)' },
} as const satisfies FlagSpecs;
