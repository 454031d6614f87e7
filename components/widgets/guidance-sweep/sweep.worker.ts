/**
 * The guidance sweep's worker: runs the sweep of lib/views/guidance-sweep.ts off the main thread and posts each point
 * as it is finished. The exact denoiser is plain TypeScript; tfjs is imported only for a learned series.
 * A 'cancel' message (or a new 'run') aborts the run in progress at its next step.
 */
import { makeGrid } from '../../../lib/science/grid';
import { opacityFromLog } from '../../../lib/views/density';
import type { ScheduleName } from '../../../lib/science/schedule';
import type { Denoiser } from '../../../lib/science/types';
import type { DenoiserState } from '../shared/resolve-denoiser';
import { exactDenoiser } from '../shared/exact-denoiser';
import { runSweepRequest, type SweepCancel, type SweepDenoiser, type SweepReply, type SweepRequest } from '../../../lib/views/guidance-sweep';

const scope = self as unknown as { onmessage: ((e: MessageEvent) => void) | null; postMessage: (m: SweepReply) => void };
let current: { id: number; ctrl: AbortController } | undefined;
let queue: Promise<void> = Promise.resolve();
let learnedModule: typeof import('./worker-learned') | undefined;

/** Yields to the worker's event loop (so that a cancel message gets in) without setTimeout's 4 ms clamp. */
const channel = new MessageChannel();
const waiting: (() => void)[] = [];
channel.port1.onmessage = () => waiting.shift()?.();
let lastYield = 0;
function pause(): Promise<void> | void {
  const now = performance.now();
  if (now - lastYield < 8) return;
  lastYield = now;
  return new Promise((resolve) => {
    waiting.push(resolve);
    channel.port2.postMessage(0);
  });
}

async function run(req: SweepRequest, signal: AbortSignal): Promise<void> {
  const exact = exactDenoiser(req.world, req.schedule as ScheduleName);
  const { world } = exact;
  if (req.densityGrid) {
    // The class density p_0(x | y) of the inset, computed here so that the page never evaluates the mixture.
    const alpha = opacityFromLog(exact.logDensity(makeGrid(req.densityGrid).points, 0, req.settings.y)).alpha;
    scope.postMessage({ type: 'density', id: req.id, nx: req.densityGrid, alpha });
  }
  const denoiserOf = async (d: SweepDenoiser): Promise<Denoiser> => {
    if (d === 'exact') return exact;
    const learned = req.learned;
    if (!learned) throw new Error('no learned model was asked for');
    learnedModule ??= await import('./worker-learned');
    const resolved = await learnedModule.resolveDenoiser({
      world: req.world,
      schedule: req.schedule as ScheduleName,
      denoiser: 'learned',
      cond: learned.cond as DenoiserState['cond'],
      pUncond: learned.pUncond as DenoiserState['pUncond'],
      backend: learned.backend as DenoiserState['backend'],
    });
    if (resolved.fallback) throw new Error(resolved.fallback);
    return resolved.denoiser;
  };
  await runSweepRequest(req, world, denoiserOf, (r) => scope.postMessage(r), {
    signal,
    pause,
    tensors: () => learnedModule?.tensorCount() ?? 0,
    backend: () => learnedModule?.backendName(),
    now: () => performance.now(),
  });
}

scope.onmessage = (e: MessageEvent) => {
  const msg = e.data as SweepRequest | SweepCancel;
  if (msg.type === 'cancel') {
    if (current?.id === msg.id) current.ctrl.abort(new Error('cancelled'));
    return;
  }
  current?.ctrl.abort(new Error('superseded'));
  const ctrl = new AbortController();
  current = { id: msg.id, ctrl };
  queue = queue.then(() => run(msg, ctrl.signal)).catch(() => undefined);
};
