import { gzipSync } from 'node:zlib';
import { test, expect } from './support/test';
import { scriptBodies } from './support/scripts';
import { builtPages, siteUrl } from './support/site';

/** The live hero (issue #13 item 4) and no sideways scroll on a phone (item 8). */
test('the landing slider redraws the live panel from the exact world, with under 50 KB of script (gzip) and no tfjs', async ({ page }) => {
  const scripts: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'script') scripts.push(r.url());
  });
  await page.goto(siteUrl());
  const hero = page.locator('[data-hero]');
  await expect(hero).toHaveAttribute('data-hero-ready', 'true');
  const tip = () => page.locator('[data-hero-live] .arrows line').nth(20).getAttribute('x2');
  const before = await tip();
  const slider = page.getByRole('slider', { name: 'guidance scale s' });
  await slider.fill('7.5');
  await expect(hero).toHaveAttribute('data-hero-drawn', '7.5');
  expect(await tip()).not.toBe(before);
  await expect(hero.locator('[data-hero-out]')).toHaveText('s = 7.5');
  await hero.getByRole('button', { name: 'Set the slider to s = 0' }).click();
  await expect(slider).toHaveValue('0');
  await expect(hero).toHaveAttribute('data-hero-drawn', '0');
  // Script weight: every script the page loaded and every inline script, gzipped; none of it tfjs.
  const { inline, fetched } = await scriptBodies(page, scripts);
  expect(Buffer.concat(inline).toString('utf8')).toContain('data-hero');
  let gz = 0;
  for (const body of [...inline, ...fetched]) {
    expect(body.toString('utf8')).not.toContain('tfjs');
    gz += gzipSync(body).length;
  }
  expect(gz).toBeLessThan(50 * 1024);
});

test('no page scrolls sideways at 390 px', async ({ browser }) => {
  test.setTimeout(120_000);
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, reducedMotion: 'reduce' });
  const page = await context.newPage();
  for (const path of builtPages().filter((p) => !p.endsWith('.html') || p === '404.html')) {
    await page.goto(siteUrl(path));
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width, path).toBeLessThanOrEqual(390);
  }
  await context.close();
});
