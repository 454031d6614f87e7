/**
 * The learned model inside the sweep's worker (imported only when a learned series is asked for): tfjs on wasm
 * (cpu if wasm does not load; a worker has no WebGL to spare), the shipped weights fetched and validated here.
 */
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import * as tf from '@tensorflow/tfjs-core';
import { selectBackend, wasmLoader } from '../../../lib/model/backend';
import { LearnedDenoiser, fetchWeights } from '../../../lib/model/denoiser';
import type { World } from '../../../lib/science/types';

let backend: Promise<string> | undefined;
const models = new Map<string, Promise<LearnedDenoiser>>();

function workerBackend(): Promise<string> {
  backend ??= selectBackend({
    loaders: {
      wasm: wasmLoader({
        'tfjs-backend-wasm.wasm': wasmPlain,
        'tfjs-backend-wasm-simd.wasm': wasmSimd,
        'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
      }),
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
