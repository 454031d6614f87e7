import { describe, expect, it } from 'vitest';
import { BUILTIN_WORLDS, MAX_COMPONENTS, WorldFormatError, parseWorld, parseWorldJson } from '../../../lib/science';

const good = () => ({
  name: 'w',
  description: 'd',
  classes: [
    {
      name: 'a',
      prior: 1,
      components: [
        {
          weight: 2,
          mean: [1, 0],
          cov: [
            [0.25, 0.1],
            [0.1, 0.5],
          ],
        },
        {
          weight: 6,
          mean: [0, 1],
          cov: [
            [1, 0],
            [0, 1],
          ],
        },
      ],
    },
    {
      name: 'b',
      prior: 3,
      components: [
        {
          weight: 1,
          mean: [-1, 0],
          cov: [
            [0.25, 0],
            [0, 0.25],
          ],
        },
      ],
    },
  ],
});

/** Runs `parse` and returns the WorldFormatError it throws. */
function refusal(parse: () => unknown): WorldFormatError {
  try {
    parse();
  } catch (e) {
    expect(e).toBeInstanceOf(WorldFormatError);
    return e as WorldFormatError;
  }
  throw new Error('the world was accepted');
}

describe('world file format', () => {
  it('normalises priors and weights on load, keeping the rest', () => {
    const w = parseWorld(good());
    expect(w.classes.map((c) => c.prior)).toEqual([0.25, 0.75]);
    expect(w.classes[0]!.components.map((k) => k.weight)).toEqual([0.25, 0.75]);
    expect(w.classes[0]!.components[0]!.cov).toEqual([
      [0.25, 0.1],
      [0.1, 0.5],
    ]);
    expect(w.description).toBe('d');
  });

  it('accepts every built-in world unchanged (they are already normalised)', () => {
    const rounded = (w: unknown) => JSON.parse(JSON.stringify(w, (_, v) => (typeof v === 'number' ? Number(v.toPrecision(12)) : v)));
    for (const world of Object.values(BUILTIN_WORLDS)) expect(rounded(parseWorldJson(JSON.stringify(world)))).toEqual(rounded(world));
  });

  const cases: [string, (w: any) => unknown, string, RegExp][] = [
    ['a missing field', (w) => delete w.classes[1].components[0].mean, 'classes[1].components[0].mean', /missing field/],
    ['a missing classes field', (w) => delete w.classes, 'classes', /missing field/],
    ['a non-symmetric covariance', (w) => (w.classes[0].components[0].cov[1][0] = 0.2), 'classes[0].components[0].cov', /not symmetric/],
    [
      'a non-positive-definite covariance',
      (w) =>
        (w.classes[0].components[1].cov = [
          [1, 2],
          [2, 1],
        ]),
      'classes[0].components[1].cov',
      /not positive definite/,
    ],
    [
      'a negative variance',
      (w) =>
        (w.classes[1].components[0].cov = [
          [-1, 0],
          [0, -1],
        ]),
      'classes[1].components[0].cov',
      /not positive definite/,
    ],
    ['a negative prior', (w) => (w.classes[1].prior = -0.5), 'classes[1].prior', /must not be negative/],
    ['a negative weight', (w) => (w.classes[0].components[1].weight = -1), 'classes[0].components[1].weight', /must not be negative/],
    ['a zero weight', (w) => (w.classes[0].components[1].weight = 0), 'classes[0].components[1].weight', /> 0/],
    ['a non-finite mean', (w) => (w.classes[0].components[0].mean = [Infinity, 0]), 'classes[0].components[0].mean[0]', /finite/],
    ['a NaN covariance entry', (w) => (w.classes[0].components[0].cov[0][0] = NaN), 'classes[0].components[0].cov[0][0]', /finite/],
    ['a string for a number', (w) => (w.classes[0].prior = '0.5'), 'classes[0].prior', /must be a number/],
    ['a 3D mean', (w) => (w.classes[0].components[0].mean = [1, 2, 3]), 'classes[0].components[0].mean', /2 numbers/],
    ['one class', (w) => w.classes.pop(), 'classes', /at least 2 classes/],
    ['a class with no component', (w) => (w.classes[1].components = []), 'classes[1].components', /at least one component/],
    ['duplicate class names', (w) => (w.classes[1].name = 'a'), 'classes[1].name', /duplicate/],
    ['an empty name', (w) => (w.name = ''), 'name', /must not be empty/],
  ];
  for (const [what, spoil, field, reason] of cases) {
    it(`refuses ${what}, naming ${field}`, () => {
      const w = good();
      spoil(w);
      const err = refusal(() => parseWorld(w));
      expect(err.field).toBe(field);
      expect(err.message).toMatch(reason);
      expect(err.message.startsWith(field)).toBe(true);
    });
  }

  it(`refuses more than ${MAX_COMPONENTS} components and accepts exactly ${MAX_COMPONENTS}`, () => {
    const comp = {
      weight: 1,
      mean: [0, 0],
      cov: [
        [1, 0],
        [0, 1],
      ],
    };
    const world = (n: number) => ({
      name: 'big',
      classes: [
        { name: 'a', prior: 1, components: Array.from({ length: n - 1 }, () => comp) },
        { name: 'b', prior: 1, components: [comp] },
      ],
    });
    expect(parseWorld(world(MAX_COMPONENTS)).classes[0]!.components).toHaveLength(MAX_COMPONENTS - 1);
    expect(refusal(() => parseWorld(world(MAX_COMPONENTS + 1))).message).toMatch(/more than 4096 components/);
  });

  it('refuses bad JSON, a non-object and JSON overflowing to Infinity', () => {
    expect(refusal(() => parseWorldJson('{"name": "w", ')).message).toMatch(/invalid JSON/);
    expect(refusal(() => parseWorldJson('[1, 2]')).message).toMatch(/must be an object/);
    const text = JSON.stringify(good()).replace('"prior":3', '"prior":1e999');
    expect(refusal(() => parseWorldJson(text)).message).toMatch(/classes\[1\]\.prior: must be finite/);
  });
});
