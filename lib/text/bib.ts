/**
 * BibTeX → formatted references, at build time, with citation-js (no DOM).
 * The chapters cite by key (<Cite k="ho2022classifier" />); this module gives each key its
 * short in-text form ("Ho & Salimans, 2022"), its formatted bibliography entry (APA, as HTML and text),
 * and its BibTeX.
 */
import { Cite } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-csl';

export interface BibEntry {
  key: string;
  /** "Ho & Salimans", "Ho", "Song et al." */
  authors: string;
  /** "2022", or "n.d." */
  year: string;
  /** Parenthetical body: "Ho & Salimans, 2022". */
  short: string;
  /** Narrative form: "Ho & Salimans (2022)". */
  narrative: string;
  title: string;
  /** The entry formatted in APA style, as HTML (URLs linked), without the enclosing csl-entry element. */
  html: string;
  /** The same entry as plain text. */
  text: string;
  url?: string;
}

export interface Bibliography {
  /** Entries in bibliography order (APA: by first author, then year). */
  entries: BibEntry[];
  get(key: string): BibEntry | undefined;
}

interface CslName {
  family?: string;
  given?: string;
  literal?: string;
}
interface CslItem {
  id: string;
  title?: string;
  author?: CslName[];
  editor?: CslName[];
  issued?: { 'date-parts'?: (number | string)[][]; literal?: string };
  URL?: string;
  DOI?: string;
}

const FORMAT = { template: 'apa', lang: 'en-US' } as const;

function familyName(n: CslName): string {
  return n.family ?? n.literal ?? n.given ?? '?';
}

/** In-text author string, APA style: one name, "A & B", or "A et al." for three or more. */
export function shortAuthors(names: readonly CslName[] | undefined): string {
  if (!names || names.length === 0) return 'Anon.';
  const first = names[0]!;
  if (names.length === 1) return familyName(first);
  if (names.length === 2) return `${familyName(first)} & ${familyName(names[1]!)}`;
  return `${familyName(first)} et al.`;
}

function yearOf(item: CslItem): string {
  const y = item.issued?.['date-parts']?.[0]?.[0];
  if (y !== undefined && y !== null && String(y) !== '') return String(y);
  return item.issued?.literal ?? 'n.d.';
}

const ENTITIES: Record<string, string> = { '&#38;': '&', '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

/** HTML → text for the formatted entries (they contain only <i>, <b>, <span> and a few entities). */
export function stripTags(html: string): string {
  return html.replace(/<[^>]+>/g, '').replace(/&#38;|&amp;|&lt;|&gt;|&quot;|&#39;/g, (m) => ENTITIES[m] ?? m);
}

/** Wrap bare http(s) URLs of a formatted entry in links; a trailing full stop stays outside the link. */
export function linkify(html: string): string {
  return html.replace(/(^|[\s>(])(https?:\/\/[^\s<>"]+?)([.,;]?)(?=$|[\s<)])/g, (_m, pre: string, url: string, post: string) => {
    return `${pre}<a href="${url}">${url}</a>${post}`;
  });
}

function entryHtml(item: CslItem): string {
  const body = new Cite(item).format('bibliography', { format: 'html', ...FORMAT }) as string;
  const m = /<div[^>]*class="csl-entry"[^>]*>([\s\S]*?)<\/div>/.exec(body);
  const inner = (m ? m[1]! : body).trim();
  return linkify(inner);
}

/** Parse a BibTeX file. Throws if it holds a duplicate key or an entry citation-js cannot read. */
export function parseBibliography(bibtex: string): Bibliography {
  const cite = new Cite(bibtex, { forceType: '@biblatex/text' });
  const items = cite.data as CslItem[];
  const seen = new Set<string>();
  for (const it of items) {
    if (seen.has(it.id)) throw new Error(`references.bib: duplicate key "${it.id}"`);
    seen.add(it.id);
  }
  // Bibliography order as the style sorts it.
  const all = cite.format('bibliography', { format: 'html', ...FORMAT }) as string;
  const order = [...all.matchAll(/data-csl-entry-id="([^"]+)"/g)].map((m) => m[1]!);
  const byId = new Map(items.map((it) => [it.id, it] as const));
  const entries: BibEntry[] = order.map((id) => {
    const it = byId.get(id)!;
    const authors = shortAuthors(it.author ?? it.editor);
    const year = yearOf(it);
    const html = entryHtml(it);
    const url = it.URL ?? (it.DOI ? `https://doi.org/${it.DOI}` : undefined);
    return {
      key: id,
      authors,
      year,
      short: `${authors}, ${year}`,
      narrative: `${authors} (${year})`,
      title: it.title ?? '',
      html,
      text: stripTags(html),
      ...(url ? { url } : {}),
    };
  });
  const index = new Map(entries.map((e) => [e.key, e] as const));
  return { entries, get: (key) => index.get(key) };
}

/** Keys cited in a chapter's MDX source by <Cite k="a,b" /> (in order of first appearance, no repeats). */
export function citedKeys(mdxSource: string): string[] {
  const keys: string[] = [];
  for (const m of mdxSource.matchAll(/<Cite\b[^>]*?\bk=["']([^"']+)["']/g)) {
    for (const k of m[1]!.split(',').map((s) => s.trim())) if (k && !keys.includes(k)) keys.push(k);
  }
  return keys;
}
