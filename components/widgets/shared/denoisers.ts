/**
 * The denoiser a widget shows, on the page: `resolveDenoiser(state)` decides by the one rule of resolve-denoiser.ts,
 * with the page's sources: the shipped models on the page's tfjs backend (learned.ts) and the reader's own model
 * (reader-model.ts), both imported only when a state asks for them.
 */
import { resolveDenoiserFrom, type DenoiserSources, type DenoiserState, type ResolvedDenoiser } from './resolve-denoiser';

const pageSources: DenoiserSources = {
  async shipped(state, exact) {
    const { learnedDenoiser } = await import('./learned');
    return learnedDenoiser(exact, state.cond, state.backend, state.pUncond === '0');
  },
  async reader(world, state) {
    const { readerDenoiser } = await import('./reader-model');
    return readerDenoiser(world, state.schedule, state.backend);
  },
};

/**
 * The denoiser for a state: exact, the shipped learned model of the world and conditioning mechanism, or the reader's
 * own model (denoiser=trained; the shipped one with a notice when there is none for this world).
 */
export function resolveDenoiser(state: DenoiserState): Promise<ResolvedDenoiser> {
  return resolveDenoiserFrom(state, pageSources);
}

export type { ResolvedDenoiser };
export { exactDenoiser } from './exact-denoiser';
