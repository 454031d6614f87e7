/**
 * A tiny observable store: the shared state of a page's widgets (like the cells of a reactive notebook)
 * or the private state of one widget that opted out.
 */
import type { Notice } from './params';

export type Listener<T> = (state: T, changed: ReadonlySet<keyof T>) => void;

/** Fits a whole candidate state to the rules between its values; returns the state to keep and what it corrected. */
export type Reconcile<T> = (state: T) => { state: T; notices: Notice[] };

export interface Store<T extends object> {
  get(): T;
  /**
   * Merges a partial update, then reconciles the whole state (when the store has a reconcile step); listeners run once,
   * with the keys whose values changed (none: no call). Returns the corrections the reconcile step made.
   */
  set(patch: Partial<T>): Notice[];
  /** Calls `listener` on every change; returns the unsubscribe function. */
  subscribe(listener: Listener<T>): () => void;
}

/**
 * A store. With `reconcile`, every update (from a control, the URL or a host page's message) goes through it,
 * so no path can leave the state inconsistent; the initial state is reconciled too.
 */
export function createStore<T extends object>(initial: T, reconcile?: Reconcile<T>): Store<T> {
  let state = reconcile ? reconcile({ ...initial }).state : { ...initial };
  const listeners = new Set<Listener<T>>();
  return {
    get: () => state,
    set(patch) {
      const merged = { ...state };
      for (const key of Object.keys(patch) as (keyof T)[]) {
        if (patch[key] !== undefined) merged[key] = patch[key] as T[keyof T];
      }
      const { state: next, notices } = reconcile ? reconcile(merged) : { state: merged, notices: [] };
      const changed = new Set<keyof T>();
      for (const key of Object.keys(next) as (keyof T)[]) {
        if (!Object.is(next[key], state[key])) changed.add(key);
      }
      if (changed.size === 0) return notices;
      state = next;
      for (const l of [...listeners]) l(state, changed);
      return notices;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
