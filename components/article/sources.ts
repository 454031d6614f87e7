/**
 * The chapter sources and the BibTeX file, read at build time through Vite's raw imports (so this module runs only
 * under Vite, which is why it lives here and not in lib/). Used by the article components (server side);
 * lib/text takes the strings and does the rest.
 */
import { buildEquationIndex, chapterOrder, type ChapterSource, type EquationIndex } from '../../lib/text/equations';
import { parseBibliography, type Bibliography } from '../../lib/text/bib';
import bibtex from '../../content/references.bib?raw';

const raw = import.meta.glob('../../content/*.mdx', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

export const chapterSources: ChapterSource[] = Object.entries(raw).map(([path, source]) => {
  const slug = path.replace(/^.*\//, '').replace(/\.mdx$/, '');
  return { slug, order: chapterOrder(slug, source), source };
});

let eqIndex: EquationIndex | undefined;
/** The site-wide equation index; throws (failing the build) if any equation or reference is inconsistent. */
export function equationIndex(): EquationIndex {
  if (!eqIndex) {
    const idx = buildEquationIndex(chapterSources);
    if (idx.errors.length) throw new Error(`Equation numbering errors:\n  ${idx.errors.join('\n  ')}`);
    eqIndex = idx;
  }
  return eqIndex;
}

let bib: Bibliography | undefined;
export function bibliography(): Bibliography {
  bib ??= parseBibliography(bibtex);
  return bib;
}

export function chapterSource(slug: string): ChapterSource | undefined {
  return chapterSources.find((c) => c.slug === slug);
}

/** The chapter slug of a page URL (/chapters/<slug>/), if it is a chapter page. */
export function slugFromPath(pathname: string): string | undefined {
  const m = /\/chapters\/([^/]+)\/?$/.exec(pathname);
  return m ? decodeURIComponent(m[1]!) : undefined;
}
