import { describe, expect, it } from 'vitest';
import { DENOISER_NAMES, defaultNotebookState, notebookQuery, parseNotebookQuery } from '../../../lib/state/notebook';

describe('training-lab state keys (trainPUncond, trainLr, trainSteps; pu and lr accepted) and denoiser=trained', () => {
  it('has the documented defaults', () => {
    const d = defaultNotebookState();
    expect(d.trainPUncond).toBe(0.1);
    expect(d.trainLr).toBe(0.002);
    expect(d.trainSteps).toBe(2000);
    expect(DENOISER_NAMES).toContain('trained');
  });

  it('clamps hostile values with a notice for each', () => {
    const { state, notices } = parseNotebookQuery('pu=9&lr=-1&trainSteps=abc');
    expect(state.trainPUncond).toBe(0.5);
    expect(state.trainLr).toBe(0.0001);
    expect(state.trainSteps).toBe(2000);
    const byParam = Object.fromEntries(notices.map((n) => [n.param, n]));
    expect(byParam.pu).toMatchObject({ given: '9', used: '0.5' });
    expect(byParam.lr).toMatchObject({ given: '-1', used: '0.0001' });
    expect(byParam.trainSteps).toMatchObject({ given: 'abc', used: '2000' });
    expect(byParam.trainSteps!.reason).toMatch(/not a number/);
  });

  it('snaps to the step and round-trips through the URL', () => {
    expect(parseNotebookQuery('pu=0.12').state.trainPUncond).toBe(0.1);
    expect(parseNotebookQuery('trainSteps=333').state.trainSteps).toBe(300);
    expect(parseNotebookQuery('lr=NaN').state.trainLr).toBe(0.002);
    const { state, notices } = parseNotebookQuery('pu=0&lr=0.005&trainSteps=300&denoiser=trained');
    expect(notices).toEqual([]);
    expect(state).toMatchObject({ trainPUncond: 0, trainLr: 0.005, trainSteps: 300, denoiser: 'trained' });
    expect(parseNotebookQuery(notebookQuery(state)).state).toEqual(state);
  });
});
