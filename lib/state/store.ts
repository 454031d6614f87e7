/**
 * A tiny observable store: the shared state of a page's widgets (like the cells of a reactive notebook)
 * or the private state of one widget that opted out.
 */
export type Listener<T> = (state: T, changed: ReadonlySet<keyof T>) => void;

export interface Store<T extends object> {
  get(): T;
  /** Merges a partial update; listeners run once, with the keys whose values changed (none: no call). */
  set(patch: Partial<T>): void;
  /** Calls `listener` on every change; returns the unsubscribe function. */
  subscribe(listener: Listener<T>): () => void;
}

export function createStore<T extends object>(initial: T): Store<T> {
  let state = { ...initial };
  const listeners = new Set<Listener<T>>();
  return {
    get: () => state,
    set(patch) {
      const changed = new Set<keyof T>();
      for (const key of Object.keys(patch) as (keyof T)[]) {
        if (!Object.is(patch[key], state[key]) && patch[key] !== undefined) changed.add(key);
      }
      if (changed.size === 0) return;
      state = { ...state, ...patch };
      for (const l of [...listeners]) l(state, changed);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
