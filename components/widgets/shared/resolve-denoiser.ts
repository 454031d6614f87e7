/**
 * Which denoiser a state asks for, decided in one place for the page and for the workers: the exact one (plain
 * TypeScript), the shipped learned model of the world, mechanism and p_uncond, or the reader's own model
 * (denoiser=trained; the shipped one with a notice when there is none for this world). Where the models come from
 * (the page's tfjs, a worker's, IndexedDB) is the caller's `sources`; this module has no DOM and no tfjs.
 * Every implementation is a `Denoiser`, so every view runs the same code on either.
 */
import { limitText } from '../../../lib/text/limit';
import type { ExactDenoiser } from '../../../lib/science/exact';
import type { Denoiser, World } from '../../../lib/science/types';
import type { NotebookState } from '../../../lib/state/notebook';
import { isCustomWorldKey } from '../../../lib/science/world-key';
import { exactDenoiser } from './exact-denoiser';
import { widgetText } from './strings';

/** The part of the state that decides the denoiser. */
export type DenoiserState = Pick<NotebookState, 'world' | 'schedule' | 'denoiser' | 'cond' | 'backend' | 'pUncond'>;

/** The reader's own model for a world and schedule, or why it cannot be drawn. */
export type ReaderLookup = { denoiser: Denoiser; backend: string } | { denoiser?: undefined; why: 'none' | 'world' | 'schedule'; trainedOn?: string };

export interface DenoiserSources {
  /** The shipped learned model (throws with a reason when it was not shipped or cannot load). */
  shipped(state: DenoiserState, exact: ExactDenoiser): Promise<{ denoiser: Denoiser; backend: string }>;
  /** The reader's own model; absent where there is none to be had (a worker). */
  reader?(world: World, state: DenoiserState): Promise<ReaderLookup>;
}

export interface ResolvedDenoiser {
  denoiser: Denoiser;
  exact: ExactDenoiser;
  /** Why the learned model is not shown although it was asked for; undefined when all is as asked. */
  fallback?: string;
  /** The tfjs backend in use, for a learned model. */
  backend?: string;
  /** Which model is drawn: 'trained' for the reader's own model. */
  name: 'exact' | 'learned' | 'trained';
  /** Why the shipped model is drawn although the reader's own was asked for (none yet, another world). */
  notice?: string;
}

/** The denoiser of a state, from the given sources; never throws (a model that fails is replaced by the exact one, with its reason). */
export async function resolveDenoiserFrom(state: DenoiserState, sources: DenoiserSources): Promise<ResolvedDenoiser> {
  const exact = exactDenoiser(state.world, state.schedule);
  if (state.denoiser === 'exact') return { denoiser: exact, exact, name: 'exact' };
  let notice: string | undefined;
  try {
    if (state.denoiser === 'trained') {
      const mine: ReaderLookup = sources.reader ? await sources.reader(exact.world, state) : { why: 'none' };
      if (mine.denoiser) return { denoiser: mine.denoiser, exact, backend: mine.backend, name: 'trained' };
      notice = readerFallbackText(mine.why, mine.trainedOn);
    }
    // no model is shipped for the reader's own world (whatever it is called): say so, and show the exact one
    if (isCustomWorldKey(state.world)) throw new Error(widgetText.noShippedForYours(exact.world.name));
    const learned = await sources.shipped(state, exact);
    return { denoiser: learned.denoiser, exact, backend: learned.backend, name: 'learned', notice };
  } catch (err) {
    return { denoiser: exact, exact, name: 'exact', notice, fallback: limitText(err instanceof Error ? err.message : String(err), 300) };
  }
}

function readerFallbackText(why: 'none' | 'world' | 'schedule', trainedOn?: string): string {
  if (why === 'none') return widgetText.noReaderModel;
  return why === 'world' ? widgetText.readerModelOtherWorld(trainedOn ?? '?') : widgetText.readerModelOtherSchedule(trainedOn ?? '?');
}
