/**
 * The learned model inside the sweep's worker (imported only when a learned series is asked for): the worker's tfjs
 * backend by the site's backend policy (no WebGL: the page keeps it; not measured), and the denoiser of the state by
 * the same rule as the page's widgets (resolve-denoiser.ts), from the shipped weights fetched and validated here.
 */
import * as tf from '@tensorflow/tfjs-core';
import { chooseBackend } from '../shared/backend-policy';
import { resolveDenoiserFrom, type DenoiserSources, type DenoiserState, type ResolvedDenoiser } from '../shared/resolve-denoiser';
import { shippedDenoiser } from '../shared/shipped-models';

let backend: Promise<string> | undefined;

const workerSources: DenoiserSources = {
  async shipped(state, exact) {
    backend ??= chooseBackend({ webgl: false, measure: false, override: state.backend }).then((c) => c.summary);
    const summary = await backend;
    return { denoiser: await shippedDenoiser(exact.world, state.cond, exact.schedule, state.pUncond === '0'), backend: summary };
  },
};

/** The denoiser of a state in this worker (no reader model here: 'trained' falls back to the shipped one, with its notice). */
export function resolveDenoiser(state: DenoiserState): Promise<ResolvedDenoiser> {
  return resolveDenoiserFrom(state, workerSources);
}

export const tensorCount = (): number => tf.memory().numTensors;
export const backendName = (): string => tf.getBackend();
