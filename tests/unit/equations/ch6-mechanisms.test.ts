/**
 * Claim C6.2 of chapter 6: all three conditioning mechanisms, trained the same way, learn ε fields close to the exact
 * ε* at moderate noise, for the class and for ∅. Checked on the shipped models of the default world (public/weights/).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { CONDITIONINGS } from '../../../lib/model/conditioning';
import { LearnedDenoiser } from '../../../lib/model/denoiser';
import { initNodeBackend } from '../../../lib/model/node';
import { epsErrorByBand } from '../../../lib/model/quality';
import { shippedWeightsPath } from '../../../lib/model/shipped';
import { DEFAULT_WORLD, getBuiltinWorld } from '../../../lib/science/worlds';
import { ExactDenoiser } from '../../../lib/science/exact';
import { epsField } from '../../../lib/science/field';
import { makeGrid } from '../../../lib/science/grid';
import { makeSchedule } from '../../../lib/science/schedule';
import { ScoreFieldViewModel } from '../../../lib/views/score-field';

const root = fileURLToPath(new URL('../../../public/', import.meta.url));
const world = getBuiltinWorld(DEFAULT_WORLD)!;

describe('claim C6.2: three conditioning mechanisms, one result', () => {
  beforeAll(() => initNodeBackend('wasm'));

  it('C6.2: add, adanorm and cross-attention each learn ε_y and ε_∅ to within 0.05 RMSE of ε* for t in 300–599', async () => {
    const errors: Record<string, { cond: number; uncond: number }> = {};
    for (const c of CONDITIONINGS) {
      const model = LearnedDenoiser.fromJson(readFileSync(root + shippedWeightsPath(DEFAULT_WORLD, c), 'utf8'), { world, conditioning: c });
      const [band] = await epsErrorByBand(model, world, { bands: [{ lo: 300, hi: 599 }], timesteps: 8, n: 256, seed: 6 });
      errors[c] = { cond: band!.rmseCond, uncond: band!.rmseUncond };
      model.dispose();
    }
    // ε has unit variance per coordinate; 0.05 is 5 % of it. The shipped models measure 0.002–0.003 for y and for ∅
    // in docs/model-quality.md; an untrained network measures ≈ 1, and the ∅ branch of the p_uncond = 0 model 0.14.
    for (const c of CONDITIONINGS) {
      expect(errors[c]!.cond, `${c} ε_y`).toBeLessThan(0.05);
      expect(errors[c]!.uncond, `${c} ε_∅`).toBeLessThan(0.05);
    }
  });

  it('C6.2: the same check refuses the model that never trained ∅ (p_uncond = 0), so it can fail', async () => {
    const model = LearnedDenoiser.fromJson(readFileSync(root + shippedWeightsPath(DEFAULT_WORLD, 'add', true), 'utf8'), { world });
    const [band] = await epsErrorByBand(model, world, { bands: [{ lo: 300, hi: 599 }], timesteps: 8, n: 256, seed: 6 });
    model.dispose();
    expect(band!.rmseCond).toBeLessThan(0.05);
    expect(band!.rmseUncond).toBeGreaterThan(0.05);
  });

  it('C6.2 (fig. 6.1): the weighted ε̃ error is about 0.01 at s = 1 and t = 300 and grows several-fold by s = 7.5', async () => {
    const exact = new ExactDenoiser(world, makeSchedule('linear'));
    const [arrows, density] = [makeGrid(17), makeGrid(32)];
    const exactField = await epsField(exact, arrows, 300, 0);
    for (const c of CONDITIONINGS) {
      const model = LearnedDenoiser.fromJson(readFileSync(root + shippedWeightsPath(DEFAULT_WORLD, c), 'utf8'), { world, conditioning: c });
      const view = new ScoreFieldViewModel(exact, await epsField(model, arrows, 300, 0), density, exactField);
      model.dispose();
      // the figure's default state; measured 0.007–0.009 at s = 1 and 0.049–0.068 at s = 7.5 (7–8×; the models trained
      // with p_uncond = 0.1 measured 0.11–0.12, 12–17×)
      expect(view.guidedError(1), c).toBeLessThan(0.025);
      expect(view.guidedError(7.5), c).toBeGreaterThan(3 * view.guidedError(1));
    }
  });
});
