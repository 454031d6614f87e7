/**
 * The learned denoiser for `--denoiser learned [--weights FILE]` (registered in cli/denoisers.ts):
 * reads and validates a weight file (default: the shipped weights of the world, public/weights/),
 * on the Node wasm backend. A bad file is a usage error naming the problem.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { LearnedDenoiser } from '../lib/model/denoiser';
import { initNodeBackend } from '../lib/model/node';
import { shippedWeightsFile } from '../lib/model/shipped';
import { WeightFileError, parseWeights, type LoadedWeights } from '../lib/model/weights';
import type { World } from '../lib/science';
import { UsageError } from './args';
import { readFlagFile } from './common';
import type { DenoiserRequest } from './denoisers';

/** public/weights/ of this checkout. */
export const SHIPPED_WEIGHTS_DIR = fileURLToPath(new URL('../public/weights/', import.meta.url));

/** Reads and validates a weight file for the flag `flag`; `world` (if given) must match. */
export function readWeightsFile(path: string, flag: string, world?: World): LoadedWeights {
  const text = readFlagFile(path, flag);
  try {
    return parseWeights(text, world ? { world } : {});
  } catch (e) {
    if (e instanceof WeightFileError) throw new UsageError(`--${flag} ${path}: ${e.message}`);
    throw e;
  }
}

/** The shipped weight file of a world (default mechanism), or a usage error saying how to get one. */
export function shippedWeightsFor(world: World): string {
  const path = SHIPPED_WEIGHTS_DIR + shippedWeightsFile(world.name);
  if (!existsSync(path)) {
    throw new UsageError(`no shipped weights for world "${world.name}" (${path}): pass --weights FILE (train one with scorefield train)`);
  }
  return path;
}

export async function learnedLoader({ world, schedule, weights }: DenoiserRequest): Promise<LearnedDenoiser> {
  const path = weights ?? shippedWeightsFor(world);
  const w = readWeightsFile(path, 'weights', world);
  if (w.schedule.name !== schedule.name || w.schedule.T !== schedule.T) {
    throw new UsageError(
      `--weights ${path}: trained with the ${w.schedule.name} schedule (T = ${w.schedule.T}), but --schedule is ${schedule.name} (T = ${schedule.T})`,
    );
  }
  await initNodeBackend('wasm');
  return LearnedDenoiser.fromWeights(w);
}
