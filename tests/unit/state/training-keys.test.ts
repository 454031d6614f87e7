import { describe, expect, it } from 'vitest';
import { DENOISER_NAMES, defaultNotebookState, notebookQuery, parseNotebookQuery } from '../../../lib/state/notebook';

describe('training-lab state keys (pu, lr, tsteps) and denoiser=trained', () => {
  it('has the documented defaults', () => {
    const d = defaultNotebookState();
    expect(d.pu).toBe(0.1);
    expect(d.lr).toBe(0.002);
    expect(d.tsteps).toBe(2000);
    expect(DENOISER_NAMES).toContain('trained');
  });

  it('clamps hostile values with a notice for each', () => {
    const { state, notices } = parseNotebookQuery('pu=9&lr=-1&tsteps=abc');
    expect(state.pu).toBe(0.5);
    expect(state.lr).toBe(0.0001);
    expect(state.tsteps).toBe(2000);
    const byParam = Object.fromEntries(notices.map((n) => [n.param, n]));
    expect(byParam.pu).toMatchObject({ given: '9', used: '0.5' });
    expect(byParam.lr).toMatchObject({ given: '-1', used: '0.0001' });
    expect(byParam.tsteps).toMatchObject({ given: 'abc', used: '2000' });
    expect(byParam.tsteps!.reason).toMatch(/not a number/);
  });

  it('snaps to the step and round-trips through the URL', () => {
    expect(parseNotebookQuery('pu=0.12').state.pu).toBe(0.1);
    expect(parseNotebookQuery('tsteps=333').state.tsteps).toBe(300);
    expect(parseNotebookQuery('lr=NaN').state.lr).toBe(0.002);
    const { state, notices } = parseNotebookQuery('pu=0&lr=0.005&tsteps=300&denoiser=trained');
    expect(notices).toEqual([]);
    expect(state).toMatchObject({ pu: 0, lr: 0.005, tsteps: 300, denoiser: 'trained' });
    expect(parseNotebookQuery(notebookQuery(state)).state).toEqual(state);
  });
});
