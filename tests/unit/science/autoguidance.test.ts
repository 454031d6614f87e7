/** Autoguidance (Karras et al. 2024): a weaker model's conditional prediction in place of ε_∅. */
import { describe, expect, it } from 'vitest';
import { guidedEps, makeSchedule, type Denoiser } from '../../../lib/science';
import { parseWeights } from '../../../lib/model/weights';
import { readFileSync } from 'node:fs';
import { getBuiltinWorld } from '../../../lib/science/worlds';

const schedule = makeSchedule('linear');
/** A denoiser that predicts the same ε everywhere (for hand computations). */
const constant = (e: [number, number], calls: number[][] = []): Denoiser =>
  ({
    kind: 'exact',
    numClasses: 2,
    schedule,
    eps: (x: Float64Array, _t: number, y: Int32Array) => {
      calls.push(Array.from(y));
      return Float64Array.from({ length: x.length }, (_, i) => e[i % 2]!);
    },
  }) as unknown as Denoiser;

describe('autoguidance', () => {
  it('by hand: ε_y = (1, 2), ε_weak = (0.5, 0.5), s = 3 gives 0.5 + 3·0.5 = 2 and 0.5 + 3·1.5 = 5; the weak model sees the class y', async () => {
    const weakCalls: number[][] = [];
    const out = await guidedEps(constant([1, 2]), Float64Array.of(0, 0, 1, 1), 100, 1, { s: 3, guide: constant([0.5, 0.5], weakCalls) });
    expect(Array.from(out)).toEqual([2, 5, 2, 5]);
    expect(weakCalls).toEqual([[1, 1]]); // conditional, not ∅
    expect(Array.from(await guidedEps(constant([1, 2]), Float64Array.of(0, 0), 100, 1, { s: 1, guide: constant([9, 9]) }))).toEqual([1, 2]);
  });

  it('refuses a guide with a rule or a negative class', async () => {
    const { validateGuidance } = await import('../../../lib/science/guidance');
    expect(() => validateGuidance({ s: 2, guide: constant([0, 0]), rule: 'eps_y' }, 2, 1000)).toThrow(/autoguidance/);
    expect(() => validateGuidance({ s: 2, guide: constant([0, 0]), negative: 1 }, 2, 1000)).toThrow(/autoguidance/);
  });

  it("the shipped weak model (public/weights/weak/) is the default world's add model trained 400 steps, and says so", () => {
    const text = readFileSync(new URL('../../../public/weights/weak/two-gaussians-add-400steps.json', import.meta.url), 'utf8');
    const w = parseWeights(text, { world: getBuiltinWorld('two-gaussians')! });
    expect(w.training.steps).toBe(400);
    expect(w.training.batchSize).toBe(128);
  });
});
