/**
 * fast-check generators of hostile input, shared by the fuzz tests (Vitest) and the browser fuzz spec: query strings,
 * host messages, corrupted weight files and world definitions. Seeded: every run tries the same inputs, and a failure
 * names the seed and the shrunk input.
 */
import fc from 'fast-check';
import { NOTEBOOK_SCHEMA } from '../../../lib/state/notebook';

/** The seed of every fuzz run (change it to explore; CI keeps it fixed). */
export const FUZZ_SEED = 16;

const KEYS = Object.keys(NOTEBOOK_SCHEMA);
const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype', 'tfjsflags', 'hide', 'embed', 'toString', '', '%', '%ED%A0%80', 'a'.repeat(300)];

/** Raw (already percent-encoded or malformed) values: numbers out of range, NaN, escapes, scripts, huge strings. */
export const hostileValue: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '%',
    '%%',
    '%E',
    '%ED%A0%80',
    '%C0%AF',
    '%FF',
    'NaN',
    'Infinity',
    '-Infinity',
    '1e309',
    '-0',
    '0x10',
    '1e-400',
    '<script>alert(1)</script>',
    '"><img src=x onerror=alert(1)>',
    'javascript:alert(1)',
    '__proto__',
    '',
    ' 7 ',
    '7.5.5',
    'true',
    'null',
    'undefined',
    '%00',
    '%0A',
    '+',
  ),
  fc.double().map(String),
  fc.integer().map(String),
  fc.string({ unit: 'binary', maxLength: 80 }).map(encodeURIComponent),
  fc.string({ maxLength: 400 }),
);

const param: fc.Arbitrary<string> = fc
  .tuple(fc.oneof(fc.constantFrom(...KEYS), fc.constantFrom(...HOSTILE_KEYS), fc.string({ maxLength: 20 })), hostileValue, fc.boolean())
  .map(([k, v, eq]) => (eq ? `${k}=${v}` : k));

/** A whole hostile query string, with or without "?", possibly with stray separators. */
export const hostileQuery: fc.Arbitrary<string> = fc
  .tuple(fc.array(param, { maxLength: 12 }), fc.constantFrom('&', '&&', ';', '&amp;'), fc.boolean())
  .map(([ps, sep, q]) => `${q ? '?' : ''}${ps.join(sep)}`);

/** Messages a hostile (or buggy) host page may post to an embed. */
export const hostMessage: fc.Arbitrary<unknown> = fc.oneof(
  fc.record({
    type: fc.constantFrom('scorefield:set', 'scorefield:set ', 'SCOREFIELD:SET', 'resize'),
    state: fc.oneof(
      fc.dictionary(fc.oneof(fc.constantFrom(...KEYS), fc.constantFrom(...HOSTILE_KEYS)), fc.oneof(hostileValue, fc.double(), fc.boolean(), fc.jsonValue()), {
        maxKeys: 10,
      }),
      fc.jsonValue(),
      fc.constant(null),
    ),
  }),
  fc.jsonValue(),
  fc.string({ maxLength: 200 }),
);

/** One corruption of a weight file's JSON object (applied to a fresh copy): a path set to a hostile value. */
export type Corruption = { path: (string | number)[]; value: unknown };

const hostileJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue(),
  fc.constantFrom(1e308, -1e308, 3e38, 1e-320, 100000, -1, 0, 2 ** 31, '', 'x'.repeat(10_000), [], {}, null, true),
  fc.double(),
);

/** Paths into a weight file worth corrupting (metadata fields, tensors, world definition). */
export function weightCorruption(paths: (string | number)[][]): fc.Arbitrary<Corruption> {
  return fc.record({ path: fc.constantFrom(...paths), value: hostileJson });
}

/** Text-level damage: cut at a fraction of the length, or characters replaced at fractions of it. */
export const textDamage = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({
    kind: fc.constant('replace' as const),
    edits: fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.string({ minLength: 1, maxLength: 4 })), { minLength: 1, maxLength: 5 }),
  }),
);

/** Values that may replace a tensor's floats (finite and absurd, non-finite, tiny), re-checksummed so only plausibility can refuse them. */
export const tensorDamage = fc.record({
  fraction: fc.double({ min: 0, max: 1, noNaN: true }),
  value: fc.oneof(fc.float(), fc.constantFrom(3e38, -3e38, 257, 1e6, Number.NaN, Number.POSITIVE_INFINITY)),
});

/** Damage to a world definition: a class, component or field replaced by hostile JSON. */
export function worldCorruption(paths: (string | number)[][]): fc.Arbitrary<Corruption> {
  return fc.record({
    path: fc.constantFrom(...paths),
    value: fc.oneof(
      hostileJson,
      fc.constantFrom(
        [
          [1e308, 0],
          [0, 1e308],
        ],
        [
          [0, 1],
          [1, 0],
        ],
        [
          [-1, 0],
          [0, 1],
        ],
        [1e308, 1e308],
        'n'.repeat(65),
        [],
        [{}],
      ),
    ),
  });
}
