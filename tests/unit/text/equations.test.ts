import { describe, expect, it } from 'vitest';
import { buildEquationIndex, chapterOrder, extractEqRefs, extractEquations, stripCode } from '../../../lib/text/equations';

const ch = (slug: string, order: number, source: string) => ({ slug, order, source });

describe('equation numbering', () => {
  it('extracts equations in order of appearance, ignoring code and comments', () => {
    const src = [
      '<Equation id="a" n="1.1">',
      '$$x$$',
      '</Equation>',
      '```mdx',
      '<Equation id="not-me" n="9.9">',
      '```',
      '{/* <Equation id="nor-me" n="9.8"> */}',
      "<Equation n='1.2' id='b'>",
    ].join('\n');
    expect(extractEquations(src)).toEqual([
      { id: 'a', n: '1.1' },
      { id: 'b', n: '1.2' },
    ]);
    expect(stripCode('a `<EqRef id="q"/>` b')).not.toContain('EqRef');
  });

  it('indexes a consistent notebook with no errors', () => {
    const idx = buildEquationIndex([
      ch('02-b', 2, '<Equation id="c" n="2.1"> <EqRef id="a" />'),
      ch('01-a', 1, '<Equation id="a" n="1.1"> <Equation id="b" n="1.2"> <EqRef id="c"/>'),
    ]);
    expect(idx.errors).toEqual([]);
    expect(idx.equations.map((e) => e.n)).toEqual(['1.1', '1.2', '2.1']);
    expect(idx.byId.get('c')).toEqual({ id: 'c', n: '2.1', slug: '02-b' });
  });

  it('reports a broken reference, a duplicate id, a skipped number and a missing id', () => {
    const idx = buildEquationIndex([
      ch('01-a', 1, '<Equation id="a" n="1.1"> <Equation id="b" n="1.3"> <Equation n="1.3"> <EqRef id="nope"/>'),
      ch('02-b', 2, '<Equation id="a" n="2.1">'),
    ]);
    const all = idx.errors.join('\n');
    expect(all).toMatch(/"b" is numbered 1.3, expected 1.2/);
    expect(all).toMatch(/equation 1.3 has no id/);
    expect(all).toMatch(/id "a" already used in 01-a/);
    expect(all).toMatch(/EqRef id="nope"\/> refers to no equation/);
  });

  it('extracts references and chapter order', () => {
    expect(extractEqRefs('see <EqRef id="x" /> and <EqRef id="y"/>')).toEqual(['x', 'y']);
    expect(chapterOrder('03-cfg', '---\ntitle: T\norder: 7\n---\n')).toBe(7);
    expect(chapterOrder('03-cfg', 'no frontmatter')).toBe(3);
  });
});
