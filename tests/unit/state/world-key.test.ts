import { describe, expect, it } from 'vitest';
import { encodeWorldDoc, type WorldDoc } from '../../../lib/science/world-code';
import { createNotebookStore, notebookQuery, parseNotebookQuery } from '../../../lib/state/notebook';

const three: WorldDoc = {
  name: 'mine',
  description: '',
  classes: ['a', 'b', 'c'].map((name, i) => ({ name, prior: 1, components: [{ x: i - 1, y: 0, sx: 0.3, sy: 0.3, angle: 0, weight: 1 }] })),
};

describe('the world key: a built-in name or the reader’s world code', () => {
  it('a code round-trips through the query string untouched', () => {
    const code = encodeWorldDoc(three);
    const { state, notices } = parseNotebookQuery(`world=${code}&y=2`);
    expect(notices).toEqual([]);
    expect([state.world, state.y]).toEqual([code, 2]);
    expect(notebookQuery(state)).toBe(`world=${code}&y=2`);
  });

  it('a bad code is refused (default world, one notice naming the problem) and the other keys are kept', () => {
    const { state, notices } = parseNotebookQuery('world=w.AQ&s=3');
    expect([state.world, state.s]).toEqual(['two-gaussians', 3]);
    expect(notices).toEqual([
      { param: 'world', given: 'w.AQ', used: 'two-gaussians', reason: 'not a valid world code: name: the code ends too early (cut off?)' },
    ]);
  });

  it('reconcile fits y to the reader’s world’s classes', () => {
    const store = createNotebookStore();
    store.set({ world: encodeWorldDoc(three), y: 2, neg: 1 });
    expect([store.get().y, store.get().neg]).toEqual([2, 1]);
    const notices = store.set({ world: encodeWorldDoc({ ...three, classes: three.classes.slice(0, 2) }) });
    expect(store.get().y).toBe(0);
    expect(notices.map((n) => n.param)).toEqual(['y']);
  });
});
