/** Joins a site-relative path onto the configured base (BASE_PATH), whatever slashes either side has. */
export function withBase(path: string): string {
  const base = import.meta.env.BASE_URL.replace(/\/+$/, '');
  const rel = path.replace(/^\/+/, '');
  return `${base}/${rel}`;
}

/** URL of a chapter page from its collection id (the .mdx file name). */
export function chapterHref(id: string): string {
  return withBase(`chapters/${id}/`);
}
