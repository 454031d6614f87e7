/** "Cite this page": the BibTeX record of a chapter, built without a DOM. */
export interface PageCitation {
  slug: string;
  title: string;
  url: string;
  /** Year of the build, e.g. 2026. */
  year: number;
  author: string;
  siteTitle: string;
}

/** Escape the characters BibTeX treats specially inside a braced field. */
export function bibtexEscape(s: string): string {
  return s
    .replace(/\\/g, '\\textbackslash{}')
    .replace(/([{}%&$#_])/g, '\\$1')
    .replace(/~/g, '\\textasciitilde{}');
}

export function citationKey(slug: string, year: number): string {
  return `scorefield${year}${slug.replace(/^\d+-/, '').replace(/[^A-Za-z0-9]+/g, '')}`;
}

export function pageBibtex(c: PageCitation): string {
  const lines = [
    `@misc{${citationKey(c.slug, c.year)},`,
    `  author       = {{${bibtexEscape(c.author)}}},`,
    `  title        = {${bibtexEscape(c.title)}},`,
    `  howpublished = {${bibtexEscape(c.siteTitle)}},`,
    `  year         = {${c.year}},`,
    `  url          = {${c.url}},`,
    `}`,
  ];
  return lines.join('\n');
}
