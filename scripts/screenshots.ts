// Screenshots of the site as a reader sees it, in headless Chromium on the built site (builds it first unless
// SKIP_BUILD=1): figure 3.1 at 1280 and 390 px, light and dark, into docs/screenshots/fig-3-1-after-*.png (issue #13's
// before/after; README's docs/screenshot.png is the 1280 light one), and pages to look at into artifacts/screenshots/
// (presentation mode at 1024×768, the lab while training, the sampler at s = 15 with samples off the view).
// Run: npx tsx scripts/screenshots.ts
import { copyFileSync, mkdirSync } from 'node:fs';
import { chromium, type Page } from '@playwright/test';
import { findChromium } from '../tests/browser/support/chromium';
import { buildSite, startPreview } from '../tests/browser/support/server';

if (process.env.SKIP_BUILD !== '1') buildSite();
const { url, stop } = await startPreview();
const browser = await chromium.launch({ executablePath: findChromium(), args: ['--no-sandbox', '--disable-quic'] });
const at = (path: string) => new URL(path, url).toString();
mkdirSync('docs/screenshots', { recursive: true });
mkdirSync('artifacts/screenshots', { recursive: true });
const CH3 = 'chapters/03-classifier-free-guidance/';

async function open(viewport: { width: number; height: number }, dark: boolean, touch = false): Promise<Page> {
  const context = await browser.newContext({ viewport, colorScheme: dark ? 'dark' : 'light', hasTouch: touch, isMobile: touch });
  return context.newPage();
}

try {
  for (const width of [1280, 390]) {
    for (const dark of [false, true]) {
      const page = await open({ width, height: 900 }, dark, width < 500);
      await page.goto(at(`${CH3}?denoiser=exact`));
      const fig = page.locator('#fig-guided-fields');
      await fig.scrollIntoViewIfNeeded();
      await page.locator('#fig-guided-fields sf-score-field[data-ready="true"]').waitFor({ timeout: 60_000 });
      await page.waitForTimeout(300);
      const file = `docs/screenshots/fig-3-1-after-${width}-${dark ? 'dark' : 'light'}.png`;
      await fig.screenshot({ path: file });
      if (width === 1280 && !dark) copyFileSync(file, 'docs/screenshot.png');
      await page.screenshot({ path: `artifacts/screenshots/ch3-${width}-${dark ? 'dark' : 'light'}.png`, fullPage: width < 500 });
      await page.context().close();
    }
  }
  {
    const page = await open({ width: 1024, height: 768 }, false);
    for (const [chapter, id] of [
      [CH3, 'fig-guided-fields'],
      ['chapters/05-sampling-with-guidance/', 'fig-sampler'],
    ] as const) {
      await page.goto(at(`${chapter}?denoiser=exact&present=${id}`));
      await page.waitForTimeout(1500);
      await page.screenshot({ path: `artifacts/screenshots/present-${id}-1024.png` });
    }
    await page.context().close();
  }
  {
    const page = await open({ width: 1280, height: 900 }, false);
    await page.goto(at('embed/guided-sampler/?denoiser=exact&s=15&n=400&steps=30'));
    await page.getByRole('button', { name: 'Play' }).click();
    await page.locator('[data-part="progress"]', { hasText: 'done' }).waitFor({ timeout: 60_000 });
    await page.screenshot({ path: 'artifacts/screenshots/sampler-s15.png', fullPage: true });
    await page.goto(at('embed/training-lab/?trainSteps=400'));
    await page.locator('sf-training-lab[data-ready="true"]').waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await page.locator('sf-training-lab[data-phase="running"]').waitFor({ timeout: 60_000 });
    await page.waitForTimeout(1500);
    await page.screenshot({ path: 'artifacts/screenshots/lab-training.png', fullPage: true });
    await page.context().close();
  }
} finally {
  await browser.close();
  await stop();
}
