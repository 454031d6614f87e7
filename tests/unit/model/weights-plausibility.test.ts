import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { WEIGHT_LIMITS, WeightFileError, parseWeights, stringifyWeights, type LoadedWeights } from '../../../lib/model/weights';
import { getBuiltinWorld } from '../../../lib/science/worlds';

const shippedText = readFileSync('public/weights/two-gaussians-add.json', 'utf8');
const world = getBuiltinWorld('two-gaussians')!;

/** A copy of the shipped file with its values and metadata edited, re-encoded with a correct checksum. */
function reencode(edit: (w: LoadedWeights) => void): string {
  const w = parseWeights(shippedText);
  edit(w);
  const { values, ...meta } = w;
  return stringifyWeights(meta, values);
}

function refusal(text: string, expect = {}): WeightFileError {
  try {
    parseWeights(text, expect);
  } catch (e) {
    expect_(e).toBeInstanceOf(WeightFileError);
    return e as WeightFileError;
  }
  throw new Error('the file was accepted');
}
const expect_ = expect;

describe('weight files: physical plausibility (issue #16, item 4)', () => {
  it('accepts every shipped file (their weights stay under 4)', () => {
    const w = parseWeights(shippedText, { world, schedule: { name: 'linear', T: 1000 } });
    expect(Math.max(...[...w.values.values()].map((v) => Math.max(...v.map(Math.abs))))).toBeLessThan(4);
  });

  it('refuses finite but absurd weights (all 3e38) and names the tensor and the bound', () => {
    const text = reencode((w) => {
      for (const v of w.values.values()) v.fill(3e38);
    });
    const e = refusal(text);
    expect(e.message).toMatch(/tensor time\.1\.w has an implausible value \(3\.00e\+38; a trained network stays within ±256\) at index 0/);
  });

  it('refuses a weight just beyond the bound and accepts one just within it', () => {
    const at = (x: number) =>
      reencode((w) => {
        w.values.get('out.b')![0] = x;
      });
    expect(() => parseWeights(at(WEIGHT_LIMITS.maxAbsWeight))).not.toThrow();
    expect(refusal(at(-WEIGHT_LIMITS.maxAbsWeight * 1.01)).message).toMatch(/out\.b has an implausible value/);
  });

  it('refuses a schedule with T = 100000 (beyond the limit)', () => {
    const o = JSON.parse(shippedText);
    o.schedule.T = 100000;
    o.architecture.T = 100000;
    expect(refusal(JSON.stringify(o)).message).toMatch(/schedule must be \{name: linear\|cosine, T: integer in 2–10000\}, got \{"name":"linear","T":100000\}/);
  });

  it('compares the whole schedule with what the page expects, not only its name', () => {
    const o = JSON.parse(shippedText);
    o.schedule.T = 500;
    o.architecture.T = 500;
    expect(refusal(JSON.stringify(o), { schedule: { name: 'linear', T: 1000 } }).message).toMatch(/schedule differs in T/);
    const extra = JSON.parse(shippedText);
    extra.schedule.precondition = 'edm';
    expect(refusal(JSON.stringify(extra), { schedule: { name: 'linear', T: 1000 } }).message).toMatch(/schedule differs in precondition/);
  });

  it('refuses implausible training metadata (learning rate 1e30, 10¹² steps)', () => {
    const o = JSON.parse(shippedText);
    o.training.lr = 1e30;
    o.training.steps = 1e12;
    const e = refusal(JSON.stringify(o));
    expect(e.problems).toEqual([
      expect.stringMatching(/^training\.steps must be an integer in 0–10000000/),
      expect.stringMatching(/^training\.lr must be a number in \(0, 1\]/),
    ]);
  });
});

describe('weight files: size cap (item 6) and message length (item 5)', () => {
  it('refuses a valid file with a 50 MB extra field before parsing it', () => {
    const text = `${shippedText.trimEnd().slice(0, -1)}, "extra": "${'x'.repeat(50_000_000)}"}`;
    const t0 = performance.now();
    expect(refusal(text).message).toBe('the weight file is too large (50.3 MB; at most 4 MB)');
    expect(performance.now() - t0).toBeLessThan(50);
  });

  it('keeps every refusal short however large the offending values are', () => {
    const o = JSON.parse(shippedText);
    o.world.name = 'w'.repeat(1_000_000);
    o.training.backend = 'b'.repeat(1_000_000);
    for (let i = 0; i < 2000; i++) o.tensors[`${'n'.repeat(300)}${i}`] = { shape: [1], data: 'AAAAAA==' };
    o.architecture.hidden = 'h'.repeat(1_000_000);
    const e = refusal(JSON.stringify(o).slice(0, 3_900_000));
    expect(e.message.length).toBeLessThan(1500);
    const o2 = JSON.parse(shippedText);
    o2.world.name = 'w'.repeat(1_000_000);
    const e2 = refusal(JSON.stringify(o2));
    expect(e2.message.length).toBeLessThan(1500);
    for (const p of e2.problems) expect(p.length).toBeLessThanOrEqual(200);
  });

  it('refuses world and class names longer than 64 characters (they are shown to readers)', () => {
    const o = JSON.parse(shippedText);
    o.world.definition.classes[0].name = 'c'.repeat(65);
    expect(refusal(JSON.stringify(o)).message).toMatch(/classes\[0\]\.name: at most 64 characters, got 65/);
  });
});
