/**
 * The rule cell, DOM-free: whether a text can become the page's guidance rule. It must parse (rule-lang.ts) and give
 * finite 2-vectors, in time, on the exact world over a grid of points, timesteps and scales; otherwise the cell shows
 * the message and the last good rule keeps drawing. The state keeps '' for the CFG formula itself.
 */
import { ExactDenoiser } from '../science/exact';
import { makeGrid } from '../science/grid';
import { applyRule, compileRule, MAX_RULE_LENGTH, RuleError } from '../science/rule-lang';
import { DEFAULT_RULE, presetOf } from '../science/rule-presets';
import { alphaBarPrevAt } from '../science/rules';
import type { World } from '../science/types';
import type { Schedule } from '../science/schedule';
import { NULL_CLASS } from '../science/types';

export type RuleCheck = { ok: true; value: string } | { ok: false; message: string };

const PROBE_GRID = makeGrid(9);
const PROBE_T = [0, 20, 300, 700, 999];
const PROBE_S = [0, 1, 7.5, 15];

/** The URL value of a rule text: '' for the default CFG rule, else the text. */
export function ruleValue(text: string): string {
  return presetOf(text)?.text === DEFAULT_RULE ? '' : text;
}

/** The text the cell shows for a state's rule ('' is the default CFG rule). */
export function ruleText(value: string): string {
  return value === '' ? DEFAULT_RULE : value;
}

/** Checks a rule text on the exact world: parse, shape, finite values at probe points, time. */
export function checkRule(text: string, world: World, schedule: Schedule, y = 0, steps = 50): RuleCheck {
  if (text.length > MAX_RULE_LENGTH) return { ok: false, message: `The rule is ${text.length} characters long; at most ${MAX_RULE_LENGTH} are allowed.` };
  try {
    const rule = compileRule(text);
    const exact = new ExactDenoiser(world, schedule);
    const n = PROBE_GRID.points.length / 2;
    const start = Date.now();
    for (const t of PROBE_T) {
      const eu = exact.eps(PROBE_GRID.points, t, new Int32Array(n).fill(NULL_CLASS));
      const ey = exact.eps(PROBE_GRID.points, t, new Int32Array(n).fill(y));
      const alphaBar = schedule.alphasCumprod[t]!;
      const alphaBarPrev = alphaBarPrevAt(schedule.alphasCumprod, t, steps);
      for (const s of PROBE_S) applyRule(rule, eu, ey, PROBE_GRID.points, { s, t, alphaBar, alphaBarPrev }, 1000 - (Date.now() - start));
    }
    return { ok: true, value: ruleValue(text) };
  } catch (e) {
    return { ok: false, message: e instanceof RuleError ? capitalise(e.message) : 'The rule could not be evaluated.' };
  }
}

function capitalise(m: string): string {
  const s = m.slice(0, 240);
  return `${s[0]!.toUpperCase()}${s.slice(1)}${s.endsWith('.') ? '' : '.'}`;
}
