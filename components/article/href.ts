/** Site-relative URLs under the configured base path (BASE_PATH), for the article components. */
export function withBase(path: string): string {
  const base = import.meta.env.BASE_URL.replace(/\/+$/, '');
  return `${base}/${path.replace(/^\/+/, '')}`;
}

export function chapterUrl(slug: string, hash = ''): string {
  return withBase(`chapters/${slug}/`) + (hash ? `#${hash}` : '');
}

let counter = 0;
/** A page-unique id for ARIA wiring (cards, captions). */
export function uid(prefix: string): string {
  counter += 1;
  return `${prefix}-${counter}`;
}
