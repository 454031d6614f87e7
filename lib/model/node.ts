/**
 * Node-only backend setup (imports node:module / node:path): the browser never imports this file.
 * `initNodeBackend('wasm')` points the wasm backend at its .wasm files in node_modules (by file path),
 * registers it and makes it current; `'cpu'` does the same for the pure-JS backend.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { useBackend, type BackendLoader } from './backend';

export const NODE_BACKENDS = ['wasm', 'cpu'] as const;
export type NodeBackend = (typeof NODE_BACKENDS)[number];

/** The folder holding tfjs-backend-wasm's .wasm files, with a trailing slash. */
export function nodeWasmDir(): string {
  const require = createRequire(import.meta.url);
  return `${join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist')}/`;
}

let wasmPathSet = false;

/** Loaders for the Node backends (for `selectBackend`). */
export function nodeLoaders(): Record<NodeBackend, BackendLoader> {
  return {
    wasm: async () => {
      const wasm = await import('@tensorflow/tfjs-backend-wasm');
      if (!wasmPathSet) {
        wasm.setWasmPaths(nodeWasmDir());
        wasmPathSet = true;
      }
    },
    cpu: () => import('@tensorflow/tfjs-backend-cpu'),
  };
}

/** Loads and activates a Node backend; resolves to its name. */
export async function initNodeBackend(name: NodeBackend = 'wasm'): Promise<NodeBackend> {
  if (!NODE_BACKENDS.includes(name)) throw new Error(`unknown backend "${String(name)}": use ${NODE_BACKENDS.join(' or ')}`);
  if (tf.getBackend() === name) return name;
  await useBackend(name, nodeLoaders()[name]);
  return name;
}
