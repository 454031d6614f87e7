import { getCollection, type CollectionEntry } from 'astro:content';
import { chapterHref } from '../../components/site/url';

export interface ChapterLink {
  id: string;
  title: string;
  short: string;
  summary: string;
  order: number;
  href: string;
  /** The page's starting state over the schema's defaults (front matter `defaults`), if any. */
  defaults?: string;
}

/** The chapters of the notebook, in reading order, with their URLs. */
export async function listChapters(): Promise<ChapterLink[]> {
  const entries: CollectionEntry<'chapters'>[] = await getCollection('chapters');
  const links = entries
    .map((e) => ({
      id: e.id,
      title: e.data.title,
      short: e.data.short ?? e.data.title,
      summary: e.data.summary,
      order: e.data.order,
      defaults: e.data.defaults,
      href: chapterHref(e.id),
    }))
    .sort((a, b) => a.order - b.order);
  const seen = new Map<number, string>();
  for (const c of links) {
    const other = seen.get(c.order);
    if (other) throw new Error(`chapters "${other}" and "${c.id}" both have order ${c.order}`);
    seen.set(c.order, c.id);
  }
  return links;
}
