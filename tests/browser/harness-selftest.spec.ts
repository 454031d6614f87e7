import { test, expect } from './support/test';
import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, normalize } from 'node:path';
import katex from 'katex';
import { auditPage } from './support/audit';

/**
 * The harness must catch every failure kind it claims to check, and pass a clean page.
 * Fixture pages are served by a tiny local server (never part of the site build).
 */
const katexDist = dirname(createRequire(import.meta.url).resolve('katex/dist/katex.min.css'));
const display = (tex: string) => katex.renderToString(tex, { displayMode: true, throwOnError: false });

function page(body: string, { title = 'Fixture', lang = 'en', h1 = '<h1>Fixture</h1>' } = {}): string {
  return `<!doctype html><html${lang ? ` lang="${lang}"` : ''}><head><meta charset="utf-8"><title>${title}</title>
<link rel="stylesheet" href="/katex/katex.min.css"></head><body><main>${h1}${body}</main></body></html>`;
}

const fixtures: Record<string, string> = {
  '/clean/': page(`<p>Bayes for scores:</p>${display('\\nabla \\log p(x \\mid y) = \\nabla \\log p(x) + \\nabla \\log p(y \\mid x)')}`),
  '/console-error/': page('<script>console.error("boom from the fixture")</script>'),
  '/page-error/': page('<script>throw new Error("uncaught in the fixture")</script>'),
  '/outside-request/': page('<script>fetch("https://example.com/weights.json").catch(() => {})</script>'),
  '/broken-tex/': page(`<p>Broken:</p>${display('\\frac{1}{')}`),
  '/unrendered-tex/': page('<p>Raw: $$\\nabla \\log p$$ was never typeset.</p>'),
  '/missing-asset/': page('<img src="/no-such-figure.png" alt="a figure that is not there">'),
  '/bad-structure/': page('<h1>A second h1</h1>', { title: '', lang: '' }),
  '/stuck-widget/': page('<div class="widget" data-ready="false">never ready</div>'),
  '/inaccessible/': page('<button><svg width="10" height="10"></svg></button><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">'),
};

const expectations: [path: string, problem: RegExp][] = [
  ['/console-error/', /^console error: boom from the fixture/],
  ['/page-error/', /^page error: uncaught in the fixture/],
  ['/outside-request/', /^request outside the site: https:\/\/example\.com\/weights\.json/],
  ['/broken-tex/', /^KaTeX error: /],
  ['/unrendered-tex/', /math blocks left unrendered/],
  ['/missing-asset/', /^failed response: 404 .*no-such-figure\.png/],
  ['/bad-structure/', /^no <title>$/],
  ['/bad-structure/', /^no lang on <html>$/],
  ['/bad-structure/', /^2 <h1> elements/],
  ['/inaccessible/', /^a11y critical: (button-name|image-alt)/],
  ['/stuck-widget/', /^widget div #1 did not become ready$/],
];

let server: Server;
let origin: string;

test.beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname.startsWith('/katex/')) {
      try {
        const file = normalize(join(katexDist, url.pathname.slice('/katex/'.length)));
        if (!file.startsWith(katexDist)) throw new Error('outside');
        const type = file.endsWith('.css') ? 'text/css' : file.endsWith('.woff2') ? 'font/woff2' : 'application/octet-stream';
        res.writeHead(200, { 'content-type': type }).end(readFileSync(file));
      } catch {
        res.writeHead(404).end();
      }
      return;
    }
    const html = fixtures[url.pathname];
    if (html) res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
    else res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});

test.afterAll(() => new Promise<void>((r) => server.close(() => r())));

test('a clean page with rendered math passes the audit', async ({ page }) => {
  expect(await auditPage(page, `${origin}/clean/`)).toEqual([]);
});

for (const [path, problem] of expectations) {
  test(`the audit catches ${path} → ${problem.source}`, async ({ page }) => {
    const problems = await auditPage(page, `${origin}${path}`, { widgetTimeout: 2000 });
    expect(
      problems.some((p) => problem.test(p)),
      `problems found: ${JSON.stringify(problems)}`,
    ).toBe(true);
  });
}
