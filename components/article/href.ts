/** Links and ids of the article components; URLs under the base path come from components/site/url.ts. */
import { chapterHref } from '../site/url';

/** A chapter's URL, with an anchor when given. */
export function chapterUrl(slug: string, hash = ''): string {
  return chapterHref(slug) + (hash ? `#${hash}` : '');
}

let counter = 0;
/** A page-unique id for ARIA wiring (cards, captions). */
export function uid(prefix: string): string {
  counter += 1;
  return `${prefix}-${counter}`;
}
