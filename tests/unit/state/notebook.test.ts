import { describe, expect, it } from 'vitest';
import { NOTEBOOK_SCHEMA, defaultNotebookState, inputAttributes, notebookQuery, parseNotebookQuery, type NotebookState } from '../../../lib/state/notebook';
import { clampNumber, formatNumber, parseParams } from '../../../lib/state/params';
import { createStore } from '../../../lib/state/store';
import { BUILTIN_WORLD_NAMES, getBuiltinWorld } from '../../../lib/science/worlds';
import { Rng } from '../../../lib/science/random';

/** Every value of a state lies in its spec's range or list: the invariant hostile input must not break. */
function expectValid(state: NotebookState) {
  for (const [key, spec] of Object.entries(NOTEBOOK_SCHEMA)) {
    const v = (state as Record<string, unknown>)[key];
    if (spec.kind === 'number') {
      expect(typeof v, key).toBe('number');
      expect(Number.isFinite(v), key).toBe(true);
      expect(v as number, key).toBeGreaterThanOrEqual(spec.min);
      expect(v as number, key).toBeLessThanOrEqual(spec.max);
      const k = ((v as number) - spec.min) / spec.step;
      expect(Math.abs(k - Math.round(k)), key).toBeLessThan(1e-6);
    } else if (spec.kind === 'enum') {
      expect(spec.values as readonly string[], key).toContain(v);
    }
  }
  const K = getBuiltinWorld(state.world)!.classes.length;
  expect(state.y).toBeLessThan(K);
  expect(state.neg).toBeLessThan(K);
  expect(state.neg === -1 || state.neg !== state.y).toBe(true);
}

describe('notebook state from the URL', () => {
  it('reads valid values and reports nothing', () => {
    const { state, notices } = parseNotebookQuery('?s=7.5&t=400&y=1&sampler=ddpm&denoiser=exact');
    expect(notices).toEqual([]);
    expect(state).toMatchObject({ s: 7.5, t: 400, y: 1, sampler: 'ddpm', denoiser: 'exact' });
    expect(state.world).toBe(defaultNotebookState().world);
  });

  it('corrects the hostile URL of the issue and says what it corrected', () => {
    const { state, notices } = parseNotebookQuery('?s=abc&t=-5&y=999&world=../../x');
    const d = defaultNotebookState();
    expect(state.s).toBe(d.s);
    expect(state.t).toBe(0);
    expect(state.y).toBe(0);
    expect(state.world).toBe(d.world);
    const byParam = Object.fromEntries(notices.map((n) => [n.param, n]));
    expect(byParam.s).toMatchObject({ given: 'abc', used: String(d.s) });
    expect(byParam.s!.reason).toMatch(/not a number/);
    expect(byParam.t).toMatchObject({ given: '-5', used: '0' });
    expect(byParam.t!.reason).toMatch(/out of range 0 to 999/);
    expect(byParam.world).toMatchObject({ given: '../../x', used: d.world });
    expect(byParam.y).toBeDefined();
    expectValid(state);
  });

  it('clamps to the range and snaps to the step', () => {
    expect(parseNotebookQuery('s=99').state.s).toBe(15);
    expect(parseNotebookQuery('s=-1').state.s).toBe(0);
    const r = parseNotebookQuery('s=7.54');
    expect(r.state.s).toBe(7.5);
    expect(r.notices[0]!.reason).toMatch(/rounded/);
    expect(parseNotebookQuery('s=1e999').state.s).toBe(defaultNotebookState().s);
    expect(parseNotebookQuery('t=0x10').state.t).toBe(16); // Number() reads hex; still in range, accepted
  });

  it('fits class indices to the world: out of range, and a negative class equal to y', () => {
    const K = getBuiltinWorld('two-gaussians')!.classes.length;
    const r = parseNotebookQuery(`world=two-gaussians&y=${K}&neg=${K + 3}`);
    expect(r.state.y).toBe(0);
    expect(r.state.neg).toBe(-1);
    expect(r.notices.map((n) => n.param).sort()).toEqual(['neg', 'y']);
    const same = parseNotebookQuery('y=1&neg=1');
    expect(same.state.neg).toBe(-1);
    expect(same.notices[0]!.reason).toMatch(/differ/);
  });

  it('reports unknown and repeated parameters but not the embed ones', () => {
    const r = parseNotebookQuery('foo=1&s=2&s=9&hide=t,world&__proto__=x&constructor=1');
    expect(r.state.s).toBe(2);
    expect(r.notices.map((n) => `${n.param}:${n.reason}`)).toEqual([
      'foo:unknown parameter, ignored',
      's:repeated, the first value is used',
      '__proto__:unknown parameter, ignored',
      'constructor:unknown parameter, ignored',
    ]);
    expect(Object.getPrototypeOf(r.state)).toBe(Object.prototype);
  });

  it('round-trips every state through the URL, writing only non-defaults', () => {
    expect(notebookQuery(defaultNotebookState())).toBe('');
    const rng = new Rng(7);
    for (let i = 0; i < 300; i++) {
      const draw: Record<string, string> = {};
      for (const [key, spec] of Object.entries(NOTEBOOK_SCHEMA)) {
        if (rng.uniform() < 0.5) continue;
        if (spec.kind === 'number') draw[key] = String(spec.min + rng.uniform() * (spec.max - spec.min));
        else if (spec.kind === 'enum') draw[key] = spec.values[rng.int(spec.values.length)]!;
      }
      const first = parseNotebookQuery(new URLSearchParams(draw).toString()).state;
      expectValid(first);
      const again = parseNotebookQuery(notebookQuery(first));
      expect(again.notices).toEqual([]);
      expect(again.state).toEqual(first);
    }
  });

  it('survives fuzzed hostile strings without throwing, always giving a valid state', () => {
    const rng = new Rng(2024);
    const nasty = [
      '',
      ' ',
      'NaN',
      'Infinity',
      '-Infinity',
      '1e308',
      '-0',
      '0x',
      '..',
      '%00',
      '%',
      '%zz',
      '&&&',
      '===',
      '?',
      '#',
      '\u0000',
      '\u202e',
      '😀',
      '<script>alert(1)</script>',
      'a'.repeat(5000),
      '1'.repeat(400),
      '7.5.5',
      '1,5',
      '[]',
      '{}',
      'null',
      'undefined',
      'true',
      '__proto__',
      'toString',
      BUILTIN_WORLD_NAMES[0]!,
    ];
    const keys = [...Object.keys(NOTEBOOK_SCHEMA), 'hide', '__proto__', 'constructor', '', 'x'.repeat(300)];
    for (let i = 0; i < 2000; i++) {
      const parts: string[] = [];
      const count = 1 + rng.int(6);
      for (let j = 0; j < count; j++) {
        const k = keys[rng.int(keys.length)]!;
        const v = rng.uniform() < 0.7 ? nasty[rng.int(nasty.length)]! : String.fromCharCode(...Array.from({ length: rng.int(12) }, () => rng.int(0xffff)));
        parts.push(rng.uniform() < 0.5 ? `${encodeSafely(k)}=${encodeSafely(v)}` : `${k}=${v}`);
      }
      const query = (rng.uniform() < 0.5 ? '?' : '') + parts.join(rng.uniform() < 0.9 ? '&' : ';');
      const { state, notices } = parseNotebookQuery(query);
      expectValid(state);
      for (const n of notices) {
        expect(n.given.length).toBeLessThanOrEqual(65);
        expect(n.param.length).toBeLessThanOrEqual(64);
      }
    }
  });
});

/** encodeURIComponent, or the raw string where it has lone surrogates (which it cannot encode). */
function encodeSafely(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return text;
  }
}

describe('parameter helpers', () => {
  it('formats numbers at the precision of their step', () => {
    expect(formatNumber(7.500000001, 0.1)).toBe('7.5');
    expect(formatNumber(0.30000000000000004, 0.05)).toBe('0.3');
    expect(formatNumber(400, 1)).toBe('400');
  });
  it('clamps slider values like the URL parser', () => {
    const spec = NOTEBOOK_SCHEMA.s;
    expect(clampNumber(spec, 20)).toBe(15);
    expect(clampNumber(spec, NaN)).toBe(spec.default);
    expect(clampNumber(spec, 7.46)).toBe(7.5);
  });
  it('parses booleans and refuses other words', () => {
    const schema = { trails: { kind: 'bool', default: false, label: 'trajectories' } } as const;
    expect(parseParams(schema, new URLSearchParams('trails=1')).state.trails).toBe(true);
    const r = parseParams(schema, new URLSearchParams('trails=yes'));
    expect(r.state.trails).toBe(false);
    expect(r.notices[0]!.reason).toBe('use 1 or 0');
  });
});

describe('store', () => {
  it('notifies with the changed keys only, and not at all for no change', () => {
    const store = createStore({ s: 1, t: 2 });
    const calls: string[][] = [];
    const off = store.subscribe((_, changed) => calls.push([...changed] as string[]));
    store.set({ s: 1 });
    store.set({ s: 2, t: 2 });
    store.set({ t: 5 });
    off();
    store.set({ t: 6 });
    expect(calls).toEqual([['s'], ['t']]);
    expect(store.get()).toEqual({ s: 2, t: 6 });
  });
});

describe('guidance variants and sweep keys', () => {
  it('clamps hostile rescale, interval and sweep values with notices, never NaN', () => {
    const { state, notices } = parseNotebookQuery('rescale=7&intervalLo=-5&intervalHi=NaN&tiltView=bogus&sweepLearned=maybe&sweepDdim=0');
    expect(state).toMatchObject({ rescale: 1, intervalLo: 0, intervalHi: 999, tiltView: 'tilt', sweepLearned: false, sweepDdim: false });
    expect(notices.map((n) => n.param).sort()).toEqual(['intervalHi', 'intervalLo', 'rescale', 'sweepLearned', 'tiltView']);
    expectValid(state);
  });

  it('an interval whose start exceeds its end is corrected, with a notice', () => {
    const { state, notices } = parseNotebookQuery('intervalLo=600&intervalHi=300');
    expect(state).toMatchObject({ intervalLo: 300, intervalHi: 300 });
    expect(notices).toEqual([expect.objectContaining({ param: 'intervalLo', given: '600', used: '300' })]);
  });

  it('round-trips: the defaults write nothing, set values come back', () => {
    expect(notebookQuery(defaultNotebookState())).toBe('');
    const q = 'rescale=0.7&intervalLo=0&intervalHi=300&sweepLearned=1&sweepDdpm=0&tiltView=interval';
    const { state } = parseNotebookQuery(q);
    expect(parseNotebookQuery(notebookQuery(state)).state).toEqual(state);
    expect(notebookQuery(state)).toBe('rescale=0.7&intervalHi=300&sweepLearned=1&sweepDdpm=0&tiltView=interval');
  });
});

describe('inputAttributes', () => {
  it('gives the <input> of a number key its range, step and default from the schema', () => {
    expect(inputAttributes('s')).toEqual({ min: 0, max: 15, step: 0.1, value: 7.5 });
    expect(inputAttributes('trainSteps')).toEqual({ min: 100, max: 20000, step: 100, value: 2000 });
  });
});
