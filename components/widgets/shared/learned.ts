/**
 * The learned model in the browser, loaded lazily (this module and tfjs are fetched only when a widget asks for it):
 * picks a tfjs backend once per page by measuring (or as overridden), then loads the shipped weights of a world
 * and conditioning mechanism, validated, from the site itself.
 */
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { browserLoaders, selectBackend, type BackendChoice } from '../../../lib/model/backend';
import { LearnedDenoiser, fetchWeights } from '../../../lib/model/denoiser';
import type { Conditioning } from '../../../lib/model/network';
import { shippedWeightsPath } from '../../../lib/model/shipped';
import * as tf from '@tensorflow/tfjs-core';
import type { Schedule } from '../../../lib/science/schedule';
import { getBuiltinWorld } from '../../../lib/science/worlds';
import { withBase } from '../../site/url';

let backend: Promise<BackendChoice> | undefined;
const models = new Map<string, Promise<LearnedDenoiser>>();

/** The page's tfjs backend: chosen once, by measurement unless `override` names one. */
export function pageBackend(override?: string): Promise<BackendChoice> {
  backend ??= selectBackend({
    loaders: browserLoaders({
      'tfjs-backend-wasm.wasm': wasmPlain,
      'tfjs-backend-wasm-simd.wasm': wasmSimd,
      'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
    }),
    override: override && override !== 'auto' ? override : undefined,
  });
  void backend.then(() => {
    // A debugging and testing hook: the live tensor count, which must return to its baseline after every interaction.
    (globalThis as { scorefieldTensors?: () => number }).scorefieldTensors = () => tf.memory().numTensors;
  });
  return backend;
}


/** The shipped learned denoiser of a world and mechanism (loaded once per page). */
export async function learnedDenoiser(
  world: string,
  conditioning: string,
  schedule: Schedule,
  backendOverride?: string,
): Promise<{ denoiser: LearnedDenoiser; backend: string }> {
  const choice = await pageBackend(backendOverride);
  const key = `${world}|${conditioning}`;
  let model = models.get(key);
  if (!model) {
    const definition = getBuiltinWorld(world);
    model = fetchWeights(withBase(shippedWeightsPath(world, conditioning as Conditioning)), { world: definition }).then((w) => LearnedDenoiser.fromWeights(w));
    models.set(key, model);
    model.catch(() => models.delete(key));
  }
  const denoiser = await model;
  if (denoiser.schedule.name !== schedule.name) {
    throw new Error(`the shipped model was trained with the ${denoiser.schedule.name} schedule, not ${schedule.name}`);
  }
  return { denoiser, backend: choice.summary };
}
