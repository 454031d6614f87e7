/** The URL key `rule`: length-limited, validated by the rule language's parser, written back only when set. */
import { describe, expect, it } from 'vitest';
import { guidanceOf, notebookQuery, parseNotebookQuery } from '../../../lib/state/notebook';

const q = (rule: string) => `rule=${encodeURIComponent(rule)}`;

describe('rule key', () => {
  it('a valid rule round-trips through the URL and becomes the guidance rule', () => {
    const rule = 'k = sigma / sqrt(abar);\nk > 0.28 && k <= 5.42 ? ε_∅ + s * (ε_y - ε_∅) : ε_y';
    const { state, notices } = parseNotebookQuery(q(rule));
    expect(notices).toEqual([]);
    expect(state.rule).toBe(rule);
    expect(parseNotebookQuery(notebookQuery(state)).state.rule).toBe(rule);
    expect(guidanceOf({ ...state, rescale: 0.5, intervalLo: 10, intervalHi: 20 }, 3)).toEqual({ s: 3, rule }); // the rule decides interval and rescale
    expect(notebookQuery(parseNotebookQuery('').state)).not.toContain('rule');
  });

  it('hostile or broken rules are refused with a notice naming the problem, and the default (CFG) is used', () => {
    for (const [raw, reason] of [
      ["constructor.constructor('alert(1)')()", /unexpected character “\.” at 12/],
      ['while(true){}', /unexpected character “\{”/],
      ["fetch('/x')", /unexpected character “'”/],
      ['x'.repeat(20000), /too long \(20000 characters; at most 600\)/],
      ['norm(eps_y)', /must give a vector/],
    ] as const) {
      const { state, notices } = parseNotebookQuery(q(raw));
      expect(state.rule, raw.slice(0, 30)).toBe('');
      expect(notices).toHaveLength(1);
      expect(notices[0]!.param).toBe('rule');
      expect(notices[0]!.reason).toMatch(reason);
      expect(notices[0]!.given.length).toBeLessThanOrEqual(65);
      expect(guidanceOf(state, 2)).toEqual({ s: 2 });
    }
  });
});
