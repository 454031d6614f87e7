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
import { parseWorld, type World } from '../lib/science';
import { DataError, UsageError, type FlagSpecs } from './args';
import { loadWorld, noteWorld, readFlagFile } from './common';
import { sha256, type RunContext } from './output';
import type { DenoiserRequest } from './denoisers';

/** public/weights/ of this checkout. */
export const SHIPPED_WEIGHTS_DIR = fileURLToPath(new URL('../public/weights/', import.meta.url));

/** Reads and validates a weight file for the flag `flag`; `world` (if given) must match. */
export function readWeightsFile(path: string, flag: string, world?: World): LoadedWeights {
  const text = readFlagFile(path, flag);
  try {
    return parseWeights(text, world ? { world } : {});
  } catch (e) {
    if (e instanceof WeightFileError) throw new DataError(`--${flag} ${path}: ${e.message}`);
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

export async function learnedLoader({ world, schedule, weights, ctx, key = 'weights' }: DenoiserRequest): Promise<LearnedDenoiser> {
  const path = weights ?? shippedWeightsFor(world);
  const flag = key === 'weights' ? 'weights' : 'guide-weights';
  const w = readWeightsFile(path, flag, world);
  if (ctx) ctx.provenance[key] = { path, sha256: sha256(readFlagFile(path, flag)), conditioning: w.architecture.conditioning };
  if (w.schedule.name !== schedule.name || w.schedule.T !== schedule.T) {
    throw new UsageError(
      `--${flag} ${path}: trained with the ${w.schedule.name} schedule (T = ${w.schedule.T}), but --schedule is ${schedule.name} (T = ${schedule.T})`,
    );
  }
  await initNodeBackend('wasm');
  return LearnedDenoiser.fromWeights(w);
}

/** --world for commands that also take --weights: optional, the weights' world by default. */
export const worldOrWeightsFlag = {
  world: {
    type: 'string',
    meta: 'a built-in world or a world JSON file',
    help: 'the toy world (default with --weights: the world the weights were trained on)',
  },
} as const satisfies FlagSpecs;

/**
 * The world of --world, or, without it, the world a --weights file was trained on (a learned model carries its
 * world's definition), so `--denoiser learned --weights FILE` needs no --world.
 */
export function worldOfFlags(world: string | undefined, weights: string | undefined, ctx?: RunContext): World {
  if (world !== undefined) return loadWorld(world, ctx);
  if (weights === undefined) throw new UsageError('--world is required (or --weights FILE, whose world is then used)');
  const w = readWeightsFile(weights, 'weights');
  const def = parseWorld(w.world.definition);
  noteWorld(ctx, def, `the weights file ${weights}`);
  return def;
}
