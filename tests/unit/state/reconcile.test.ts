import { describe, expect, it } from 'vitest';
import { applyQuery, createNotebookStore, defaultNotebookState, type NotebookState } from '../../../lib/state/notebook';
import { createStore } from '../../../lib/state/store';

/** Every change of a notebook store is reconciled, whoever makes it: a control, the URL, a host page's message. */
describe('one reconcile path: the notebook store', () => {
  it('a control that changes the world drops a class the new world lacks (three-spirals, y = 2 → two-gaussians)', () => {
    const store = createNotebookStore();
    expect(store.set({ world: 'three-spirals', y: 2 })).toEqual([]);
    const seen: NotebookState[] = [];
    store.subscribe((st) => seen.push(st));
    const notices = store.set({ world: 'two-gaussians' });
    expect(store.get()).toMatchObject({ world: 'two-gaussians', y: 0 });
    expect(notices).toEqual([{ param: 'y', given: '2', used: '0', reason: 'this world has classes 0 to 1' }]);
    // Listeners never see the inconsistent state.
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ world: 'two-gaussians', y: 0 });
  });

  it('the same for the negative class, and for a negative class set equal to y', () => {
    const store = createNotebookStore();
    store.set({ world: 'three-spirals', y: 0, neg: 2 });
    expect(store.get().neg).toBe(2);
    const notices = store.set({ world: 'two-gaussians' });
    expect(store.get()).toMatchObject({ y: 0, neg: -1 });
    expect(notices.map((n) => `${n.param}:${n.used}`)).toEqual(['neg:-1']);
    store.set({ neg: 1 });
    expect(store.set({ y: 1 })[0]).toMatchObject({ param: 'neg', used: '-1', reason: 'the negative class must differ from y' });
    expect(store.get()).toMatchObject({ y: 1, neg: -1 });
  });

  it('an interval start dragged past its end is held at the end', () => {
    const store = createNotebookStore();
    store.set({ intervalHi: 300 });
    const notices = store.set({ intervalLo: 500 });
    expect(store.get()).toMatchObject({ intervalLo: 300, intervalHi: 300 });
    expect(notices[0]).toMatchObject({ param: 'intervalLo', given: '500', used: '300' });
  });

  it("a host page's message is validated value by value, then reconciled by the store", () => {
    const store = createNotebookStore();
    store.set({ world: 'three-spirals', y: 2, s: 3 });
    const notices = applyQuery(store, 'world=two-gaussians&t=5000');
    expect(store.get()).toMatchObject({ world: 'two-gaussians', y: 0, t: 999, s: 3 });
    expect(notices.map((n) => n.param)).toEqual(['t', 'y']);
  });

  it('a store made from an inconsistent state starts reconciled; a change that reconciles to nothing calls no listener', () => {
    const store = createNotebookStore({ ...defaultNotebookState(), world: 'two-gaussians', y: 5 });
    expect(store.get().y).toBe(0);
    let calls = 0;
    store.subscribe(() => calls++);
    expect(store.set({ y: 0 })).toEqual([]);
    expect(calls).toBe(0);
  });

  it('a store without a reconcile step merges patches as they are, skipping undefined values', () => {
    const store = createStore({ a: 1, b: 2 });
    expect(store.set({ a: 3, b: undefined })).toEqual([]);
    expect(store.get()).toEqual({ a: 3, b: 2 });
  });
});
