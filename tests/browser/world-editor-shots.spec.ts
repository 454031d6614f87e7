import { test, expect } from './support/test';
import { siteUrl } from './support/site';
import { encodeWorldDoc } from '../../lib/science/world-code';
import { THREE_BLOBS } from './support/worlds';

/** Screenshots of the world editor at 390 px (light and dark) and 1280 px, for looking at (artifacts/screenshots/). */
const code = encodeWorldDoc(THREE_BLOBS);
for (const [width, scheme] of [
  [390, 'light'],
  [390, 'dark'],
  [1280, 'dark'],
] as const) {
  test(`world editor at ${width} px, ${scheme}: nothing wider than the page`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.setViewportSize({ width, height: 900 });
    await page.goto(`${siteUrl('embed/world-editor/')}?world=${code}`);
    await expect(page.locator('sf-world-editor')).toHaveAttribute('data-ready', 'true');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    await page.screenshot({ path: `artifacts/screenshots/world-editor-${width}-${scheme}.png`, fullPage: true });
  });
}
