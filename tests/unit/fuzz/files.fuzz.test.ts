import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WEIGHT_LIMITS, WeightFileError, parseWeights, stringifyWeights, worldFingerprint } from '../../../lib/model/weights';
import { defaultArchitecture, parameterSpecs } from '../../../lib/model/network';
import { WorldFormatError, parseWorld } from '../../../lib/science/world-format';
import { getBuiltinWorld } from '../../../lib/science/worlds';
import { FUZZ_SEED, tensorDamage, textDamage, weightCorruption, worldCorruption, type Corruption } from './arbitraries';

const shipped = parseWeights(readFileSync('public/weights/two-gaussians-add.json', 'utf8'));
const world = getBuiltinWorld('two-gaussians')!;

/**
 * The fuzzed file: the shipped file's metadata with a small network (a few hundred parameters, so that 100 runs
 * take a second, not a minute); the validator's work per tensor is the same.
 */
const base = (() => {
  const architecture = defaultArchitecture('add', 2, { hidden: 8, blocks: 1, embed: 8, timeFreqs: 4 });
  const values = new Map(
    parameterSpecs(architecture).map((s, i) => [s.name, Float32Array.from({ length: s.shape.reduce((a, b) => a * b, 1) }, (_, j) => Math.sin(7 * i + j))]),
  );
  return stringifyWeights({ ...shipped, architecture }, values);
})();
const expectations = { world, schedule: { name: 'linear' as const, T: 1000 } };

function setPath(o: any, c: Corruption): any {
  const copy = JSON.parse(JSON.stringify(o));
  let at = copy;
  for (const k of c.path.slice(0, -1)) at = at?.[k];
  if (at && typeof at === 'object') at[c.path.at(-1)!] = c.value;
  return copy;
}

/** What the page requires of any outcome: refused with a short WeightFileError, or plausible values. */
function checkOutcome(text: string, expect_ = {}) {
  let w: ReturnType<typeof parseWeights>;
  try {
    w = parseWeights(text, expect_);
  } catch (e) {
    expect(e).toBeInstanceOf(WeightFileError);
    expect((e as Error).message.length).toBeLessThan(1500);
    for (const p of (e as WeightFileError).problems) expect(p.length).toBeLessThanOrEqual(200);
    return 'refused';
  }
  for (const v of w.values.values()) for (const x of v) expect(Math.abs(x)).toBeLessThanOrEqual(WEIGHT_LIMITS.maxAbsWeight);
  expect(w.schedule.T).toBeLessThanOrEqual(WEIGHT_LIMITS.maxT);
  expect(w.world.name.length).toBeLessThanOrEqual(64);
  return 'accepted';
}

const o = JSON.parse(base);
const META_PATHS: (string | number)[][] = [
  ['format'],
  ['version'],
  ['world'],
  ['world', 'name'],
  ['world', 'fingerprint'],
  ['schedule'],
  ['schedule', 'T'],
  ['schedule', 'name'],
  ['architecture'],
  ['architecture', 'hidden'],
  ['architecture', 'T'],
  ['architecture', 'numClasses'],
  ['training', 'lr'],
  ['training', 'steps'],
  ['training', 'finalLoss'],
  ['training', 'pUncond'],
  ['tensors'],
  ['tensors', 'out.b'],
  ['tensors', 'out.b', 'data'],
  ['tensors', 'out.b', 'shape'],
  ['checksum'],
];

describe('fuzz: corrupted weight files (100 of each kind), against the validator the page uses', () => {
  it('metadata set to hostile values: refused with a short message or plausible', () => {
    fc.assert(
      fc.property(weightCorruption(META_PATHS), (c) => {
        checkOutcome(JSON.stringify(setPath(o, c)), expectations);
      }),
      { seed: FUZZ_SEED, numRuns: 100 },
    );
  });

  it('text cut or overwritten: refused with a short message or plausible', () => {
    fc.assert(
      fc.property(textDamage, (d) => {
        let text = base;
        if (d.kind === 'truncate') text = base.slice(0, Math.floor(d.at * base.length));
        else for (const [at, s] of d.edits) text = text.slice(0, Math.floor(at * text.length)) + s + text.slice(Math.floor(at * text.length) + s.length);
        checkOutcome(text, expectations);
      }),
      { seed: FUZZ_SEED, numRuns: 100 },
    );
  });

  it('tensor values replaced (checksum recomputed): absurd or non-finite values are refused', () => {
    const w0 = parseWeights(base);
    fc.assert(
      fc.property(tensorDamage, ({ fraction, value }) => {
        const values = new Map([...w0.values].map(([k, v]) => [k, Float32Array.from(v)]));
        const target = values.get('out.w')!;
        target[Math.floor(fraction * (target.length - 1))] = value;
        const { values: _v, ...meta } = w0;
        let text: string;
        try {
          text = stringifyWeights(meta, values);
        } catch (e) {
          expect(Number.isFinite(value)).toBe(false); // the writer refuses NaN and ±Infinity itself
          expect(e).toBeInstanceOf(WeightFileError);
          return;
        }
        const outcome = checkOutcome(text, expectations);
        expect(outcome).toBe(Math.abs(Math.fround(value)) <= WEIGHT_LIMITS.maxAbsWeight ? 'accepted' : 'refused');
      }),
      { seed: FUZZ_SEED, numRuns: 100 },
    );
  });
});

describe('fuzz: corrupted world files (100)', () => {
  const def = o.world.definition;
  const WORLD_PATHS: (string | number)[][] = [
    ['name'],
    ['classes'],
    ['classes', 0],
    ['classes', 0, 'name'],
    ['classes', 0, 'prior'],
    ['classes', 1, 'components'],
    ['classes', 1, 'components', 0],
    ['classes', 1, 'components', 0, 'mean'],
    ['classes', 1, 'components', 0, 'cov'],
    ['classes', 1, 'components', 0, 'weight'],
  ];
  it('alone: parseWorld returns a finite world or throws WorldFormatError; inside a weight file (fingerprint recomputed): refused or plausible', () => {
    fc.assert(
      fc.property(worldCorruption(WORLD_PATHS), (c) => {
        const bad = setPath(def, c);
        try {
          const w = parseWorld(bad);
          for (const k of w.classes)
            for (const comp of k.components) for (const x of [...comp.mean, ...comp.cov.flat(), comp.weight]) expect(Number.isFinite(x)).toBe(true);
          const file = { ...o, world: { name: w.name, fingerprint: worldFingerprint(w), definition: bad } };
          checkOutcome(JSON.stringify(file));
        } catch (e) {
          if (!(e instanceof WorldFormatError)) throw e;
          expect(e.message.length).toBeLessThan(10_000);
          checkOutcome(JSON.stringify({ ...o, world: { ...o.world, definition: bad } }));
        }
      }),
      { seed: FUZZ_SEED, numRuns: 100 },
    );
  });
});
