import { test, expect } from './support/test';
import { watchPage } from './support/audit';
import { siteUrl } from './support/site';
import { WIDGET_NAMES } from '../../components/widgets/names';

/**
 * Changing the world from a control after picking a class the new world lacks: the page store reconciles the change
 * (y and the negative class fall back, with a notice), so no widget is asked for a condition out of range.
 */
for (const widget of WIDGET_NAMES) {
  test(`${widget}: three-spirals, y = 2 (or neg = 2) → two-gaussians falls back to y = 0, neg = ∅ with a notice, no error`, async ({ page }) => {
    const log = await watchPage(page, new URL(siteUrl()).origin);
    for (const query of ['?world=three-spirals&y=2&denoiser=exact', '?world=three-spirals&y=0&neg=2&denoiser=exact']) {
      await page.goto(siteUrl(`embed/${widget}/`) + query);
      const root = page.locator(`sf-${widget}`);
      await expect(root).toHaveAttribute('data-ready', 'true');
      await expect(page.locator('[data-part="notices"]')).toBeHidden();
      await page.locator('select[data-key="world"]').selectOption('two-gaussians');
      await expect(page.locator('select[data-key="y"]')).toHaveValue('0');
      await expect(page.locator('select[data-key="neg"]')).toHaveValue('-1');
      const notices = page.locator('[data-part="notices"]');
      await expect(notices).toBeVisible();
      await expect(notices).toContainText(query.includes('neg=2') ? 'neg = “2” → -1' : 'y = “2” → 0');
      // two-gaussians, y = 0 and neg = −1 are the defaults: the URL keeps none of them.
      await expect.poll(() => new URL(page.url()).search).toBe('?denoiser=exact');
      await expect(root).toHaveAttribute('data-ready', 'true');
      await page.waitForTimeout(500);
    }
    expect(log.pageErrors).toEqual([]);
    expect(log.consoleErrors).toEqual([]);
  });
}
