/**
 * Claim C4.1 of chapter 4, its sampling half: without condition dropout (p_uncond = 0) guided samples at s = 7.5 go
 * astray, because ε_∅ was never trained; with the shipped p_uncond they land where the exact guided samples do.
 * Checked on the shipped default-world models (public/weights/), against exact samples from the same noise.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { LearnedDenoiser } from '../../../lib/model/denoiser';
import { initNodeBackend } from '../../../lib/model/node';
import { DEFAULT_CONDITIONING, shippedWeightsPath } from '../../../lib/model/shipped';
import { ExactDenoiser } from '../../../lib/science/exact';
import { slicedWasserstein } from '../../../lib/science/metrics';
import { sample } from '../../../lib/science/samplers';
import { makeSchedule } from '../../../lib/science/schedule';
import type { Denoiser } from '../../../lib/science/types';
import { DEFAULT_WORLD, getBuiltinWorld } from '../../../lib/science/worlds';

const root = fileURLToPath(new URL('../../../public/', import.meta.url));
const world = getBuiltinWorld(DEFAULT_WORLD)!;

describe('claim C4.1: CFG needs the unconditional branch', () => {
  beforeAll(() => initNodeBackend('wasm'));

  it('C4.1: at s = 7.5 the samples of the p_uncond = 0 model land far from the exact guided samples, those of the shipped (p_uncond = 0.5) model close', async () => {
    const exact = new ExactDenoiser(world, makeSchedule('linear'));
    const draw = async (d: Denoiser, seed: number) => (await sample(d, { n: 400, steps: 50, sampler: 'ddim', y: 0, seed, guidance: { s: 7.5 } })).x0;
    const load = (p0: boolean) => LearnedDenoiser.fromJson(readFileSync(root + shippedWeightsPath(DEFAULT_WORLD, DEFAULT_CONDITIONING, p0), 'utf8'), { world });
    const reference = await draw(exact, 2);
    const floor = slicedWasserstein(await draw(exact, 1), reference);
    const sw: Record<string, number> = {};
    for (const p0 of [true, false]) {
      const model = load(p0);
      sw[p0 ? 'p0' : 'shipped'] = slicedWasserstein(await draw(model, 1), reference);
      model.dispose();
    }
    // `npx scorefield evaluate` of the shipped files (n = 2000, s = 7.5): 132× the Monte-Carlo floor for p_uncond = 0, 1.38× for 0.5
    expect(sw.p0!).toBeGreaterThan(10 * floor);
    expect(sw.p0!).toBeGreaterThan(5 * sw.shipped!);
    expect(sw.shipped!).toBeLessThan(5 * floor);
  });
});
