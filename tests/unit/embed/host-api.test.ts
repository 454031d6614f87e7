import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { captionParts, figuresOf, kebab } from '../../../lib/embed/figures';
import { GET_MESSAGE, SET_MESSAGE, eventMessage, readEmbedOptions, readHostCommand, stateMessage } from '../../../lib/embed/host-api';
import { defaultNotebookState, parseNotebookQuery } from '../../../lib/state/notebook';

const current = { ...defaultNotebookState(), s: 2, t: 100 };

describe('host commands', () => {
  it('apply valid values, clamp out-of-range ones with a notice, and leave invalid ones as they were', () => {
    const cmd = readHostCommand({ type: SET_MESSAGE, state: { s: 99, t: 'abc', y: 1, world: 'nowhere', trails: true, bogus: 1, n: { x: 1 } } }, current);
    expect(cmd?.kind).toBe('set');
    if (cmd?.kind !== 'set') return;
    expect(cmd.patch).toEqual({ s: 15, y: 1, trails: true });
    const byParam = Object.fromEntries(cmd.notices.map((n) => [n.param, n]));
    expect(byParam.s?.used).toBe('15');
    expect(byParam.t).toMatchObject({ used: '100', reason: 'invalid value; left as it was' });
    expect(byParam.world).toMatchObject({ used: 'two-gaussians' });
    expect(byParam.bogus?.reason).toBe('unknown setting, ignored');
    expect(byParam.n?.reason).toContain('left as it was');
  });

  it('read the keys of earlier versions under their current names', () => {
    const cmd = readHostCommand({ type: SET_MESSAGE, state: { ilo: 20, swview: 'interval' } }, current);
    expect(cmd).toMatchObject({ kind: 'set', patch: { intervalLo: 20, tiltView: 'interval' }, notices: [] });
  });

  it('reconcile the result (a class the world does not have) and report it', () => {
    const cmd = readHostCommand({ type: SET_MESSAGE, state: { y: 5 } }, current);
    expect(cmd).toMatchObject({ kind: 'set', patch: {} });
    if (cmd?.kind === 'set') expect(cmd.notices.map((n) => n.param)).toEqual(['y']);
  });

  it('answer get, refuse malformed commands, ignore other messages', () => {
    expect(readHostCommand({ type: GET_MESSAGE }, current)).toEqual({ kind: 'get' });
    expect(readHostCommand({ type: SET_MESSAGE }, current)).toEqual({ kind: 'error', message: 'the command has no state object' });
    expect(readHostCommand({ type: SET_MESSAGE, state: [1] }, current)?.kind).toBe('error');
    expect(readHostCommand('scorefield:set', current)).toBeNull();
    expect(readHostCommand(null, current)).toBeNull();
    expect(readHostCommand({ type: 'scorefield:resize', height: 3 }, current)).toBeNull();
  });

  it('never produce a value outside the schema for random input', () => {
    const values = [Number.NaN, Number.POSITIVE_INFINITY, -1e308, '1e999', '', ' 3 ', 'NaN', true, false, null, 'x'.repeat(100), '0x10', -0];
    const keys = ['s', 't', 'y', 'neg', 'world', 'n', 'trails', 'lr', '__proto__', 'constructor'];
    let seed = 7;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let k = 0; k < 500; k++) {
      const state: Record<string, unknown> = {};
      for (let j = 0; j < 3; j++) state[keys[rnd(keys.length)]!] = values[rnd(values.length)];
      const cmd = readHostCommand({ type: SET_MESSAGE, state }, current);
      if (cmd?.kind !== 'set') continue;
      const next = { ...current, ...cmd.patch };
      // what the URL parser accepts unchanged is exactly what a valid state is
      const query = new URLSearchParams(Object.entries(next).map(([key, v]) => [key, typeof v === 'boolean' ? (v ? '1' : '0') : String(v)]));
      expect(parseNotebookQuery(query.toString()).notices).toEqual([]);
    }
  });

  it('state and event messages carry the full state and only finite details', () => {
    const msg = stateMessage('score-field', current, 'g1') as { state: { s: number }; query: string; group: string };
    expect(msg).toMatchObject({ type: 'scorefield:state', widget: 'score-field', group: 'g1', query: 's=2&t=100' });
    expect(msg.state.s).toBe(2);
    expect(eventMessage('guided-sampler', 'sampler-finished', { fidelity: 0.9, bad: Number.NaN, f: () => 1, name: 'x' })).toEqual({
      type: 'scorefield:event',
      widget: 'guided-sampler',
      name: 'sampler-finished',
      detail: { fidelity: 0.9, name: 'x' },
    });
  });
});

describe('embed options', () => {
  it('read hide, fit, theme, chrome and group, reporting bad values', () => {
    expect(readEmbedOptions('hide=t,world&fit=1&theme=dark&chrome=0&group=wk-3')).toEqual({
      options: { hide: ['t', 'world'], fit: true, theme: 'dark', chrome: false, group: 'wk-3' },
      notices: [],
    });
    const bad = readEmbedOptions('fit=yes&theme=blue&group=a%20b');
    expect(bad.options).toEqual({ hide: [], fit: false, theme: 'auto', chrome: true, group: null });
    expect(bad.notices.map((n) => n.param).sort()).toEqual(['fit', 'group', 'theme']);
  });

  it('are not reported as unknown parameters of the state', () => {
    expect(parseNotebookQuery('s=3&hide=t&fit=1&theme=dark&chrome=0&group=g').notices).toEqual([]);
  });
});

describe('figure texts for embed pages', () => {
  it('every widget is shown by a figure of the chapters, with a caption and a text alternative', () => {
    const names = ['ScoreField', 'GuidedSampler', 'TrainingLab', 'ClassifierGuidance', 'GuidanceSweep', 'GuidedVsTilted'];
    const chapters = [
      '01-scores-and-bayes',
      '02-classifier-guidance',
      '03-classifier-free-guidance',
      '04-training-with-condition-dropout',
      '05-sampling-with-guidance',
      '06-conditioning-the-network',
      '07-what-guidance-really-does',
    ];
    const figs = chapters.flatMap((c) => figuresOf(c, readFileSync(`content/${c}.mdx`, 'utf8'), names));
    for (const name of names) {
      const f = figs.find((x) => x.widget === kebab(name));
      expect(f, name).toBeDefined();
      expect(f!.alt.length, name).toBeGreaterThan(40);
      expect(f!.caption.length, name).toBeGreaterThan(20);
      expect(f!.caption, name).not.toMatch(/<|>/);
    }
    const sf = figs.find((f) => f.id === 'guided-fields')!;
    expect(sf).toMatchObject({ n: '3.1', widget: 'score-field', chapter: '03-classifier-free-guidance' });
  });

  it('captions split into text and math', () => {
    expect(captionParts('at $s = 0$ and $1$.')).toEqual([
      { math: false, text: 'at ' },
      { math: true, text: 's = 0' },
      { math: false, text: ' and ' },
      { math: true, text: '1' },
      { math: false, text: '.' },
    ]);
  });
});
