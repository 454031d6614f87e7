import { describe, expect, it } from 'vitest';
import { NOTEBOOK_SCHEMA, notebookQuery, parseNotebookQuery } from '../../../lib/state/notebook';

describe('classifier-guidance keys (clfSteps, clfView)', () => {
  it('default to 400 steps and the difference view, and round-trip through the URL', () => {
    const d = parseNotebookQuery('');
    expect(d.state.clfSteps).toBe(400);
    expect(d.state.clfView).toBe('difference');
    const { state, notices } = parseNotebookQuery('clfSteps=1200&clfView=both');
    expect(notices).toEqual([]);
    expect(state.clfSteps).toBe(1200);
    expect(state.clfView).toBe('both');
    expect(parseNotebookQuery(notebookQuery(state)).state).toEqual(state);
  });

  it.each([
    ['clfSteps=1e9', 'clfSteps', NOTEBOOK_SCHEMA.clfSteps.max],
    ['clfSteps=-5', 'clfSteps', NOTEBOOK_SCHEMA.clfSteps.min],
    ['clfSteps=NaN', 'clfSteps', NOTEBOOK_SCHEMA.clfSteps.default],
    ['clfSteps=Infinity', 'clfSteps', NOTEBOOK_SCHEMA.clfSteps.default],
    ['clfSteps=123', 'clfSteps', 100],
    ['clfView=%3Cscript%3E', 'clfView', 'difference'],
    ['clfView=', 'clfView', 'difference'],
  ])('clamps or falls back on hostile %s, with a notice', (query, key, used) => {
    const { state, notices } = parseNotebookQuery(query);
    expect((state as Record<string, unknown>)[key]).toBe(used);
    expect(notices.some((n) => n.param === key)).toBe(true);
  });
});
