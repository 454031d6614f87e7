import { test, expect, type Page } from '@playwright/test';
import { watchPage } from './support/audit';
import { siteUrl } from './support/site';

/**
 * The learned model in the browser: shipped weights loaded from the site, backends chosen and shown,
 * tensors disposed after every interaction, WebGL missing or lost handled with a notice.
 */
const tensors = (page: Page) => page.evaluate(() => (globalThis as unknown as { scorefield: { tensors(): number } }).scorefield.tensors());
const ready = (page: Page, tag: string) => expect(page.locator(tag)).toHaveAttribute('data-ready', 'true', { timeout: 90_000 });

async function openField(page: Page, query: string) {
  const log = await watchPage(page, new URL(siteUrl()).origin);
  await page.goto(siteUrl('embed/score-field/') + query);
  await ready(page, 'sf-score-field');
  await expect(page.locator('sf-score-field')).toHaveAttribute('data-denoiser', 'learned');
  return log;
}

test('the learned field loads from the shipped weights; 200 slider moves and a t change leave no tensor behind', async ({ page }) => {
  const log = await openField(page, '?backend=wasm');
  await expect(page.locator('[data-part="status"]')).toContainText('learned network (tfjs wasm');
  const baseline = await tensors(page);
  const calls = await page.locator('sf-score-field').evaluate((el) => (el as unknown as { computeCount: number }).computeCount);
  const slider = page.getByRole('slider', { name: /guidance scale/ });
  await slider.focus();
  for (const key of ['ArrowRight', 'ArrowLeft', 'ArrowRight', 'ArrowLeft']) {
    for (let i = 0; i < 50; i++) await page.keyboard.press(key); // 7.5 → 12.5 → 7.5 → …: 200 moves in range
  }
  await expect(slider).toHaveAttribute('aria-valuetext', 's = 7.5');
  expect(await tensors(page)).toBe(baseline);
  expect(await page.locator('sf-score-field').evaluate((el) => (el as unknown as { computeCount: number }).computeCount)).toBe(calls);

  await page.getByRole('slider', { name: 'timestep t' }).fill('120');
  await ready(page, 'sf-score-field');
  expect(await tensors(page)).toBe(baseline);
  expect(log.consoleErrors).toEqual([]);
  expect(log.failedResponses).toEqual([]);
});

test('the difference view shows the learned field’s error, smaller than the field itself', async ({ page }) => {
  await openField(page, '?backend=wasm&t=300&s=1');
  const legend = page.locator('[data-part="legend"]');
  const norm = async () => Number(/= ([\d.]+);/.exec((await legend.textContent()) ?? '')![1]);
  const field = await norm();
  await page.locator('select[data-key="view"]').selectOption('difference');
  await expect(legend).toContainText('|learned − exact score|');
  const error = await norm();
  expect(error).toBeGreaterThan(0);
  expect(error).toBeLessThan(0.5 * field);
});

test('a learned sampler run keeps the tensor count and lands on the class', async ({ browser }) => {
  const context = await browser.newContext({ reducedMotion: 'reduce' });
  const page = await context.newPage();
  await page.goto(siteUrl('embed/guided-sampler/') + '?backend=wasm&n=400&steps=25&s=3&y=1');
  await ready(page, 'sf-guided-sampler');
  await expect(page.locator('sf-guided-sampler')).toHaveAttribute('data-denoiser', 'learned');
  const baseline = await tensors(page);
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page.locator('[data-part="progress"]')).toHaveText('done: 25 steps', { timeout: 60_000 });
  expect(await tensors(page)).toBe(baseline);
  const fidelity = Number(await page.locator('[data-lane="0"] table td').first().textContent());
  expect(fidelity).toBeGreaterThan(0.9);
  await context.close();
});

test('without WebGL the model runs on another backend and says so', async ({ browser }) => {
  // A browser without WebGL: every canvas refuses to create a WebGL context.
  const context = await browser.newContext();
  await context.addInitScript(() => {
    for (const proto of [HTMLCanvasElement.prototype, globalThis.OffscreenCanvas?.prototype].filter(Boolean)) {
      const original = proto!.getContext as (this: unknown, id: string, ...rest: unknown[]) => unknown;
      Object.defineProperty(proto, 'getContext', {
        value(this: unknown, id: string, ...rest: unknown[]) {
          return /webgl/i.test(id) ? null : original.call(this, id, ...rest);
        },
      });
    }
  });
  const page = await context.newPage();
  const log = await openField(page, '');
  await expect(page.locator('[data-part="status"]')).toContainText('WebGL is not available in this browser, so the model runs on');
  expect(log.pageErrors).toEqual([]);
  await context.close();
});

test('a lost WebGL context is restored and the field redrawn', async ({ page }) => {
  await openField(page, '?backend=webgl');
  expect(await page.evaluate(() => (globalThis as unknown as { scorefield: { backend(): string } }).scorefield.backend())).toBe('webgl');
  await page.locator('sf-score-field').evaluate((el) => el.setAttribute('data-ready', 'lost'));
  expect(await page.evaluate(() => (globalThis as unknown as { scorefield: { loseWebGLContext(): boolean } }).scorefield.loseWebGLContext())).toBe(true);
  await ready(page, 'sf-score-field');
  await expect(page.locator('[data-part="status"]')).toContainText('The WebGL context was lost and has been restored');
  await expect(page.locator('sf-score-field')).toHaveAttribute('data-denoiser', 'learned');
});
