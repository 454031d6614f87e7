import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { citedKeys, linkify, parseBibliography, shortAuthors, stripTags } from '../../../lib/text/bib';

const BIB = readFileSync(new URL('../../../content/references.bib', import.meta.url), 'utf8');

describe('bibliography (citation-js, build time)', () => {
  const bib = parseBibliography(BIB);

  it('parses every entry of content/references.bib with an author, year and title', () => {
    expect(bib.entries.length).toBeGreaterThanOrEqual(15);
    for (const e of bib.entries) {
      expect(e.authors, e.key).not.toBe('Anon.');
      expect(e.year, e.key).toMatch(/^\d{4}$/);
      expect(e.title.length, e.key).toBeGreaterThan(3);
      expect(e.text, e.key).toContain(e.year);
    }
  });

  it('gives short and narrative in-text forms', () => {
    const ho = bib.get('ho2022classifier')!;
    expect(ho.short).toBe('Ho & Salimans, 2022');
    expect(ho.narrative).toBe('Ho & Salimans (2022)');
    expect(bib.get('song2021scorebased')!.short).toBe('Song et al., 2021');
    expect(bib.get('vincent2011connection')!.short).toBe('Vincent, 2011');
  });

  it('formats entries in APA with decoded LaTeX accents and linked URLs', () => {
    const k = bib.get('kynkaanniemi2024applying')!;
    expect(k.short).toBe('Kynkäänniemi et al., 2024');
    expect(k.html).toContain('<a href="https://arxiv.org/abs/2404.07724">');
    expect(k.text).toMatch(/^Kynkäänniemi, T\./);
    const v = bib.get('vincent2011connection')!;
    expect(v.html).toContain('https://doi.org/10.1162/NECO_a_00142');
  });

  it('sorts the bibliography by first author', () => {
    const firsts = bib.entries.map((e) => e.text.toLowerCase());
    const sorted = [...firsts].sort((a, b) => a.localeCompare(b, 'en'));
    expect(firsts.slice(0, 3)).toEqual(sorted.slice(0, 3));
  });

  it('rejects duplicate keys', () => {
    const one = '@misc{a, author={X, Y}, title={T}, year={2020}}\n';
    expect(() => parseBibliography(one + one)).toThrow(/duplicate key "a"/);
  });

  it('shortAuthors follows APA in-text rules', () => {
    expect(shortAuthors([{ family: 'A' }])).toBe('A');
    expect(shortAuthors([{ family: 'A' }, { family: 'B' }])).toBe('A & B');
    expect(shortAuthors([{ family: 'A' }, { family: 'B' }, { family: 'C' }])).toBe('A et al.');
    expect(shortAuthors([{ literal: 'The Team' }])).toBe('The Team');
    expect(shortAuthors(undefined)).toBe('Anon.');
  });

  it('linkify keeps a trailing full stop out of the link and leaves existing links alone', () => {
    expect(linkify('See https://x.org/a.')).toBe('See <a href="https://x.org/a">https://x.org/a</a>.');
    expect(linkify('<a href="https://x.org">y</a>')).toBe('<a href="https://x.org">y</a>');
    expect(stripTags('A &#38; B <i>C</i>')).toBe('A & B C');
  });

  it('citedKeys reads <Cite k> tags, including lists, without repeats', () => {
    const src = 'a <Cite k="x" /> b <Cite k="y, z" mode="narrative" /> c <Cite k="x"/>';
    expect(citedKeys(src)).toEqual(['x', 'y', 'z']);
  });
});
