import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { NOTATION, notationById, splitInlineTex } from '../../../lib/text/notation';
import { bibtexEscape, citationKey, pageBibtex } from '../../../lib/text/citeThis';
import { en } from '../../../lib/text/strings';

describe('notation table data', () => {
  it('has unique ids and TeX that KaTeX renders without error', () => {
    const ids = NOTATION.map((n) => n.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const n of NOTATION) {
      expect(() => katex.renderToString(n.tex, { throwOnError: true }), n.id).not.toThrow();
      expect(n.meaning.length, n.id).toBeGreaterThan(5);
      const parts = splitInlineTex(n.meaning);
      expect(parts.length % 2, `${n.id}: unbalanced $ in meaning`).toBe(1);
      parts.forEach((p, i) => {
        if (i % 2) expect(() => katex.renderToString(p, { throwOnError: true, strict: 'error' }), `${n.id}: ${p}`).not.toThrow();
      });
      expect(n.chapter, n.id).toMatch(/^\d{2}-[a-z-]+$/);
    }
  });

  it('follows DESIGN.md: s is the diffusers-convention guidance scale, w = s − 1, code names as in lib/', () => {
    expect(notationById('s').code).toBe('s');
    expect(notationById('w').tex).toBe('w = s - 1');
    expect(notationById('puncond').code).toBe('pUncond');
    expect(notationById('null').code).toBe('NULL_CLASS');
    expect(notationById('schedule').code).toBe('betas, alphas, alphasCumprod');
    expect(() => notationById('nope')).toThrow(/unknown symbol/);
  });
});

describe('cite this page', () => {
  it('builds a BibTeX record with an escaped title and a stable key', () => {
    const b = pageBibtex({
      slug: '03-classifier-free-guidance',
      title: 'Classifier-free guidance: 100% & more_',
      url: 'https://example.org/chapters/03-classifier-free-guidance/',
      year: 2026,
      author: en.citeThis.author,
      siteTitle: en.citeThis.siteTitle,
    });
    expect(b.startsWith('@misc{scorefield2026classifierfreeguidance,')).toBe(true);
    expect(b).toContain('title        = {Classifier-free guidance: 100\\% \\& more\\_},');
    expect(b).toContain('author       = {{The scorefield contributors}},');
    expect(b.trim().endsWith('}')).toBe(true);
    expect(citationKey('01-scores-and-bayes', 2025)).toBe('scorefield2025scoresandbayes');
    expect(bibtexEscape('{a}')).toBe('\\{a\\}');
  });
});
