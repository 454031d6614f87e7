import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** The URL of the site under test (with its base path, ending in "/"), set by the global setup. */
export function siteUrl(path = ''): string {
  const base = process.env.SCOREFIELD_URL;
  if (!base) throw new Error('SCOREFIELD_URL is not set: run the browser tests through `npm run test:browser`.');
  return new URL(path.replace(/^\/+/, ''), base).toString();
}

/** Site-relative paths of every HTML page of the build in dist/ ("", "chapters/x/", "404.html", …). */
export function builtPages(dist = 'dist'): string[] {
  const pages: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith('.html')) {
        const rel = relative(dist, full).split(sep).join('/');
        pages.push(rel.endsWith('index.html') ? rel.slice(0, -'index.html'.length) : rel);
      }
    }
  };
  walk(dist);
  return pages.sort();
}

/** A file-system-safe name for a page path, for screenshots. */
export function pageSlug(path: string): string {
  return path.replace(/\/$/, '').replace(/[^a-z0-9-]+/gi, '_') || 'home';
}
