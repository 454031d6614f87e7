import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LEGACY_KEYS, NOTEBOOK_SCHEMA, hiddenControls, notebookQuery, parseNotebookQuery, widgetOptionProblems } from '../../../lib/state/notebook';

describe('old state keys: shared links keep working', () => {
  it('an old link reads as the new one, silently, and is written back under the new names', () => {
    const old = parseNotebookQuery(
      'ilo=100&ihi=300&pu=0.2&lr=0.005&tsteps=500&drop=sampled&puncond=0&swlearned=1&swddpm=0&swview=interval&clfsteps=800&clfview=both',
    );
    expect(old.notices).toEqual([]);
    expect(old.state).toMatchObject({
      intervalLo: 100,
      intervalHi: 300,
      trainPUncond: 0.2,
      trainLr: 0.005,
      trainSteps: 500,
      trainDropout: 'sampled',
      pUncond: '0',
      sweepLearned: true,
      sweepDdpm: false,
      tiltView: 'interval',
      clfSteps: 800,
      clfView: 'both',
    });
    const written = notebookQuery(old.state);
    expect(written).toBe(
      'pUncond=0&clfSteps=800&clfView=both&intervalLo=100&intervalHi=300&sweepLearned=1&sweepDdpm=0&tiltView=interval&trainPUncond=0.2&trainLr=0.005&trainSteps=500&trainDropout=sampled',
    );
    for (const oldKey of Object.keys(LEGACY_KEYS)) expect(new URLSearchParams(written).has(oldKey)).toBe(false);
    expect(parseNotebookQuery(written).state).toEqual(old.state);
  });

  it('every old key names a key of the schema, and no old key is still a key', () => {
    for (const [oldKey, key] of Object.entries(LEGACY_KEYS)) {
      expect(Object.hasOwn(NOTEBOOK_SCHEMA, key), key).toBe(true);
      expect(Object.hasOwn(NOTEBOOK_SCHEMA, oldKey), oldKey).toBe(false);
    }
  });

  it('a correction names the key as the reader wrote it; old and new together count as repeated', () => {
    const r = parseNotebookQuery('pu=9&trainLr=-1');
    expect(r.notices.map((n) => `${n.param}:${n.used}`)).toEqual(['pu:0.5', 'trainLr:0.0001']);
    const both = parseNotebookQuery('tsteps=500&trainSteps=800');
    expect(both.state.trainSteps).toBe(500);
    expect(both.notices[0]).toMatchObject({ param: 'tsteps', reason: 'repeated, the first value is used' });
  });

  it('hide= takes old names too', () => {
    expect(hiddenControls(' swview, puncond ,t,')).toEqual(['tiltView', 'pUncond', 't']);
  });
});

describe("a chapter's init= and hide= are checked at build time", () => {
  it('accepts what is right', () => {
    expect(widgetOptionProblems({ init: 's=0&denoiser=exact', hide: 'denoiser,cond,neg,view,t' })).toEqual([]);
    expect(widgetOptionProblems({ init: 'swview=interval&ilo=0&ihi=300', hide: 'swview,embed,series' })).toEqual([]);
    expect(widgetOptionProblems({})).toEqual([]);
  });

  it('refuses a typo in a key, a bad value, a class the world lacks, an unknown control', () => {
    expect(widgetOptionProblems({ init: 'denoser=exact' })).toEqual(['init="denoser=exact": "denoser": unknown parameter, ignored']);
    expect(widgetOptionProblems({ init: 's=abc' })[0]).toMatch(/^init="s=abc": s = "abc" would become 7\.5 \(not a number/);
    expect(widgetOptionProblems({ init: 'y=2' })[0]).toMatch(/y = "2" would become 0 \(this world has classes 0 to 1\)/);
    expect(widgetOptionProblems({ hide: 'denoiser,worl' })).toEqual(['hide="denoiser,worl": "worl" is not a control (state keys, or embed, series, variants)']);
  });

  it('every widget tag of the chapters passes (the same check the build makes)', () => {
    const dir = join(import.meta.dirname, '../../../content');
    let tags = 0;
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.mdx'))) {
      const source = readFileSync(join(dir, file), 'utf8');
      for (const tag of source.matchAll(/<(ScoreField|GuidedSampler|TrainingLab|ClassifierGuidance|GuidanceSweep|GuidedVsTilted)\b[^>]*>/g)) {
        tags++;
        const init = /\binit="([^"]*)"/.exec(tag[0])?.[1];
        const hide = /\bhide="([^"]*)"/.exec(tag[0])?.[1];
        expect(widgetOptionProblems({ init, hide }), `${file}: ${tag[0]}`).toEqual([]);
      }
    }
    expect(tags).toBeGreaterThanOrEqual(10);
  });
});
