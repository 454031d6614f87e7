/**
 * The learned model in the browser, loaded lazily (this module and tfjs are fetched only when a widget asks for it):
 * picks a tfjs backend once per page without measuring (backend-memory.ts), while the shipped weights download, then builds
 * the shipped model of a world and conditioning mechanism, validated, from the site itself.
 */
import type { BackendChoice } from '../../../lib/model/backend';
import type { LearnedDenoiser } from '../../../lib/model/denoiser';
import * as tf from '@tensorflow/tfjs-core';
import type { ExactDenoiser } from '../../../lib/science/exact';
import { widgetText } from './strings';
import { chooseBackend } from './backend-policy';
import { BACKEND_RESET_EVENT } from './events';
import { forgetShippedModels, prefetchShipped, shippedDenoiser } from './shipped-models';
import { measureInBackground, preferredBackend } from './backend-memory';
import { disposeBackendModels } from './backend-models';

let backend: Promise<BackendChoice> | undefined;

/** What the reader should know about the backend (WebGL missing, a lost context restored). */
let backendNote: string | undefined;

/**
 * The page's tfjs backend, chosen once and at once (backend-memory.ts: backend=, else the one measured fastest on this
 * device before, else a guess from the graphics); never measured on the main thread before the first draw.
 */
export function pageBackend(override?: string): Promise<BackendChoice> {
  const preferred = preferredBackend(override);
  backend ??= chooseBackend({ webgl: true, measure: false, override: preferred.backend }).then((loaded) => {
    let choice = loaded;
    if (preferred.how !== 'explicit' && loaded.reason === 'override' && loaded.backend === preferred.backend) {
      choice = {
        ...loaded,
        reason: 'measured',
        summary: preferred.how === 'remembered' ? widgetText.backendRemembered(loaded.backend) : widgetText.backendGuessed(loaded.backend),
      };
    }
    const webgl = choice.timings.find((t) => t.backend === 'webgl');
    if ((webgl && !webgl.ok) || preferred.how === 'no-webgl') backendNote = widgetText.webglUnavailable(choice.backend);
    if (preferred.how !== 'explicit' && preferred.how !== 'remembered') measureInBackground();
    watchWebglContext();
    exposeDebugHooks();
    return choice;
  });
  return backend;
}

/**
 * A lost WebGL context (GPU reset, too many contexts, a driver update) kills every tensor of the webgl backend.
 * Rebuild the backend, drop the models (their weights are reloaded from the browser cache) and tell the widgets.
 */
function watchWebglContext(): void {
  if (tf.getBackend() !== 'webgl') return;
  const canvas = webglContext()?.canvas;
  if (!canvas || !('addEventListener' in canvas)) return;
  canvas.addEventListener(
    'webglcontextlost',
    (e) => {
      e.preventDefault();
      const factory = tf.findBackendFactory('webgl');
      disposeBackendModels(); // before the backend goes, or the engine keeps counting their tensors
      try {
        tf.removeBackend('webgl');
      } catch {
        /* disposing a dead context may throw; the backend is gone either way */
      }
      if (factory) tf.registerBackend('webgl', factory, 2);
      backend = undefined;
      forgetShippedModels();
      backendNote = widgetText.contextRestored;
      document.dispatchEvent(new CustomEvent(BACKEND_RESET_EVENT));
    },
    { once: true },
  );
}

/** The WebGL context of the active tfjs backend (undefined on wasm and cpu). */
function webglContext(): WebGLRenderingContext | undefined {
  return (tf.backend() as unknown as { gpgpu?: { gl?: WebGLRenderingContext } }).gpgpu?.gl;
}

/** Debugging and test hooks: the live tensor count (it must return to its baseline after every interaction). */
function exposeDebugHooks(): void {
  (globalThis as { scorefield?: unknown }).scorefield = {
    tensors: () => tf.memory().numTensors,
    backend: () => tf.getBackend(),
    loseWebGLContext: () => {
      const gl = webglContext();
      gl?.getExtension('WEBGL_lose_context')?.loseContext();
      return Boolean(gl);
    },
  };
}

/** The page's tfjs backend, ready for work of a widget's own (e.g. training a network in the tab); its summary. */
export async function tfjsReady(backendOverride?: string): Promise<string> {
  const choice = await pageBackend(backendOverride);
  return backendNote ? `${choice.summary}. ${backendNote}` : choice.summary;
}

/**
 * The shipped learned denoiser of a world (of `exact`) and mechanism on the page's backend; `pUncondZero` asks for
 * the model trained without condition dropout. A model that was not shipped is refused with a reason.
 */
export async function learnedDenoiser(
  exact: ExactDenoiser,
  conditioning: string,
  backendOverride?: string,
  pUncondZero = false,
): Promise<{ denoiser: LearnedDenoiser; backend: string }> {
  // The weights download while the backend starts (both a first visit's waits, now side by side).
  prefetchShipped(exact.world, conditioning, pUncondZero);
  const backendSummary = await tfjsReady(backendOverride);
  const denoiser = await shippedDenoiser(exact.world, conditioning, exact.schedule, pUncondZero);
  return { denoiser, backend: backendSummary };
}
