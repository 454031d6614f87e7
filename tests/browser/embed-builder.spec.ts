import { test, expect } from '@playwright/test';
import { siteUrl } from './support/site';

/**
 * The embed builder's outputs, the presentation options of an embed page (fit, chrome, theme), the copy button of a
 * chapter figure, the text alternative and link-preview metadata of embed pages, and printing.
 */
test('the builder writes every snippet from the live preview and the chosen options', async ({ page }) => {
  await page.goto(siteUrl('embed/?widget=score-field&s=4.2'));
  const preview = page.frameLocator('[data-part="preview"]');
  await expect(preview.locator('sf-score-field')).toBeVisible();
  const hideT = page.locator('[data-part="hide"] input[value="t"]');
  await expect(hideT).toBeVisible();
  await hideT.check();
  await page.locator('input[name="theme"][value="dark"]').check();
  await page.locator('input[name="size"][value="fit"]').check();
  const iframeCode = page.locator('[data-snippet="iframe"] textarea');
  await expect(iframeCode).toHaveValue(/hide=t&amp;fit=1&amp;theme=dark/);
  await expect(iframeCode).toHaveValue(/s=4\.2/);
  await expect(iframeCode).toHaveValue(/height="600"/);
  // The preview follows: t is hidden there, and the state set in the preview reaches the code.
  await expect(preview.locator('[data-control="t"]')).toBeHidden();
  await preview.locator('.slider-panel input[type="range"]').fill('2.5');
  await expect(page.locator('[data-snippet="jupyter"] textarea')).toHaveValue(
    /^from IPython\.display import IFrame; IFrame\(src="[^"]*s=2\.5[^"]*hide=t&fit=1&theme=dark", width="100%", height=600\)$/,
  );
  await page.locator('input[name="group"]').fill('a b');
  await page.locator('input[name="group"]').dispatchEvent('change');
  await expect(page.locator('[data-part="error"]')).toBeVisible();
  await page.screenshot({ path: 'artifacts/screenshots/embed-builder.png', fullPage: true });
});

test('fit=1, chrome=0 and theme=dark: the figure fits its frame without scrolling, without chrome, in dark', async ({ page }) => {
  await page.setViewportSize({ width: 800, height: 450 });
  await page.goto(siteUrl('embed/guided-sampler/?fit=1&chrome=0&theme=dark'));
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.locator('.embed-title')).toBeHidden();
  await expect(page.locator('[data-part="status"]')).toBeHidden();
  await expect(page.locator('.copy-embed')).toBeHidden();
  await expect.poll(() => page.evaluate(() => document.querySelector('[data-embed-content]')!.getBoundingClientRect().bottom)).toBeLessThanOrEqual(451);
  const box = await page.evaluate(() => document.querySelector('[data-embed-content]')!.getBoundingClientRect());
  expect(box.width).toBeGreaterThan(790);
  await page.screenshot({ path: 'artifacts/screenshots/embed-fit-dark.png' });
});

test('a chapter figure copies its state and hide= with a height that fits, and prints as drawn with its live link', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto(siteUrl('chapters/03-classifier-free-guidance/?s=4.2'));
  const sampler = page.locator('sf-guided-sampler').first();
  await sampler.scrollIntoViewIfNeeded();
  await sampler.locator('[data-copy-embed]').click();
  await expect(sampler.locator('.copy-result')).toHaveText('Embed code copied');
  const code = await page.evaluate(() => navigator.clipboard.readText());
  expect(code).toMatch(/embed\/guided-sampler\/\?s=4\.2&amp;compare=1&amp;hide=compare"/);
  expect(Number(/height="(\d+)"/.exec(code)![1])).toBeGreaterThan(760);
  expect(code).toContain('title="Guided sampler (scorefield interactive figure)"');

  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  await page.emulateMedia({ media: 'print' });
  await expect(sampler).toHaveAttribute('data-live-url', /embed\/guided-sampler\/\?s=4\.2&compare=1&hide=compare$/);
  for (const d of await page.locator('figure details.alt').all()) await expect(d).toHaveAttribute('open', '');
  await expect(page.locator('sf-score-field button').first()).toBeHidden();
  await expect(page.locator('sf-score-field input[type="range"]').first()).toBeHidden();
});

test('embed pages carry the figure caption and text description, Open Graph tags, oEmbed and a preview image that load', async ({ page, request }) => {
  await page.goto(siteUrl('embed/score-field/'));
  await expect(page.locator('.embed-text summary')).toHaveText('Caption and text description');
  await expect(page.locator('#embed-alt')).toContainText('Four square panels of arrows');
  await expect(page.locator('.embed-caption .katex').first()).toBeAttached();
  const oembedHref = await page.locator('link[rel="alternate"][type="application/json+oembed"]').getAttribute('href');
  const oembed = await (await request.get(new URL(oembedHref!, page.url()).toString())).json();
  expect(oembed).toMatchObject({ version: '1.0', type: 'rich', width: 800 });
  expect(oembed.html).toContain('embed/score-field/');
  const image = await page.locator('meta[property="og:image"]').getAttribute('content');
  const png = await request.get(new URL(image!, page.url()).toString());
  expect(png.headers()['content-type']).toBe('image/png');
  expect((await png.body()).subarray(1, 4).toString()).toBe('PNG');
  await expect(page.locator('meta[name="twitter:card"]')).toHaveAttribute('content', 'summary_large_image');
});
