import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { auditPage, watchPage } from './support/audit';
import { checkManifest } from './support/scorm-check';
import { expect, test } from './support/test';

/**
 * The SCORM package of `npm run package` (built by the global setup), its files served as an LMS serves them from a
 * sub-path the portable build was not built for (/lms/course-42/scorefield/): a valid manifest, and the pages pass
 * the checks pages.spec.ts runs (no failed or outside request, no console error, no CSP violation, widgets ready,
 * math and fonts), the learned model loads its weights and the wasm backend its binary, and links between pages work.
 */
const packageUrl = (path = '') => {
  const base = process.env.SCOREFIELD_PACKAGE_URL;
  if (!base) throw new Error('SCOREFIELD_PACKAGE_URL is not set: run the browser tests through `npm run test:browser`.');
  return new URL(path, base).toString();
};

test('the SCORM manifest is valid and launches the landing page, every chapter and every widget embed page', () => {
  const entries = unzipSync(readFileSync(process.env.SCOREFIELD_SCORM_ZIP ?? ''));
  const names = Object.keys(entries);
  const { items } = checkManifest(new TextDecoder().decode(entries['imsmanifest.xml']), names);
  const chapters = names.filter((n) => /^chapters\/[^/]+\/index\.html$/.test(n));
  expect(chapters.length).toBeGreaterThanOrEqual(7);
  expect(items.map((i) => i.href)).toEqual(['index.html', ...chapters, ...names.filter((n) => /^embed\/(?!guide\/)[^/]+\/index\.html$/.test(n))]);
  expect(items.find((i) => i.href === 'embed/score-field/index.html')?.title).toBe('Score-field explorer · scorefield');
  expect(new TextDecoder().decode(entries['index.html'])).not.toMatch(/(href|src)="\/(?!\/)/);
});

for (const path of ['', 'chapters/04-training-with-condition-dropout/', 'chapters/07-what-guidance-really-does/', 'embed/score-field/']) {
  test(`packaged page /${path} loads cleanly from a sub-path it was not built for`, async ({ page }) => {
    expect(await auditPage(page, packageUrl(path))).toEqual([]);
  });
}

test('the packaged learned model loads its weights and the wasm backend, also from the page’s index.html URL', async ({ page }) => {
  const log = await watchPage(page, new URL(packageUrl()).origin);
  await page.goto(`${packageUrl('embed/score-field/index.html')}?backend=wasm`);
  await expect(page.locator('sf-score-field')).toHaveAttribute('data-ready', 'true', { timeout: 90_000 });
  await expect(page.locator('sf-score-field')).toHaveAttribute('data-denoiser', 'learned');
  await expect(page.locator('[data-part="status-text"]')).toHaveText('Showing the learned network, running in this browser');
  await expect(page.locator('[data-part="about"]')).toContainText('backend (the engine that does the arithmetic): wasm (chosen by override)');
  expect([...log.consoleErrors, ...log.pageErrors, ...log.failedResponses, ...log.outsideRequests]).toEqual([]);
});

test('links between packaged pages stay inside the package', async ({ page }) => {
  await page.goto(packageUrl());
  const hrefs = await page.locator('a[href]').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
  const pages = hrefs.filter((h) => h.startsWith('http') && !h.includes('#'));
  expect(pages.length).toBeGreaterThan(5);
  for (const href of pages) expect(href.startsWith(packageUrl())).toBe(true);
  await page.locator('main a[href*="chapters/"]').first().click();
  await expect(page).toHaveURL(new RegExp(`${packageUrl('chapters/')}[^/]+/$`));
  await expect(page.locator('h1')).toHaveCount(1);
});
