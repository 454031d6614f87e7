/**
 * The page's tfjs backend, chosen without a wait: an explicit backend= first; else the one measured fastest on this
 * device before (remembered in localStorage); else a guess from the WebGL renderer (lib/model/backend.ts guessBackend).
 * After a first learned draw, one measurement of every backend runs in a worker, off the main thread
 * (backend-probe.worker.ts), and its winner is remembered for the next visit.
 */
import { guessBackend } from '../../../lib/model/backend';
import { whenIdle } from './when-visible';

/** localStorage key of the backend measured fastest on this device. */
const BACKEND_KEY = 'scorefield:backend';
const KNOWN = ['webgl', 'wasm', 'cpu'];

function readStored(): string | undefined {
  try {
    const v = localStorage.getItem(BACKEND_KEY) ?? undefined;
    return v && KNOWN.includes(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

function writeStored(value: string): void {
  try {
    localStorage.setItem(BACKEND_KEY, value);
  } catch {
    /* storage disabled: guessed again next time */
  }
}

/** The WebGL renderer's name (undefined without WebGL). */
function webglRenderer(): string | undefined {
  try {
    const gl = document.createElement('canvas').getContext('webgl');
    if (!gl) return undefined;
    const ext = gl.getExtension('WEBGL_debug_renderer_info');
    const name = String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return name;
  } catch {
    return undefined;
  }
}

export interface BackendPreference {
  backend: string;
  /** explicit: backend= asked for it; remembered: measured fastest before; guessed: from the graphics; no-webgl: guessed, and this browser has no WebGL. */
  how: 'explicit' | 'remembered' | 'guessed' | 'no-webgl';
}

let guessed: BackendPreference | undefined;

/** The backend to use now, and how it was chosen; never measures. */
export function preferredBackend(stateBackend?: string): BackendPreference {
  if (stateBackend && stateBackend !== 'auto') return { backend: stateBackend, how: 'explicit' };
  const remembered = readStored();
  if (remembered) return { backend: remembered, how: 'remembered' };
  if (!guessed) {
    const renderer = webglRenderer();
    guessed = { backend: guessBackend(renderer), how: renderer === undefined ? 'no-webgl' : 'guessed' };
  }
  return guessed;
}

let probing = false;

/**
 * Once per device (nothing remembered yet), when the page is idle: measures the backends in a worker and remembers
 * the fastest for the next visit. The page keeps its current backend (switching would rebuild every model).
 */
export function measureInBackground(): void {
  if (probing || readStored() || typeof Worker === 'undefined') return;
  probing = true;
  const start = () => {
    const worker = new Worker(new URL('./backend-probe.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (e: MessageEvent<{ backend?: string }>) => {
      if (e.data.backend && KNOWN.includes(e.data.backend)) writeStored(e.data.backend);
      worker.terminate();
    };
    worker.onerror = () => worker.terminate();
  };
  whenIdle(start, 5000);
}
