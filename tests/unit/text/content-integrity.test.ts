/**
 * The chapters as data: numbering, references, citations, links and the claims ledger are consistent.
 * Catches at unit-test time what the build also refuses (broken <EqRef>, unknown <Cite> key, unknown chapter slug).
 */
import { WIDGET_NAMES } from '../../../components/widgets/names';
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { citedKeys, parseBibliography } from '../../../lib/text/bib';
import { buildEquationIndex, chapterOrder, stripCode } from '../../../lib/text/equations';
import { NOTATION } from '../../../lib/text/notation';

const root = new URL('../../../', import.meta.url);
const read = (p: string): string => readFileSync(new URL(p, root), 'utf8');
const files = readdirSync(new URL('content/', root))
  .filter((f) => f.endsWith('.mdx'))
  .sort();
const chapters = files.map((f) => {
  const slug = f.replace(/\.mdx$/, '');
  const source = read(`content/${f}`);
  return { slug, order: chapterOrder(slug, source), source };
});
const index = buildEquationIndex(chapters);

describe('chapter content', () => {
  it('has the eight chapters in order, file prefix = frontmatter order', () => {
    expect(chapters.length).toBe(8);
    chapters.forEach((c, i) => {
      expect(c.order, c.slug).toBe(i + 1);
      expect(c.slug.startsWith(`${String(i + 1).padStart(2, '0')}-`), c.slug).toBe(true);
      expect(c.source).toMatch(/^---\ntitle: .+\n(short: .+\n)?order: \d+\nsummary: .+\n(# .+\n)?(defaults: .+\n)?---\n/);
    });
  });

  it('numbers its equations consistently and every <EqRef> resolves', () => {
    expect(index.errors).toEqual([]);
    expect(index.equations.length).toBeGreaterThanOrEqual(25);
  });

  it('cites only keys of content/references.bib, and every chapter that cites has a <Bibliography />', () => {
    const bib = parseBibliography(read('content/references.bib'));
    for (const c of chapters) {
      const keys = citedKeys(c.source);
      for (const k of keys) expect(bib.get(k), `${c.slug}: ${k}`).toBeDefined();
      if (keys.length) expect(c.source, c.slug).toContain('<Bibliography />');
      expect(c.source, c.slug).toContain('<CiteThisPage />');
    }
  });

  it('links only to chapters and notation symbols that exist', () => {
    const slugs = new Set(chapters.map((c) => c.slug));
    const syms = new Set(NOTATION.map((n) => n.id));
    for (const c of chapters) {
      for (const m of c.source.matchAll(/<ChapterRef\b[^>]*\bslug="([^"]+)"/g)) expect(slugs.has(m[1]!), `${c.slug} → ${m[1]}`).toBe(true);
      for (const m of c.source.matchAll(/<NotationLink\b[^>]*\bsym="([^"]+)"/g)) expect(syms.has(m[1]!), `${c.slug} → ${m[1]}`).toBe(true);
      // plain Markdown links to site pages would ignore the base path: use the components instead
      expect(stripCode(c.source), c.slug).not.toMatch(/\]\(\/(?!\/)/);
    }
    for (const n of NOTATION) expect(slugs.has(n.chapter), n.id).toBe(true);
  });

  it('shows no placeholder text (widget markers are MDX comments)', () => {
    for (const c of chapters) {
      const visible = c.source.replace(/\{\/\*[\s\S]*?\*\/\}/g, '');
      expect(visible, c.slug).not.toMatch(/\b(TODO|TBD|FIXME|lorem ipsum|placeholder|coming soon)\b/i);
      expect(visible, c.slug).not.toMatch(/widget:/);
    }
    // A marker names a widget still to be built: one that exists must be placed, not left as a comment.
    const markers = chapters.flatMap((c) => [...c.source.matchAll(/\{\/\* widget: ([a-z-]+)/g)].map((m) => m[1]!));
    for (const name of markers) expect(WIDGET_NAMES as readonly string[], `marker for ${name}`).not.toContain(name);
  });
});

describe('claims ledger (docs/claims.md)', () => {
  const ledger = read('docs/claims.md');
  const testDir = new URL('tests/unit/equations/', root);
  const testSources = readdirSync(testDir)
    .filter((f) => f.endsWith('.test.ts'))
    .map((f) => readFileSync(new URL(f, testDir), 'utf8'))
    .join('\n');
  const tested = new Set([...testSources.matchAll(/\bit\(\s*['"`]eq\. (\d+\.\d+):/g)].map((m) => m[1]!));
  const rows = new Map([...ledger.matchAll(/^\| (\d+\.\d+) \| ([a-z0-9-]+) \|.*\| (tested|pending) \|$/gm)].map((m) => [m[1]!, { id: m[2]!, status: m[3]! }]));

  it('lists every numbered equation with its id', () => {
    for (const e of index.equations) {
      const row = rows.get(e.n);
      expect(row, `eq. ${e.n} missing from docs/claims.md`).toBeDefined();
      expect(row!.id, `eq. ${e.n}`).toBe(e.id);
    }
    expect(rows.size).toBe(index.equations.length);
  });

  it('has a test named "eq. N: …" for every equation marked tested, and none for equations that do not exist', () => {
    const numbers = new Set(index.equations.map((e) => e.n));
    for (const n of tested) expect(numbers.has(n), `a test names eq. ${n}, which does not exist`).toBe(true);
    for (const [n, row] of rows) {
      if (row.status === 'tested') expect(tested.has(n), `eq. ${n} is marked tested but no test is named "eq. ${n}: …"`).toBe(true);
      else expect(tested.has(n), `eq. ${n} has a test: mark it tested`).toBe(false);
    }
  });
});
