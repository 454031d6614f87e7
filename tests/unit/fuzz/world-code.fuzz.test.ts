import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeWorldCode, encodeWorldDoc, PAGE_WORLD_LIMITS, type DocComponent, type WorldDoc } from '../../../lib/science/world-code';
import { WorldFormatError } from '../../../lib/science/world-format';
import { worldKeyProblem } from '../../../lib/science/world-key';
import { parseNotebookQuery } from '../../../lib/state/notebook';
import { FUZZ_SEED } from './arbitraries';

/** Every number of a decoded world is finite and within the page's limits. */
function finiteWorld(w: ReturnType<typeof decodeWorldCode>['world']): boolean {
  return w.classes.every(
    (c) =>
      Number.isFinite(c.prior) &&
      c.components.every(
        (k) => [k.weight, ...k.mean, ...k.cov.flat()].every(Number.isFinite) && Math.max(...k.mean.map(Math.abs)) <= PAGE_WORLD_LIMITS.maxAbsMean,
      ),
  );
}

const base64url = fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'), maxLength: 400 });
const valid = encodeWorldDoc({
  name: 'w',
  description: 'd',
  classes: [
    { name: 'a', prior: 3, components: [{ x: 0, y: 0, sx: 0.5, sy: 0.25, angle: 90, weight: 1000 }] },
    { name: 'b', prior: 1, components: [{ x: 1, y: 1, sx: 0.3, sy: 0.3, angle: 0, weight: 10 }] },
  ],
});
/** A valid code with bytes flipped, cut or extended: near misses are where decoders break. */
const damaged = fc.tuple(fc.nat(valid.length - 3), fc.constantFrom('flip', 'cut', 'extend'), base64url).map(([i, how, extra]) => {
  const at = 2 + i;
  if (how === 'cut') return valid.slice(0, at);
  if (how === 'extend') return valid + extra;
  return valid.slice(0, at) + (valid[at] === 'A' ? 'z' : 'A') + valid.slice(at + 1);
});

const component: fc.Arbitrary<DocComponent> = fc.record({
  x: fc.double({ noNaN: false }),
  y: fc.double({ min: -10, max: 10 }),
  sx: fc.double({ min: 0, max: 10 }),
  sy: fc.double({ min: -1, max: 10 }),
  angle: fc.double({ min: -1e6, max: 1e6 }),
  weight: fc.double(),
});

describe('fuzz: the world-code decoder (2,000 hostile codes)', () => {
  it('decodes to a finite world within the limits or refuses with a short WorldFormatError; never throws anything else', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          base64url.map((s) => `w.${s}`),
          damaged,
          fc.string({ maxLength: 300 }),
        ),
        (code) => {
          try {
            const { doc, world } = decodeWorldCode(code);
            expect(finiteWorld(world)).toBe(true);
            expect(world.classes.length).toBeLessThanOrEqual(PAGE_WORLD_LIMITS.maxClasses);
            expect(decodeWorldCode(encodeWorldDoc(doc)).doc).toEqual(doc);
          } catch (e) {
            expect(e).toBeInstanceOf(WorldFormatError);
            expect((e as Error).message.length).toBeLessThan(300);
          }
          const problem = worldKeyProblem(code);
          const { state, notices } = parseNotebookQuery(`world=${encodeURIComponent(code)}`);
          // an empty value is no value (the default, like every text key)
          if (code.trim() === '') expect([state.world, notices.length]).toEqual(['two-gaussians', 0]);
          else if (problem) expect([state.world, notices.length]).toEqual(['two-gaussians', 1]);
          else expect(state.world).toBe(code);
        },
      ),
      { seed: FUZZ_SEED, numRuns: 2000 },
    );
  });

  it('any document the editor could hold (any numbers, NaN included) encodes to a code that decodes to a valid world', () => {
    fc.assert(
      fc.property(fc.array(component, { minLength: 1, maxLength: 5 }), fc.array(component, { minLength: 1, maxLength: 5 }), (a, b) => {
        const doc: WorldDoc = {
          name: 'w',
          description: '',
          classes: [
            { name: 'a', prior: 1, components: a },
            { name: 'b', prior: 1000, components: b },
          ],
        };
        const { world } = decodeWorldCode(encodeWorldDoc(doc));
        expect(finiteWorld(world)).toBe(true);
      }),
      { seed: FUZZ_SEED, numRuns: 500 },
    );
  });
});
