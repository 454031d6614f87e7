import { test, expect } from './support/test';
import type { Page } from '@playwright/test';
import { watchPage } from './support/audit';
import { siteUrl } from './support/site';

/** Keyboard, typed s, the sampler's patience and touch (issue #19 items 2, 5, 6). */
const CH3 = 'chapters/03-classifier-free-guidance/';
const CH5 = 'chapters/05-sampling-with-guidance/';
const query = (page: Page) => new URL(page.url()).searchParams;

test('skip link to fig. 3.1, then shortcuts drive it: 0/1/7 set s, arrows fine and coarse, ? lists the keys, announced', async ({ page }) => {
  const log = await watchPage(page, new URL(siteUrl()).origin);
  await page.goto(`${siteUrl(CH3)}?denoiser=exact`);
  await page.keyboard.press('Tab'); // Skip to content
  await page.keyboard.press('Tab'); // Skip to figure 3.1
  await expect(page.locator(':focus')).toHaveText('Skip to figure 3.1');
  await page.keyboard.press('Enter');
  await expect(page.locator('#fig-guided-fields')).toBeFocused();
  const widget = page.locator('#fig-guided-fields sf-score-field');
  const slider = widget.getByRole('slider', { name: 'guidance scale s' });
  const announce = widget.locator('[data-part="announce"]');
  await page.keyboard.press('0');
  await expect(slider).toHaveValue('0');
  await expect(announce).toHaveText('guidance scale s = 0');
  await page.keyboard.press('ArrowRight');
  await expect(slider).toHaveValue('0.1');
  await page.keyboard.press('Shift+ArrowRight');
  await expect(slider).toHaveValue('1.1');
  await page.keyboard.press('7');
  await expect(slider).toHaveValue('7.5');
  await expect.poll(() => query(page).get('s')).toBeNull(); // 7.5 is the default: the URL stays clean
  await page.keyboard.press('1');
  await expect.poll(() => query(page).get('s')).toBe('1');
  await expect(announce).toHaveText('guidance scale s = 1');
  await page.keyboard.press('?');
  await expect(widget.locator('[data-part="keys-help"]')).toBeVisible();
  await expect(widget.locator('[data-part="keys-help"]')).toContainText('set s = 0, 1 or 7.5');
  expect(log.pageErrors).toEqual([]);
});

test('s can be typed beside its slider, validated like the URL: clamped with a notice, text refused', async ({ page }) => {
  await page.goto(`${siteUrl('embed/score-field/')}?denoiser=exact`);
  const field = page.getByRole('spinbutton', { name: 'guidance scale s, typed' });
  const slider = page.getByRole('slider', { name: 'guidance scale s' });
  await field.fill('4.2');
  await field.press('Enter');
  await expect(slider).toHaveValue('4.2');
  await expect.poll(() => query(page).get('s')).toBe('4.2');
  await field.fill('99');
  await field.press('Enter');
  await expect(slider).toHaveValue('15');
  await expect(field).toHaveValue('15');
  await expect(page.locator('[data-part="notices"]')).toContainText('s = “99” → 15');
  await field.fill('');
  await field.press('Enter');
  await expect(page.locator('[data-part="notices"]')).toContainText('s: that is not a number; kept s = 15');
  await expect(slider).toHaveValue('15');
});

test('the sampler waits until it is visible and Play is pressed; Space plays, Play after done replays, R resets', async ({ page }) => {
  await page.goto(`${siteUrl(CH5)}?denoiser=exact&steps=20&n=200`);
  const sampler = page.locator('#fig-sampler sf-guided-sampler');
  const progress = sampler.locator('[data-part="progress"]');
  // Below the fold it has not even started.
  await expect(sampler).not.toHaveAttribute('data-ready', 'true');
  await sampler.scrollIntoViewIfNeeded();
  await expect(sampler).toHaveAttribute('data-ready', 'true');
  await expect(progress).toHaveText('step 0 of 20 · next t = 999');
  await expect(sampler).not.toHaveAttribute('data-playing', 'true');
  await page.locator('#fig-sampler').focus();
  await page.keyboard.press('Space');
  await expect(progress).toHaveText('done: 20 steps');
  const seen: string[] = [];
  await page.exposeFunction('sawProgress', (t: string) => seen.push(t));
  await progress.evaluate((el) =>
    new MutationObserver(() => (window as unknown as { sawProgress: (t: string) => void }).sawProgress(el.textContent ?? '')).observe(el, {
      childList: true,
      characterData: true,
      subtree: true,
    }),
  );
  await sampler.getByRole('button', { name: 'Play' }).click(); // replays from the start
  await expect(progress).toHaveText('done: 20 steps');
  expect(seen.some((t) => t.startsWith('step 1 of 20'))).toBe(true);
  await page.locator('#fig-sampler').focus();
  await page.keyboard.press('r');
  await expect(progress).toHaveText('step 0 of 20 · next t = 999');
});

test.describe('on a phone with touch', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  test('a vertical swipe over a canvas scrolls the page; a tap probes and the readout stays after the finger lifts', async ({ page }) => {
    await page.goto(`${siteUrl(CH3)}?denoiser=exact`);
    const widget = page.locator('#fig-guided-fields sf-score-field');
    await widget.scrollIntoViewIfNeeded();
    await expect(widget).toHaveAttribute('data-ready', 'true');
    const canvas = widget.locator('canvas[data-panel="1"]');
    const box = (await canvas.boundingBox())!;
    const before = await page.evaluate(() => scrollY);
    // A finger drawn upwards over the canvas, as raw touch events: the browser decides whether the page scrolls.
    const cdp = await page.context().newCDPSession(page);
    const x = Math.round(box.x + box.width / 2);
    const y0 = Math.round(box.y + box.height / 2);
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y: y0 }] });
    for (let i = 1; i <= 10; i++) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x, y: y0 - 15 * i }] });
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await expect.poll(() => page.evaluate(() => scrollY)).toBeGreaterThan(before + 100);
    const readout = widget.locator('[data-part="readout"]');
    const hint = await readout.textContent();
    const after = (await canvas.boundingBox())!;
    await page.touchscreen.tap(after.x + after.width * 0.7, after.y + after.height * 0.4);
    await expect(readout).not.toHaveText(hint ?? '');
    const probed = await readout.textContent();
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    await expect(readout).toHaveText(probed ?? '');
    // Sliders a finger can hold, as wide as the panel row.
    const slider = widget.getByRole('slider', { name: 'guidance scale s' });
    const s = (await slider.boundingBox())!;
    expect(s.height).toBeGreaterThanOrEqual(44);
  });
});

test('progressive disclosure: fig. 3.1 shows at most 6 controls, chapters 4–6 ideas behind More controls, learned-only ones hidden for exact', async ({
  page,
}) => {
  await page.goto(`${siteUrl(CH3)}?denoiser=exact`);
  const widget = page.locator('#fig-guided-fields sf-score-field');
  const visible = () =>
    widget
      .locator('[data-control]')
      .evaluateAll((els) =>
        els
          .filter((el) => !el.parentElement?.closest('[data-control]') && !el.closest('.widget-footer') && (el as HTMLElement).checkVisibility())
          .map((el) => (el as HTMLElement).dataset.control),
      );
  expect(await visible()).toEqual(['y', 'denoiser', 't', 'view', 'flow', 's']);
  const more = widget.locator('[data-part="more-controls"]');
  await expect(more.locator('summary')).toHaveText('More controls (2)'); // world and neg; cond and pUncond do not apply to the exact field
  await more.locator('summary').click();
  await expect(more.locator('[data-control="neg"]')).toBeVisible();
  await expect(more.locator('[data-control="cond"]')).toBeHidden();
  await widget.getByRole('radio', { name: 'learned' }).check();
  await expect(more.locator('summary')).toHaveText('More controls (4)');
  await expect(more.locator('[data-control="cond"]')).toBeVisible();
  // Every key still works from the URL.
  await page.goto(`${siteUrl(CH3)}?denoiser=exact&neg=1&y=0`);
  await expect(widget.locator('select[data-key="neg"]')).toHaveValue('1');
});

test('equation ↔ figure: ε_∅, ε_y and s of eq. 3.4 light up the s = 0 panel, the s = 1 panel and the slider of fig. 3.1, and back', async ({ page }) => {
  await page.goto(`${siteUrl(CH3)}?denoiser=exact`);
  const fig = page.locator('#fig-guided-fields');
  const eps0 = page.locator('#eq-cfg-eps .sf-term-eps0');
  await eps0.hover();
  await expect(fig.locator('canvas[data-s="0"]')).toHaveClass(/sf-linked/);
  await page.mouse.move(0, 0);
  await expect(fig.locator('canvas[data-s="0"]')).not.toHaveClass(/sf-linked/);
  // Keyboard: the formula itself is aria-hidden (KaTeX), so its terms are reached by the buttons under it.
  await page.getByRole('button', { name: 'Show s in the figure' }).focus();
  await expect(fig.locator('[data-control="s"]')).toHaveClass(/sf-linked/);
  await expect(page.locator('#eq-cfg-eps .sf-term-s')).toHaveClass(/sf-term-active/);
  await page.getByRole('button', { name: 'Show ε_∅ in the figure' }).focus();
  await expect(fig.locator('[data-control="s"]')).not.toHaveClass(/sf-linked/);
  await expect(fig.locator('canvas[data-s="0"]')).toHaveClass(/sf-linked/);
  await fig.locator('canvas[data-s="1"]').hover();
  await expect(page.locator('#eq-cfg-eps .sf-term-epsy')).toHaveClass(/sf-term-active/);
});
