import { describe, expect, it } from 'vitest';
import { ExactDenoiser } from '../../../lib/science/exact';
import { makeSchedule } from '../../../lib/science/schedule';
import {
  PAGE_WORLD_LIMITS,
  decodeWorldCode,
  docOfWorld,
  encodeWorldDoc,
  snapComponent,
  worldOfDoc,
  wrapAngle,
  type WorldDoc,
} from '../../../lib/science/world-code';
import { WorldFormatError, parseWorldFile, worldFileText } from '../../../lib/science/world-format';
import { decodeWorldKey, worldKeyProblem, worldLabel, worldOfKey } from '../../../lib/science/world-key';
import { BUILTIN_WORLDS, getBuiltinWorld } from '../../../lib/science/worlds';

const doc: WorldDoc = {
  name: 'my world',
  description: '',
  classes: [
    { name: 'a', prior: 1000, components: [{ x: -1, y: 0.5, sx: 0.6, sy: 0.3, angle: 30, weight: 1000 }] },
    {
      name: 'b',
      prior: 500,
      components: [
        { x: 1.25, y: -0.5, sx: 0.4, sy: 0.4, angle: 0, weight: 300 },
        { x: 2, y: 2, sx: 0.2, sy: 0.1, angle: -45, weight: 100 },
      ],
    },
  ],
};

/** Throws and returns the WorldFormatError. */
function refusal(fn: () => unknown): WorldFormatError {
  try {
    fn();
  } catch (e) {
    if (e instanceof WorldFormatError) return e;
    throw e;
  }
  throw new Error('not refused');
}

describe('world code (the reader’s world in the URL)', () => {
  it('round-trips a document exactly and is compact (about 16 characters per component)', () => {
    const code = encodeWorldDoc(doc);
    expect(code.startsWith('w.')).toBe(true);
    expect(code).toMatch(/^w\.[A-Za-z0-9_-]+$/);
    expect(decodeWorldCode(code).doc).toEqual(doc);
    // 3 components × 12 bytes + version, names, counts and priors 23 bytes = 59 bytes: 79 base64url characters
    expect(code.length).toBe(2 + 79);
    const big = { ...doc, classes: [doc.classes[0]!, { ...doc.classes[1]!, components: Array(63).fill(doc.classes[1]!.components[0]!) }] };
    expect(encodeWorldDoc(big).length).toBeLessThan(64 * 16 + 40);
  });

  it('stands for the world of the document: priors 2:1, weights 3:1 in class b, covariance R diag(σ²) Rᵀ', () => {
    const w = decodeWorldCode(encodeWorldDoc(doc)).world;
    expect(w.classes.map((c) => c.prior)).toEqual([2 / 3, 1 / 3]);
    expect(w.classes[1]!.components.map((k) => k.weight)).toEqual([0.75, 0.25]);
    const [[a, b], [b2, c]] = w.classes[0]!.components[0]!.cov;
    // by hand: cos 30° = √3/2, sin 30° = 1/2; a = 0.36·¾ + 0.09·¼, c = 0.36·¼ + 0.09·¾, b = (0.36 − 0.09)·√3/4
    expect(a).toBeCloseTo(0.2925, 12);
    expect(c).toBeCloseTo(0.1575, 12);
    expect(b).toBeCloseTo((0.27 * Math.sqrt(3)) / 4, 12);
    expect(b2).toBe(b);
  });

  it('every built-in world fits the page and comes back to within the grid (means 0.001, covariances 1e-3)', () => {
    for (const w of Object.values(BUILTIN_WORLDS)) {
      const d = docOfWorld(w);
      const code = encodeWorldDoc(d);
      expect(encodeWorldDoc(decodeWorldCode(code).doc)).toBe(code);
      const back = worldOfDoc(d);
      back.classes.forEach((c, i) => {
        expect(c.prior).toBeCloseTo(w.classes[i]!.prior, 3);
        c.components.forEach((k, j) => {
          const o = w.classes[i]!.components[j]!;
          expect(Math.abs(k.mean[0] - o.mean[0])).toBeLessThanOrEqual(0.0005 + 1e-12);
          expect(Math.abs(k.cov[0][1] - o.cov[0][1])).toBeLessThan(1e-3);
          expect(Math.abs(k.weight - o.weight)).toBeLessThan(2e-3);
        });
      });
    }
  });

  it('refuses hostile codes with the field named', () => {
    const code = encodeWorldDoc(doc);
    expect(refusal(() => decodeWorldCode('x.AAAA')).message).toMatch(/must start with "w\."/);
    expect(refusal(() => decodeWorldCode('w.<script>')).message).toMatch(/character 1 is not base64url/);
    expect(refusal(() => decodeWorldCode(code.slice(0, -5))).message).toMatch(/ends too early|wrong length/);
    expect(refusal(() => decodeWorldCode(`${code}AAAA`)).message).toMatch(/too many at the end/);
    expect(refusal(() => decodeWorldCode('w.Ag')).message).toMatch(/^version: unknown version 2/);
    // one class only: the count is refused before anything else is read
    const one = encodeWorldDoc({ ...doc, classes: [doc.classes[0]!, doc.classes[0]!] });
    expect(refusal(() => decodeWorldCode(one)).message).toBe('classes[1].name: duplicate class name "a"');
  });

  it('refuses values outside the page’s limits through the one validator (parseWorld)', () => {
    const far = { ...doc, classes: [{ ...doc.classes[0]!, components: [{ ...doc.classes[0]!.components[0]!, x: 9 }] }, doc.classes[1]!] };
    expect(refusal(() => worldOfDoc(far)).message).toBe('classes[0].components[0].mean[0]: must lie in [−3.5, 3.5], got 9');
    const thin = { ...doc, classes: [{ ...doc.classes[0]!, components: [{ ...doc.classes[0]!.components[0]!, sy: 0.001 }] }, doc.classes[1]!] };
    expect(refusal(() => worldOfDoc(thin)).message).toMatch(
      /^classes\[0\]\.components\[0\]\.cov: standard deviations must lie in \[0\.02, 3\], got 0\.001 and 0\.6$/,
    );
  });

  it('snaps to the grid and wraps angles into (−90°, 90°]', () => {
    expect(wrapAngle(-90)).toBe(90);
    expect(wrapAngle(135)).toBe(-45);
    expect(wrapAngle(270.004)).toBe(90);
    expect(snapComponent({ x: 9, y: Number.NaN, sx: 0, sy: 99, angle: 181, weight: 0.2 })).toEqual({ x: 3.5, y: 0, sx: 0.02, sy: 3, angle: 1, weight: 1 });
  });
});

describe('world keys of the notebook state', () => {
  it('a built-in name or a code; anything else is refused with the reason', () => {
    const code = encodeWorldDoc(doc);
    expect(worldKeyProblem('two-gaussians')).toBeUndefined();
    expect(worldKeyProblem(code)).toBeUndefined();
    expect(worldKeyProblem('../../x')).toMatch(/^unknown world \(allowed: two-gaussians, /);
    expect(worldKeyProblem('w.AAAA')).toMatch(/^not a valid world code: version: unknown version 0/);
    expect(worldOfKey('w.AAAA')).toBeUndefined();
    expect(worldOfKey('minor-mode')).toBe(getBuiltinWorld('minor-mode'));
    expect(worldLabel(code)).toBe('my world');
    expect(worldLabel('minor-mode')).toBe('minor-mode');
    // the same code gives the same World object (computations cache per object)
    expect(worldOfKey(code)).toBe(decodeWorldKey(code).world);
  });

  it('the exact score of a decoded world is the mixture score by hand (one component: −C⁻¹(x − √ᾱ μ))', () => {
    const single: WorldDoc = {
      name: 'one',
      description: '',
      classes: [
        { name: 'a', prior: 1, components: [{ x: 1, y: 0, sx: 0.5, sy: 0.5, angle: 0, weight: 1 }] },
        { name: 'b', prior: 1, components: [{ x: -1, y: 0, sx: 0.5, sy: 0.5, angle: 0, weight: 1 }] },
      ],
    };
    const exact = new ExactDenoiser(worldOfKey(encodeWorldDoc(single))!, makeSchedule('linear'));
    const t = 300;
    const ab = exact.alphaBar(t);
    const v = ab * 0.25 + (1 - ab);
    const score = exact.score(Float64Array.of(0.3, 0.2), t, 0);
    expect(score[0]).toBeCloseTo(-(0.3 - Math.sqrt(ab)) / v, 10);
    expect(score[1]).toBeCloseTo(-0.2 / v, 10);
  });
});

describe('world files (import and export on the page, --world on the command line)', () => {
  it('export → import gives the same world', () => {
    const w = worldOfDoc(doc);
    expect(parseWorldFile(worldFileText(w), PAGE_WORLD_LIMITS)).toEqual(w);
  });

  it('refuses with reasons: bad JSON, unknown keys, too large, too many classes for the page', () => {
    expect(refusal(() => parseWorldFile('{"name": ')).message).toMatch(/^\(file\): invalid JSON/);
    const w = JSON.parse(worldFileText(worldOfDoc(doc)));
    w.classes[0].components[0].covariance = 1;
    expect(refusal(() => parseWorldFile(JSON.stringify(w))).message).toBe('classes[0].components[0].covariance: unknown key (allowed: weight, mean, cov)');
    expect(refusal(() => parseWorldFile('x'.repeat(20), PAGE_WORLD_LIMITS, 10)).message).toBe('(file): too large (20 characters; at most 10)');
    const many = JSON.parse(worldFileText(worldOfDoc(doc)));
    many.classes = Array.from({ length: 9 }, (_, i) => ({ ...many.classes[0], name: `c${i}` }));
    expect(refusal(() => parseWorldFile(JSON.stringify(many), PAGE_WORLD_LIMITS)).message).toBe('classes: at most 8 classes, got 9');
    expect(PAGE_WORLD_LIMITS.maxComponents).toBe(64);
  });
});
