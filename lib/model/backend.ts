/**
 * Backend selection, DOM-free: given loaders for the candidate backends, load each, measure it on
 * the work this site does (a doubled-batch field forward pass and a training step), and pick the
 * fastest. Overridable; the returned report says what was chosen and why, for the reader to see.
 *
 * In the browser the caller passes loaders that import the backend packages (and, for wasm, calls
 * `setWasmPaths` with Vite `?url` imports: see `wasmLoader`). In Node use `lib/model/node.ts`.
 */
import * as tf from '@tensorflow/tfjs-core';
import { DenoiserModel, defaultArchitecture, type Conditioning } from './network';
import { gradientStep } from './train';

export type BackendName = 'webgl' | 'wasm' | 'cpu' | (string & {});

/** Loads (imports, registers, configures) one backend; resolves when `tf.setBackend(name)` may be called. */
export type BackendLoader = () => Promise<unknown>;

export interface BackendTiming {
  backend: BackendName;
  ok: boolean;
  /** Median ms of one forward pass over a 32×32 grid, doubled batch (2048 points). */
  forwardMs?: number;
  /** Median ms of one training step (batch `trainBatch`). */
  trainStepMs?: number;
  /** The score compared: forwardMs + trainStepMs (lower is better). */
  score?: number;
  error?: string;
}

export interface BackendChoice {
  backend: BackendName;
  /** How it was chosen. */
  reason: 'override' | 'measured' | 'only-candidate' | 'fallback';
  /** Human-readable one-liner for the UI, e.g. "wasm (measured: 21 ms/step vs webgl 140 ms/step)". */
  summary: string;
  timings: BackendTiming[];
}

export interface SelectBackendOptions {
  /** Candidate backends in order of preference, with their loaders. Default order: webgl, wasm, cpu. */
  loaders: Partial<Record<BackendName, BackendLoader>>;
  /** Use this backend without measuring, if it loads (falls back to measuring if it fails). */
  override?: BackendName | null;
  /** Skip measurement and take the first candidate that loads. */
  measure?: boolean;
  /** Repetitions per measurement (median taken). Default 5. */
  repeats?: number;
  /** Batch size of the measured training step. Default 256. */
  trainBatch?: number;
  /** Conditioning of the measured model. Default 'adanorm'. */
  conditioning?: Conditioning;
  /** Called with progress messages ("measuring webgl…"). */
  onProgress?: (msg: string) => void;
}

const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Sets the backend and waits until it is ready. Throws with a clear message if it cannot. */
export async function useBackend(name: BackendName, loader?: BackendLoader): Promise<void> {
  if (loader) await loader();
  const ok = await tf.setBackend(name);
  if (!ok) throw new Error(`tfjs backend "${name}" failed to initialise`);
  await tf.ready();
}

/**
 * Measures the current backend: medians of a field forward (32×32 grid, doubled batch) and of a
 * training step. Leaves no tensors behind.
 */
export async function measureBackend(
  opts: { repeats?: number; trainBatch?: number; conditioning?: Conditioning } = {},
): Promise<Omit<BackendTiming, 'backend' | 'ok'>> {
  const repeats = opts.repeats ?? 5;
  const B = opts.trainBatch ?? 256;
  const model = DenoiserModel.create(defaultArchitecture(opts.conditioning ?? 'adanorm', 3), 1);
  try {
    const n = 2048;
    const x = new Float32Array(2 * n);
    const cond = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      x[2 * i] = ((i % 32) / 31) * 6 - 3;
      x[2 * i + 1] = ((Math.floor(i / 32) % 32) / 31) * 6 - 3;
      cond[i] = i < n / 2 ? -1 : 0;
    }
    const fwd: number[] = [];
    for (let r = 0; r <= repeats; r++) {
      const t0 = now();
      await model.predict(x, 500, cond);
      if (r > 0) fwd.push(now() - t0); // first run is warm-up (shader compilation, etc.)
    }
    const steps: number[] = [];
    const xb = new Float32Array(2 * B);
    const eps = new Float32Array(2 * B);
    const tb = new Float32Array(B);
    const cb = new Int32Array(B);
    for (let i = 0; i < B; i++) {
      xb[2 * i] = Math.sin(i);
      xb[2 * i + 1] = Math.cos(i);
      eps[2 * i] = Math.sin(3 * i);
      eps[2 * i + 1] = Math.cos(5 * i);
      tb[i] = (i * 37) % 1000;
      cb[i] = (i % 4) - 1;
    }
    for (let r = 0; r <= repeats; r++) {
      const t0 = now();
      // a gradient computation with the readback training needs (no parameter update: measuring only)
      const g = gradientStep(model, { xt: xb, t: tb, cond: cb, eps });
      await g.stats.data();
      g.dispose();
      if (r > 0) steps.push(now() - t0);
    }
    const forwardMs = median(fwd);
    const trainStepMs = median(steps);
    return { forwardMs, trainStepMs, score: forwardMs + trainStepMs };
  } finally {
    model.dispose();
  }
}

/**
 * Picks a backend: the override if given and it loads; otherwise, each candidate that loads is
 * measured (`measureBackend`) and the fastest wins. Leaves the chosen backend active.
 */
export async function selectBackend(opts: SelectBackendOptions): Promise<BackendChoice> {
  const names = Object.keys(opts.loaders) as BackendName[];
  if (names.length === 0) throw new Error('selectBackend: no candidate backends given');
  const timings: BackendTiming[] = [];
  const say = opts.onProgress ?? ((): void => {});

  if (opts.override) {
    const loader = opts.loaders[opts.override];
    try {
      await useBackend(opts.override, loader);
      return { backend: opts.override, reason: 'override', summary: `${opts.override} (chosen by override)`, timings };
    } catch (e) {
      timings.push({ backend: opts.override, ok: false, error: String((e as Error).message ?? e) });
      say(`override ${opts.override} failed: ${(e as Error).message}; measuring the others`);
    }
  }

  const loaded: BackendName[] = [];
  for (const name of names) {
    if (timings.some((t) => t.backend === name)) continue;
    try {
      say(`loading ${name}…`);
      await useBackend(name, opts.loaders[name]);
      loaded.push(name);
      if (opts.measure === false) {
        return { backend: name, reason: 'only-candidate', summary: `${name} (first backend that loaded; not measured)`, timings };
      }
      say(`measuring ${name}…`);
      const m = await measureBackend({ repeats: opts.repeats, trainBatch: opts.trainBatch, conditioning: opts.conditioning });
      timings.push({ backend: name, ok: true, ...m });
    } catch (e) {
      timings.push({ backend: name, ok: false, error: String((e as Error).message ?? e) });
    }
  }
  const good = timings.filter((t) => t.ok && t.score !== undefined).sort((a, b) => a.score! - b.score!);
  const best = good[0];
  if (!best) {
    throw new Error(`no tfjs backend could be used: ${timings.map((t) => `${t.backend}: ${t.error ?? 'failed'}`).join('; ')}`);
  }
  await useBackend(best.backend);
  const fmt = (t: BackendTiming): string => `${t.backend} ${t.trainStepMs!.toFixed(0)} ms/step, ${t.forwardMs!.toFixed(0)} ms/field`;
  const others = good.slice(1).map(fmt);
  const summary =
    good.length === 1
      ? `${best.backend} (the only backend that loaded: ${fmt(best)})`
      : `${best.backend} (measured fastest: ${fmt(best)}; vs ${others.join('; ')})`;
  return { backend: best.backend, reason: good.length === 1 ? 'only-candidate' : 'measured', summary, timings };
}

/**
 * A loader for the wasm backend given where its .wasm files are served from: a prefix
 * (ending in "/") or a map of file names to URLs (e.g. from Vite `?url` imports:
 * `{ 'tfjs-backend-wasm.wasm': u1, 'tfjs-backend-wasm-simd.wasm': u2, 'tfjs-backend-wasm-threaded-simd.wasm': u3 }`).
 */
export function wasmLoader(wasmPaths: string | Record<string, string>): BackendLoader {
  return async () => {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    wasm.setWasmPaths(wasmPaths as Parameters<typeof wasm.setWasmPaths>[0]);
  };
}

/** Standard browser loaders (webgl, wasm at `wasmPaths`, cpu), in preference order. */
export function browserLoaders(wasmPaths: string | Record<string, string>): Record<'webgl' | 'wasm' | 'cpu', BackendLoader> {
  return {
    webgl: () => import('@tensorflow/tfjs-backend-webgl'),
    wasm: wasmLoader(wasmPaths),
    cpu: () => import('@tensorflow/tfjs-backend-cpu'),
  };
}

/**
 * A first guess of the fastest backend from the WebGL renderer's name, without measuring: WebGL rendered in software
 * (SwiftShader, llvmpipe, a missing context) is slower than wasm for this site's small networks; a real GPU is not.
 */
export function guessBackend(renderer: string | null | undefined): 'webgl' | 'wasm' {
  if (!renderer) return 'wasm';
  return /swiftshader|llvmpipe|softpipe|software|basic render/i.test(renderer) ? 'wasm' : 'webgl';
}
