/**
 * The one tfjs backend policy of the site, for the page and for its workers: an explicit choice (backend=…) first;
 * otherwise the candidates this context can run (webgl where it has WebGL to spare, then wasm, then cpu), measured
 * where measuring pays off, the first that loads elsewhere; cpu when nothing else loads.
 */
import { browserLoaders, selectBackend, type BackendChoice, type BackendLoader } from '../../../lib/model/backend';
import { WASM_PATHS } from './wasm-paths';

export interface BackendContext {
  /** The page or a worker with OffscreenCanvas: webgl is a candidate. The sweep's worker leaves WebGL to the page. */
  webgl: boolean;
  /** Measure the candidates (a few seconds) and keep the fastest; otherwise take the first that loads. */
  measure: boolean;
  /** Repetitions per measurement (default of selectBackend when absent). */
  repeats?: number;
  /** The state's `backend` ('auto': none), or a backend remembered from an earlier visit. */
  override?: string;
}

/** The candidate loaders of a context, in order of preference. */
export function backendCandidates(ctx: Pick<BackendContext, 'webgl' | 'override'>): Partial<Record<string, BackendLoader>> {
  const all = browserLoaders(WASM_PATHS);
  if (ctx.override === 'cpu') return { cpu: all.cpu };
  return ctx.webgl ? { webgl: all.webgl, wasm: all.wasm, cpu: all.cpu } : { wasm: all.wasm, cpu: all.cpu };
}

/** Chooses and activates the backend of a context by the policy above. */
export async function chooseBackend(ctx: BackendContext): Promise<BackendChoice> {
  const override = ctx.override && ctx.override !== 'auto' ? ctx.override : undefined;
  try {
    return await selectBackend({ loaders: backendCandidates({ ...ctx, override }), override, measure: ctx.measure, repeats: ctx.repeats });
  } catch {
    return selectBackend({ loaders: { cpu: browserLoaders(WASM_PATHS).cpu }, measure: false });
  }
}
