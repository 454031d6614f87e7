import { test, expect } from './support/test';
import { siteUrl } from './support/site';
import { encodeWorldDoc } from '../../lib/science/world-code';

/** Screenshots of the world editor at 390 px (light and dark) and 1280 px, for looking at (artifacts/screenshots/). */
const code = encodeWorldDoc({
  name: 'three blobs',
  description: '',
  classes: [
    { name: 'left', prior: 1000, components: [{ x: -1.5, y: 0, sx: 0.5, sy: 0.3, angle: 20, weight: 1000 }] },
    { name: 'right', prior: 500, components: [{ x: 1.5, y: 0.5, sx: 0.4, sy: 0.4, angle: 0, weight: 700 }, { x: 1, y: -1.5, sx: 0.6, sy: 0.2, angle: -30, weight: 300 }] },
  ],
});
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
