/** The scripts a page runs, as bytes: what the landing test and `npm run bench -- picture` weigh. */
import type { Page } from '@playwright/test';

/** Every inline `<script>` of the page, and the body of each fetched script URL (each URL once). */
export async function scriptBodies(page: Page, urls: Iterable<string>): Promise<{ inline: Buffer[]; fetched: Buffer[] }> {
  const inline = await page.locator('script:not([src])').evaluateAll((els) => els.map((e) => e.textContent ?? ''));
  const fetched = await Promise.all([...new Set(urls)].map(async (url) => (await page.request.get(url)).body()));
  return { inline: inline.map((text) => Buffer.from(text)), fetched };
}
