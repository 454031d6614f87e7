/**
 * The guidance sweep's worker: runs the sweep of lib/views/guidance-sweep.ts off the main thread and posts each point
 * as it is finished. The exact denoiser is plain TypeScript; tfjs is imported only for a learned series.
 * A 'cancel' message (or a new 'run') aborts the run in progress at its next step.
 */
import { makeGrid } from '../../../lib/science/grid';
import { opacityFromLog } from '../../../lib/views/density';
import type { ScheduleName } from '../../../lib/science/schedule';
import type { Denoiser } from '../../../lib/science/types';
import { exactDenoiser } from '../shared/denoisers';
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
  const { world, schedule } = exact;
  if (req.densityGrid) {
    // The class density p_0(x | y) of the inset, computed here so that the page never evaluates the mixture.
    const alpha = opacityFromLog(exact.logDensity(makeGrid(req.densityGrid).points, 0, req.settings.y)).alpha;
    scope.postMessage({ type: 'density', id: req.id, nx: req.densityGrid, alpha });
  }
  const denoiserOf = async (d: SweepDenoiser): Promise<Denoiser> => {
    if (d === 'exact') return exact;
    const learned = req.learned;
    if (!learned || 'unavailable' in learned) throw new Error(learned?.unavailable ?? 'no learned model');
    learnedModule ??= await import('./worker-learned');
    const model = await learnedModule.learnedModel(learned.weightsUrl, world);
    if (model.schedule.name !== schedule.name) throw new Error(`the shipped model was trained with the ${model.schedule.name} schedule`);
    return model;
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
