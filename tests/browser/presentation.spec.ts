import { test, expect } from './support/test';
import type { Page } from '@playwright/test';
import { watchPage } from './support/audit';
import { siteUrl } from './support/site';

/** Presentation mode (issue #19 item 1): the figure fills one screen with type at projection size, and Esc returns. */
const FIGURES = [
  { chapter: 'chapters/03-classifier-free-guidance/', id: 'fig-guided-fields', widget: 'sf-score-field' },
  { chapter: 'chapters/03-classifier-free-guidance/', id: 'fig-guided-samples', widget: 'sf-guided-sampler' },
  { chapter: 'chapters/05-sampling-with-guidance/', id: 'fig-sampler', widget: 'sf-guided-sampler' },
  { chapter: 'chapters/07-what-guidance-really-does/', id: 'fig-fidelity-diversity', widget: 'sf-guidance-sweep' },
];
const SCREENS = [
  { name: '1024x768', viewport: { width: 1024, height: 768 }, hasTouch: false },
  { name: '390x844', viewport: { width: 390, height: 844 }, hasTouch: true },
];

/** What a presented figure measures: its overflow, its panels' boxes and its smallest visible text. */
async function measure(page: Page, widget: string) {
  return page.locator(`#${widget}`).evaluate((fig) => {
    const w = fig.querySelector<HTMLElement>('.widget')!;
    const texts = [...w.querySelectorAll<HTMLElement>('label > span, legend, .panel-caption, .lane-title, output, button, .sf-present-bar strong')].filter(
      (el) => el.offsetParent !== null && el.getBoundingClientRect().width > 0 && (el.textContent ?? '').trim() !== '',
    );
    const panels = [...w.querySelectorAll<HTMLElement>('canvas, svg[data-part="svg"]')].filter(
      (el) => el.offsetParent !== null && el.getBoundingClientRect().width > 0,
    );
    return {
      overflowY: w.scrollHeight - innerHeight,
      overflowX: w.scrollWidth - innerWidth,
      smallestFont: Math.min(...texts.map((el) => Number.parseFloat(getComputedStyle(el).fontSize))),
      panels: panels.map((el) => {
        const r = el.getBoundingClientRect();
        return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, width: r.width };
      }),
    };
  });
}

for (const screen of SCREENS) {
  test(`presentation mode fits figs 3.1, 3.2, 5.1 and 7.1 on one ${screen.name} screen with labels ≥ 24 px; Esc returns`, async ({ browser }) => {
    const context = await browser.newContext({ viewport: screen.viewport, hasTouch: screen.hasTouch, isMobile: screen.hasTouch, reducedMotion: 'reduce' });
    const page = await context.newPage();
    const log = await watchPage(page, new URL(siteUrl()).origin);
    for (const fig of FIGURES) {
      await page.goto(`${siteUrl(fig.chapter)}?denoiser=exact&present=${fig.id}`);
      const widget = page.locator(`#${fig.id} ${fig.widget}`);
      await expect(widget).toHaveClass(/sf-presenting/);
      await expect(widget).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
      await expect
        .poll(async () => (await measure(page, fig.id)).overflowY)
        .toBeLessThanOrEqual(1)
        .catch(async (e) => {
          await page.screenshot({ path: `test-results/present-${fig.id}-${screen.name}-overflow.png` });
          throw e;
        });
      const minWidth = screen.viewport.width < 500 ? 120 : 180;
      await expect.poll(async () => Math.min(...(await measure(page, fig.id)).panels.map((p) => p.width))).toBeGreaterThan(minWidth);
      const m = await measure(page, fig.id);
      expect(m.overflowX).toBeLessThanOrEqual(1);
      expect(m.smallestFont).toBeGreaterThanOrEqual(24);
      expect(m.panels.length).toBeGreaterThan(0);
      for (const p of m.panels) {
        expect(p.top).toBeGreaterThanOrEqual(-1);
        expect(p.bottom).toBeLessThanOrEqual(screen.viewport.height + 1);
        expect(p.right).toBeLessThanOrEqual(screen.viewport.width + 1);
        expect(p.width).toBeGreaterThan(minWidth);
      }
      await page.screenshot({ path: `artifacts/screenshots/present-${fig.id}-${screen.name}.png` });
      await page.keyboard.press('Escape');
      await expect(widget).not.toHaveClass(/sf-presenting/);
      await expect(page.locator('html')).not.toHaveClass(/sf-presenting-page/);
    }
    expect(log.pageErrors).toEqual([]);
    await context.close();
  });
}

test('the Present button and P enter presentation mode, keeping only the chosen controls (pcontrols=)', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`${siteUrl('chapters/03-classifier-free-guidance/')}?denoiser=exact&pcontrols=s,t`);
  const widget = page.locator('#fig-guided-fields sf-score-field');
  await widget.scrollIntoViewIfNeeded();
  await widget.getByRole('button', { name: 'Present' }).click();
  await expect(widget).toHaveClass(/sf-presenting/);
  await expect(widget.locator('[data-control="t"]')).toBeVisible();
  await expect(widget.locator('[data-control="y"]').first()).toBeHidden();
  await expect(widget.getByRole('button', { name: 'Copy embed code' })).toBeHidden();
  await widget.getByRole('button', { name: 'Exit (Esc)' }).click();
  await expect(widget).not.toHaveClass(/sf-presenting/);
  await expect(widget.locator('[data-control="y"]').first()).toBeVisible();
  await page.locator('#fig-guided-fields').focus();
  await page.keyboard.press('p');
  await expect(widget).toHaveClass(/sf-presenting/);
  await page.keyboard.press('Escape');
  await expect(widget).not.toHaveClass(/sf-presenting/);
});
