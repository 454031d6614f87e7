import { describe, expect, it } from 'vitest';
import { MAX_MESSAGE_LENGTH, fixed, limitText, percent, quote } from '../../../lib/text/limit';
import { samplerText } from '../../../components/widgets/guided-sampler/strings';

describe('text shown to readers is limited and finite (issue #16, items 4 and 5)', () => {
  it('limitText cuts long text with an ellipsis and never splits a surrogate pair', () => {
    expect(limitText('abc', 5)).toBe('abc');
    expect(limitText('x'.repeat(2_000_000))).toHaveLength(MAX_MESSAGE_LENGTH);
    expect(limitText('x'.repeat(2_000_000)).endsWith('…')).toBe(true);
    expect(limitText('ab😀cd', 4)).toBe('ab…');
  });

  it('quote shows any value briefly', () => {
    expect(quote('w'.repeat(1000))).toHaveLength(60);
    expect(quote(undefined)).toBe('undefined');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(quote(cyclic)).toBe('[object Object]');
  });

  it('fixed and percent never print NaN or Infinity', () => {
    expect([fixed(1.234, 2), fixed(Number.NaN, 2), fixed(Number.POSITIVE_INFINITY, 1), percent(0.5), percent(Number.NaN)]).toEqual([
      '1.23',
      '–',
      '–',
      '50 %',
      '–',
    ]);
  });

  it("the sampler's text alternative and table read no NaN for a cloud that blew up", () => {
    const alt = samplerText.alt({
      s: 7.5,
      sampler: 'ddim',
      steps: 50,
      n: 1000,
      done: 50,
      className: 'A',
      mean: [Number.NaN, Number.NaN],
      fidelity: Number.NaN,
    });
    expect(alt).toBe('1000 particles of class A, DDIM with 50 steps at s = 7.5: step 50 of 50, cloud centred at (–, –), fidelity –.');
    const rows = samplerText.metricsRows({
      fidelity: Number.NaN,
      logDetCov: Number.NaN,
      componentCoverage: Number.NaN,
      meanNll: Number.POSITIVE_INFINITY,
    } as never);
    expect(rows.map((r) => r[1]).join(' ')).not.toMatch(/NaN|Infinity|undefined/);
  });
});
