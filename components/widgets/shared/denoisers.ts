/**
 * The denoiser a widget shows: the exact one at once (plain TypeScript), the learned network when tfjs and its
 * weights have arrived. Both implement the same `Denoiser`, so every view runs the same code on either.
 */
import { ExactDenoiser } from '../../../lib/science/exact';
import { makeSchedule, type ScheduleName } from '../../../lib/science/schedule';
import { getBuiltinWorld, DEFAULT_WORLD } from '../../../lib/science/worlds';
import type { Denoiser } from '../../../lib/science/types';
import type { NotebookState } from '../../../lib/state/notebook';

const exactCache = new Map<string, ExactDenoiser>();

/** Fired on the document when the tfjs backend had to be rebuilt (a lost WebGL context): widgets recompute. */
export const BACKEND_RESET_EVENT = 'scorefield:backend-reset';

/** The exact denoiser of a built-in world and schedule (cached). */
export function exactDenoiser(worldName: string, schedule: ScheduleName): ExactDenoiser {
  const key = `${worldName}|${schedule}`;
  let d = exactCache.get(key);
  if (!d) {
    const world = getBuiltinWorld(worldName) ?? getBuiltinWorld(DEFAULT_WORLD)!;
    d = new ExactDenoiser(world, makeSchedule(schedule));
    exactCache.set(key, d);
  }
  return d;
}

export interface ShownDenoiser {
  denoiser: Denoiser;
  exact: ExactDenoiser;
  /** Why the learned model is not shown although it was asked for; undefined when all is as asked. */
  fallback?: string;
  /** The tfjs backend in use, for the learned model. */
  backend?: string;
}

/** The denoiser for a state: exact, or the shipped learned model of the world and conditioning mechanism. */
export async function denoiserFor(state: NotebookState): Promise<ShownDenoiser> {
  const exact = exactDenoiser(state.world, state.schedule);
  if (state.denoiser === 'exact') return { denoiser: exact, exact };
  try {
    const { learnedDenoiser } = await import('./learned');
    const learned = await learnedDenoiser(state.world, state.cond, exact.schedule, state.backend, state.puncond === '0');
    return { denoiser: learned.denoiser, exact, backend: learned.backend };
  } catch (err) {
    return { denoiser: exact, exact, fallback: err instanceof Error ? err.message : String(err) };
  }
}
