import { test, expect, type Page } from './support/test';
import { accessibilityProblems } from './support/audit';
import { builtPages, siteUrl } from './support/site';

/** The reading experience: themes, phone widths, print, chapter navigation. */
const chapterPaths = builtPages().filter((p) => p.startsWith('chapters/'));
const firstChapter = chapterPaths[0] ?? 'chapters/';

const background = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
const luminance = (rgb: string) => {
  const [r = 0, g = 0, b = 0] = (rgb.match(/\d+/g) ?? []).map(Number);
  return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
};

test('the theme follows prefers-color-scheme until the reader picks one, and the pick persists', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(siteUrl());
  expect(luminance(await background(page))).toBeLessThan(0.2);

  await page.emulateMedia({ colorScheme: 'light' });
  expect(luminance(await background(page))).toBeGreaterThan(0.8);

  const toggle = page.getByRole('button', { name: 'Dark theme' });
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  expect(luminance(await background(page))).toBeLessThan(0.2);

  await page.goto(siteUrl(firstChapter)); // another page, same stored choice, system still light
  expect(luminance(await background(page))).toBeLessThan(0.2);
  await page.reload();
  expect(luminance(await background(page))).toBeLessThan(0.2);
  await page.getByRole('button', { name: 'Dark theme' }).press('Enter');
  expect(luminance(await background(page))).toBeGreaterThan(0.8);
});

for (const path of ['', firstChapter]) {
  test(`/${path} fits a 360 px wide phone without sideways scrolling`, async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto(siteUrl(path));
    const { scrollWidth, clientWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
    }));
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
    const h1 = await page.locator('h1').boundingBox();
    expect(h1!.x).toBeGreaterThanOrEqual(8);
    expect(h1!.x + h1!.width).toBeLessThanOrEqual(352);
  });
}

test('the print stylesheet hides navigation chrome and keeps the article', async ({ page }) => {
  await page.goto(siteUrl(firstChapter));
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.site-header nav')).toBeHidden();
  await expect(page.locator('.theme-toggle')).toBeHidden();
  await expect(page.locator('.chapter-nav')).toBeHidden();
  await expect(page.locator('article h1')).toBeVisible();
  expect(luminance(await background(page))).toBeGreaterThan(0.95);
});

test('chapters link to each other in order, and the table of contents points at real headings', async ({ page }) => {
  expect(chapterPaths.length).toBeGreaterThan(0);
  await page.goto(siteUrl());
  const listed = await page.locator('.chapter-list a').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
  expect(listed.map((h) => new URL(h).pathname).sort()).toEqual(chapterPaths.map((p) => new URL(siteUrl(p)).pathname).sort());

  for (const [i, href] of listed.entries()) {
    await page.goto(href);
    const prev = page.locator('a[rel="prev"]');
    const next = page.locator('a[rel="next"]');
    if (i === 0) await expect(prev).toHaveCount(0);
    else expect(await prev.getAttribute('href')).toBe(new URL(listed[i - 1]!).pathname);
    if (i === listed.length - 1) await expect(next).toHaveCount(0);
    else expect(await next.getAttribute('href')).toBe(new URL(listed[i + 1]!).pathname);
    const targets = await page.locator('.toc a').evaluateAll((as) => as.map((a) => a.getAttribute('href')!.slice(1)));
    for (const id of targets) expect(await page.locator(`[id="${id}"]`).count(), `#${id} on ${href}`).toBe(1);
  }
});

for (const path of chapterPaths) {
  test(`/${path} passes the accessibility scan in the dark theme too (code, math, figures)`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto(siteUrl(path));
    expect(luminance(await background(page))).toBeLessThan(0.2);
    expect(await accessibilityProblems(page)).toEqual([]);
  });
}
