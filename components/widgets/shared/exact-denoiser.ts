/** The exact denoiser of a built-in world and schedule, cached per page or worker (plain TypeScript, no DOM, no tfjs). */
import { ExactDenoiser } from '../../../lib/science/exact';
import { makeSchedule, type ScheduleName } from '../../../lib/science/schedule';
import { DEFAULT_WORLD, getBuiltinWorld } from '../../../lib/science/worlds';

const cache = new Map<string, ExactDenoiser>();

/** The exact denoiser of a built-in world (the default world for an unknown name) and schedule (cached). */
export function exactDenoiser(worldName: string, schedule: ScheduleName): ExactDenoiser {
  const key = `${worldName}|${schedule}`;
  let d = cache.get(key);
  if (!d) {
    const world = getBuiltinWorld(worldName) ?? getBuiltinWorld(DEFAULT_WORLD)!;
    d = new ExactDenoiser(world, makeSchedule(schedule));
    cache.set(key, d);
  }
  return d;
}
