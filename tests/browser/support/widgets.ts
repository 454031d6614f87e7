import { expect, type Locator, type Page } from '@playwright/test';
import type { WidgetName } from '../../../components/widgets/names';
import { watchPage, type PageLog } from './audit';
import { siteUrl } from './site';

/**
 * Opens a widget's embed page with a query string, recording the page's failures (watchPage); waits until the widget
 * says data-ready="true" unless `ready` is false.
 */
export async function openEmbed(page: Page, widget: WidgetName, query = '', options: { ready?: boolean; timeout?: number } = {}): Promise<PageLog> {
  const log = await watchPage(page, new URL(siteUrl()).origin);
  await page.goto(siteUrl(`embed/${widget}/`) + query);
  if (options.ready !== false) await expect(page.locator(`sf-${widget}`)).toHaveAttribute('data-ready', 'true', { timeout: options.timeout });
  return log;
}

/** The widget's notice box is visible and says each of the lines (e.g. 's = “abc” → 7.5'); returns the box. */
export async function expectNotices(page: Page, lines: readonly string[]): Promise<Locator> {
  const notices = page.locator('[data-part="notices"]');
  await expect(notices).toBeVisible();
  for (const line of lines) await expect(notices).toContainText(line);
  return notices;
}

/** Types `typed` into the number field of `key` and leaves it: the field shows `shown` (clamped like the URL). */
export async function typeNumber(page: Page, key: string, typed: string, shown: string): Promise<void> {
  const input = page.locator(`input[data-key="${key}"]`);
  await input.fill(typed);
  await input.press('Tab');
  await expect(input).toHaveValue(shown);
}

/** The page logged no console error and threw no uncaught error. */
export function expectQuiet(log: PageLog): void {
  expect(log.consoleErrors).toEqual([]);
  expect(log.pageErrors).toEqual([]);
}
