import { test, expect, type Page } from './support/test';
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
  await expect(page.locator('[data-part="status-text"]')).toHaveText('Showing the learned network, running in this browser');
  await expect(page.locator('[data-part="about"]')).toContainText('Its backend (the engine that does the arithmetic): wasm (chosen by override).');
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
  // The legend names the norms a quarter, a half and a whole grid cell of arrow stand for; the whole cell's is compared.
  const norm = async () => Number(/stand for [\d.]+, [\d.]+ and ([\d.]+)\./.exec((await legend.textContent()) ?? '')![1]);
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
  await page.goto(`${siteUrl('embed/guided-sampler/')}?backend=wasm&n=400&steps=25&s=3&y=1`);
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

test('the model trained without condition dropout has an untrained ε_∅; the shipped one learned it', async ({ page }) => {
  const epsAtProbe = async (query: string) => {
    await page.goto(siteUrl('embed/score-field/') + query);
    await ready(page, 'sf-score-field');
    await page.locator('canvas[data-panel="1"]').focus();
    await page.keyboard.press('ArrowRight'); // the probe starts at the centre; one step right: x ≈ (0.41, 0)
    const text = (await page.locator('[data-part="readout"]').textContent()) ?? '';
    const m = /ε_∅ = \((-?[\d.]+), (-?[\d.]+)\), ε_y = \((-?[\d.]+), (-?[\d.]+)\)/.exec(text)!;
    return { uncond: [Number(m[1]), Number(m[2])], cond: [Number(m[3]), Number(m[4])] };
  };
  const dist = (a: number[], b: number[]) => Math.hypot(a[0]! - b[0]!, a[1]! - b[1]!);
  const exact = await epsAtProbe('?denoiser=exact&cond=add&t=200');
  const zero = await epsAtProbe('?backend=wasm&cond=add&pUncond=0&t=200');
  await expect(page.locator('sf-score-field')).toHaveAttribute('data-denoiser', 'learned');
  const shipped = await epsAtProbe('?backend=wasm&cond=add&t=200');
  expect(dist(zero.cond, exact.cond)).toBeLessThan(0.1); // ε_y was trained either way
  expect(dist(shipped.uncond, exact.uncond)).toBeLessThan(0.1);
  expect(dist(zero.uncond, exact.uncond)).toBeGreaterThan(0.3); // ε_∅ was never trained without dropout
});

test('asking for a model that was not shipped says so, without a failed request', async ({ page }) => {
  const log = await watchPage(page, new URL(siteUrl()).origin);
  await page.goto(`${siteUrl('embed/score-field/')}?backend=wasm&world=three-spirals&pUncond=0`);
  await ready(page, 'sf-score-field');
  await expect(page.locator('[data-part="status"]')).toContainText('p_uncond = 0) is shipped only for two-gaussians with add');
  await expect(page.locator('sf-score-field')).toHaveAttribute('data-denoiser', 'exact');
  expect(log.failedResponses).toEqual([]);
  expect(log.consoleErrors).toEqual([]);
});
