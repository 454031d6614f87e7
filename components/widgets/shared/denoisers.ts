/**
 * The denoiser a widget shows: the exact one at once (plain TypeScript), the learned network when tfjs and its
 * weights have arrived. Both implement the same `Denoiser`, so every view runs the same code on either.
 */
import { limitText } from '../../../lib/text/limit';
import { ExactDenoiser } from '../../../lib/science/exact';
import { makeSchedule, type ScheduleName } from '../../../lib/science/schedule';
import { getBuiltinWorld, DEFAULT_WORLD } from '../../../lib/science/worlds';
import type { Denoiser } from '../../../lib/science/types';
import type { NotebookState } from '../../../lib/state/notebook';
import { widgetText } from './strings';

const exactCache = new Map<string, ExactDenoiser>();

/** Fired on the document when the tfjs backend had to be rebuilt (a lost WebGL context): widgets recompute. */
export const BACKEND_RESET_EVENT = 'scorefield:backend-reset';
/** Fired on the document when the reader's own model (denoiser=trained) was replaced: widgets showing it recompute. */
export const READER_MODEL_EVENT = 'scorefield:reader-model';

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
  /** Which model is drawn: 'trained' for the reader's own model. */
  name: 'exact' | 'learned' | 'trained';
  /** Why the shipped model is drawn although the reader's own was asked for (none yet, another world). */
  notice?: string;
}

/**
 * The denoiser for a state: exact, the shipped learned model of the world and conditioning mechanism, or the reader's
 * own model (denoiser=trained; the shipped one with a notice when there is none for this world).
 */
export async function denoiserFor(state: NotebookState): Promise<ShownDenoiser> {
  const exact = exactDenoiser(state.world, state.schedule);
  if (state.denoiser === 'exact') return { denoiser: exact, exact, name: 'exact' };
  let notice: string | undefined;
  try {
    if (state.denoiser === 'trained') {
      const { readerDenoiser } = await import('./reader-model');
      const mine = await readerDenoiser(exact.world, state.schedule, state.backend);
      if (mine.denoiser) return { denoiser: mine.denoiser, exact, backend: mine.backend, name: 'trained' };
      notice = readerFallbackText(mine.why, mine.trainedOn);
    }
    const { learnedDenoiser } = await import('./learned');
    const learned = await learnedDenoiser(state.world, state.cond, exact.schedule, state.backend, state.puncond === '0');
    return { denoiser: learned.denoiser, exact, backend: learned.backend, name: 'learned', notice };
  } catch (err) {
    return { denoiser: exact, exact, name: 'exact', notice, fallback: limitText(err instanceof Error ? err.message : String(err), 300) };
  }
}

function readerFallbackText(why: 'none' | 'world' | 'schedule', trainedOn?: string): string {
  if (why === 'none') return widgetText.noReaderModel;
  return why === 'world' ? widgetText.readerModelOtherWorld(trainedOn ?? '?') : widgetText.readerModelOtherSchedule(trainedOn ?? '?');
}
