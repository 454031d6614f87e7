import { describe, expect, it } from 'vitest';
import { applies, discloseControls, INTRODUCED_IN, MAX_VISIBLE } from '../../../lib/state/disclosure';
import { NOTEBOOK_SCHEMA } from '../../../lib/state/notebook';

/** Figure 3.1's controls, in its order (WorldControls, then t and view; s lives in the slider panel). */
const FIG_3_1 = ['world', 'y', 'neg', 'denoiser', 'cond', 'pUncond', 't', 'view', 'flow', 's'];

describe('progressive disclosure', () => {
  it('figure 3.1 shows at most six controls, none from chapters 4–6', () => {
    const d = discloseControls(FIG_3_1, 3);
    expect(d.shown).toEqual(['y', 'denoiser', 't', 'view', 'flow', 's']);
    expect(d.more).toEqual(['world', 'neg', 'cond', 'pUncond']);
  });

  it('chapter 1 figures leave chapter 3 ideas (the denoiser choice) for later', () => {
    expect(discloseControls(FIG_3_1, 1).more).toContain('denoiser');
  });

  it("the training lab keeps its own settings in view and the world behind 'More controls'", () => {
    const lab = ['world', 'y', 'neg', 'denoiser', 'cond', 'pUncond', 'trainPUncond', 'trainDropout', 'trainLr', 'trainSteps', 't', 's'];
    expect(discloseControls(lab, 4).shown).toEqual(['trainPUncond', 'trainDropout', 'trainLr', 'trainSteps', 't', 's']);
  });

  it('keeps the guidance scale first when there are too many introduced controls, and everything on embeds', () => {
    const sampler = ['world', 'y', 'neg', 'denoiser', 'cond', 'pUncond', 'sampler', 'steps', 'eta', 'n', 'seed', 'trails', 'x0hat', 'compare', 's2', 's'];
    const d = discloseControls(sampler, undefined);
    expect(d.shown).toHaveLength(MAX_VISIBLE);
    expect(d.shown).toContain('s');
    expect(d.shown).toContain('sampler');
    expect(d.shown.length + d.more.length).toBe(sampler.length);
  });

  it('every state key a control can carry has a chapter; learned-only controls do not apply to the exact field', () => {
    for (const key of Object.keys(NOTEBOOK_SCHEMA).filter((k) => !['schedule', 'autoplay'].includes(k))) {
      expect(INTRODUCED_IN[key], key).toBeGreaterThanOrEqual(1);
    }
    expect(applies('cond', { denoiser: 'exact' })).toBe(false);
    expect(applies('cond', { denoiser: 'learned' })).toBe(true);
    expect(applies('t', { denoiser: 'exact' })).toBe(true);
  });
});
