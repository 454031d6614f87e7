import { test, expect } from './support/test';
import { auditPage } from './support/audit';
import { builtPages, pageSlug, siteUrl } from './support/site';

/**
 * Every page of the build, served from the sub-path: no console or page error, no request leaving the site,
 * no failed request (a 404 under the base path fails here), all math rendered by KaTeX with its fonts,
 * a <title>, one <h1>, a lang, and no serious accessibility violation. A screenshot of each page is kept.
 */
const pages = builtPages();

test('the build has the landing page and at least one chapter', () => {
  expect(pages).toContain('');
  expect(pages.some((p) => p.startsWith('chapters/'))).toBe(true);
});

for (const path of pages) {
  test(`page /${path} loads cleanly`, async ({ page }, testInfo) => {
    const problems = await auditPage(page, siteUrl(path));
    const shot = await page.screenshot({ fullPage: true, path: `artifacts/screenshots/${pageSlug(path)}.png` });
    await testInfo.attach(`${pageSlug(path)}.png`, { body: shot, contentType: 'image/png' });
    expect(problems).toEqual([]);
  });
}
