/** The exact denoiser of a world (built-in or the reader's own) and schedule, cached per page or worker (plain TypeScript, no DOM, no tfjs). */
import { ExactDenoiser } from '../../../lib/science/exact';
import { makeSchedule, type ScheduleName } from '../../../lib/science/schedule';
import { worldOfKey } from '../../../lib/science/world-key';
import { DEFAULT_WORLD, getBuiltinWorld } from '../../../lib/science/worlds';

/** Denoisers kept: the built-in worlds' and the latest few of the reader's own (the editor makes a new world at every move). */
const CACHE_SIZE = 16;
const cache = new Map<string, ExactDenoiser>();

/** The exact denoiser of a world key (a built-in name or a world code; the default world for a bad key) and schedule (cached). */
export function exactDenoiser(worldKey: string, schedule: ScheduleName): ExactDenoiser {
  const key = `${worldKey}|${schedule}`;
  let d = cache.get(key);
  if (d) {
    cache.delete(key);
  } else {
    const world = worldOfKey(worldKey) ?? getBuiltinWorld(DEFAULT_WORLD)!;
    d = new ExactDenoiser(world, makeSchedule(schedule));
  }
  cache.set(key, d);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return d;
}
