/**
 * The models living on the page's tfjs backend. A lost WebGL context kills the backend; its models must be disposed
 * before it is removed, or the engine keeps counting their tensors (one model's worth leaked per loss). Whoever builds
 * a model on the page backend tracks it here; the context-loss handler disposes them all at once.
 */
interface Disposable {
  dispose(): void;
}

const live = new Set<Disposable>();

/** Tracks a model until `disposeBackendModels` (or its own dispose: disposing twice is harmless in tfjs). */
export function trackBackendModel<T extends Disposable>(model: T): T {
  live.add(model);
  return model;
}

/** Disposes every tracked model (a dead context may throw on the way: its tensors go regardless); returns how many. */
export function disposeBackendModels(): number {
  const n = live.size;
  for (const m of live) {
    try {
      m.dispose();
    } catch {
      /* the context is gone; the engine has forgotten the tensors all the same */
    }
  }
  live.clear();
  return n;
}
