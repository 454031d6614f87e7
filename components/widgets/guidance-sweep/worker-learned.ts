/**
 * The learned model inside the sweep's worker (imported only when a learned series is asked for): tfjs on wasm
 * (cpu if wasm does not load; a worker has no WebGL to spare), the shipped weights fetched and validated here.
 */
import * as tf from '@tensorflow/tfjs-core';
import { selectBackend, wasmLoader } from '../../../lib/model/backend';
import { LearnedDenoiser, fetchWeights } from '../../../lib/model/denoiser';
import type { World } from '../../../lib/science/types';
import { WASM_PATHS } from '../shared/wasm-paths';

let backend: Promise<string> | undefined;
const models = new Map<string, Promise<LearnedDenoiser>>();

function workerBackend(): Promise<string> {
  backend ??= selectBackend({
    loaders: {
      wasm: wasmLoader(WASM_PATHS),
      cpu: () => import('@tensorflow/tfjs-backend-cpu'),
    },
    measure: false,
  }).then((c) => c.backend);
  return backend;
}

/** The learned denoiser of a weight file (loaded once per worker). */
export async function learnedModel(weightsUrl: string, world: World): Promise<LearnedDenoiser> {
  await workerBackend();
  let model = models.get(weightsUrl);
  if (!model) {
    model = fetchWeights(weightsUrl, { world }).then((w) => LearnedDenoiser.fromWeights(w));
    models.set(weightsUrl, model);
    model.catch(() => models.delete(weightsUrl));
  }
  return model;
}

export const tensorCount = (): number => tf.memory().numTensors;
export const backendName = (): string => tf.getBackend();
