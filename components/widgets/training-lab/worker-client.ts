/**
 * The training lab's side of the worker protocol (messages: lib/views/training-lab.ts): starts the module worker on
 * first use, forwards its messages, and reports a worker that failed (its script or, before it had a backend, a chunk it
 * imports could not load, e.g. offline; it crashed) once, after dropping it, so that the next message starts a fresh
 * worker instead of posting to a dead one.
 */
import type { NotebookState } from '../../../lib/state/notebook';
import { trainRequestOf, type FromWorker, type ToWorker } from '../../../lib/views/training-lab';
import { preferredBackend } from '../shared/backend-memory';
import { whenIdle } from '../shared/when-visible';

export class LabWorker {
  private worker: Worker | null = null;

  constructor(
    private readonly onMessage: (m: FromWorker) => void,
    private readonly onFailure: (message: string) => void,
  ) {}

  /** Whether a worker is running (it holds the lab's model for field requests). */
  get alive(): boolean {
    return this.worker !== null;
  }

  post(m: ToWorker): void {
    this.ensure().postMessage(m);
  }

  /**
   * When the browser is idle, starts the worker with a warm-up (its backend, one throwaway step of the lab's network) so
   * that Train's first step need not wait for them; `state` says what to warm for (undefined: not now, the lab is busy).
   */
  warmWhenIdle(state: () => NotebookState | undefined): void {
    whenIdle(() => {
      const st = !this.worker && state();
      if (st) this.post({ type: 'warm', request: trainRequestOf(st), backend: preferredBackend(st.backend).backend });
    });
  }

  /** Stops the worker at once (its tensors go with it). */
  terminate(): void {
    this.worker?.terminate();
    this.worker = null;
  }

  private ensure(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL('./train.worker.ts', import.meta.url), { type: 'module' });
    let hasBackend = false;
    worker.onmessage = (e: MessageEvent<FromWorker>) => {
      if (this.worker !== worker) return;
      const m = e.data;
      if (m.type === 'backend') hasBackend = true;
      // An error before the worker had a backend: a chunk it imports failed to load (offline). The failure stays in the
      // worker's module map, so the worker could never train: it is dropped like one whose script failed.
      if (m.type === 'error' && !hasBackend) this.fail(m.message);
      else this.onMessage(m);
    };
    worker.onerror = (e) => {
      e.preventDefault();
      if (this.worker === worker) this.fail(e.message || 'its script could not be loaded (offline?)');
    };
    this.worker = worker;
    return worker;
  }

  private fail(message: string): void {
    this.terminate();
    this.onFailure(message);
  }
}
