import { describe, expect, it } from 'vitest';
import { NOTEBOOK_SCHEMA, notebookQuery, parseNotebookQuery } from '../../../lib/state/notebook';

describe('classifier-guidance keys (clfsteps, clfview)', () => {
  it('default to 400 steps and the difference view, and round-trip through the URL', () => {
    const d = parseNotebookQuery('');
    expect(d.state.clfsteps).toBe(400);
    expect(d.state.clfview).toBe('difference');
    const { state, notices } = parseNotebookQuery('clfsteps=1200&clfview=both');
    expect(notices).toEqual([]);
    expect(state.clfsteps).toBe(1200);
    expect(state.clfview).toBe('both');
    expect(parseNotebookQuery(notebookQuery(state)).state).toEqual(state);
  });

  it.each([
    ['clfsteps=1e9', 'clfsteps', NOTEBOOK_SCHEMA.clfsteps.max],
    ['clfsteps=-5', 'clfsteps', NOTEBOOK_SCHEMA.clfsteps.min],
    ['clfsteps=NaN', 'clfsteps', NOTEBOOK_SCHEMA.clfsteps.default],
    ['clfsteps=Infinity', 'clfsteps', NOTEBOOK_SCHEMA.clfsteps.default],
    ['clfsteps=123', 'clfsteps', 100],
    ['clfview=%3Cscript%3E', 'clfview', 'difference'],
    ['clfview=', 'clfview', 'difference'],
  ])('clamps or falls back on hostile %s, with a notice', (query, key, used) => {
    const { state, notices } = parseNotebookQuery(query);
    expect((state as Record<string, unknown>)[key]).toBe(used);
    expect(notices.some((n) => n.param === key)).toBe(true);
  });
});
