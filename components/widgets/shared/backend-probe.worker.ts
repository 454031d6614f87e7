/**
 * Measures the tfjs backends once, off the main thread (backend-memory.ts starts it after a first learned draw):
 * webgl through OffscreenCanvas where there is one, wasm, cpu, by the site's policy (backend-policy.ts); posts the
 * fastest, which the page remembers for the next visit.
 */
import { chooseBackend } from './backend-policy';

chooseBackend({ webgl: typeof OffscreenCanvas !== 'undefined', measure: true, repeats: 3 })
  .then((choice) => (self as unknown as Worker).postMessage({ backend: choice.backend, summary: choice.summary }))
  .catch(() => (self as unknown as Worker).postMessage({}));
