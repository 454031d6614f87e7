import { expect, test, type Page } from './support/test';
import { siteUrl } from './support/site';

/**
 * Printing a chapter (handouts): every figure draws without being scrolled into view, prints its canvases as images
 * with pixels, its settings as text and no "Loading…", with buttons and sliders hidden and text descriptions open.
 */

/** Per widget: ready, the visible canvases with pixels, print images and their sizes, the printed settings. */
async function printedFigures(page: Page) {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.widget')].map((w) => {
      const canvases = [...w.querySelectorAll('canvas')].filter((c) => !c.closest('[hidden]') && c.width > 0);
      const inked = canvases.filter((c) => {
        const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
        for (let i = 3; i < d.length; i += 4) if (d[i] !== 0) return true;
        return false;
      });
      const images = [...w.querySelectorAll<HTMLImageElement>('img.print-snapshot')];
      return {
        name: w.tagName.toLowerCase(),
        ready: w.dataset.ready,
        canvases: canvases.length,
        inked: inked.length,
        images: images.filter((i) => i.complete && getComputedStyle(i).display === 'block').length,
        sharp: images.every((i) => i.naturalWidth >= 3 * Math.round(i.getBoundingClientRect().width) - 3),
        visibleCanvases: canvases.filter((c) => getComputedStyle(c).display !== 'none').length,
        params: w.querySelector('.print-params')?.textContent ?? '',
        note: w.querySelector('.print-note')?.textContent ?? '',
      };
    }),
  );
}

for (const chapter of ['03-classifier-free-guidance', '07-what-guidance-really-does']) {
  test(`printing ${chapter}: every figure drawn and printed as images, settings as text, no controls, no "Loading…"`, async ({ page }) => {
    await page.setViewportSize({ width: 1000, height: 800 });
    await page.goto(siteUrl(`chapters/${chapter}/?denoiser=exact`));
    // Nothing scrolled into view below the first screen has started.
    await page.emulateMedia({ media: 'print' });
    await expect.poll(async () => (await printedFigures(page)).every((f) => f.ready === 'true'), { timeout: 60_000 }).toBe(true);
    await expect.poll(async () => (await printedFigures(page)).every((f) => f.images === f.inked && f.inked === f.canvases), { timeout: 10_000 }).toBe(true);
    const figures = await printedFigures(page);
    expect(figures.length).toBeGreaterThanOrEqual(2);
    for (const f of figures) {
      expect(f.canvases, f.name).toBeGreaterThan(0);
      expect(f.visibleCanvases, `${f.name}: canvases replaced by images`).toBe(0);
      expect(f.sharp, `${f.name}: images drawn at 3 px per CSS px`).toBe(true);
      expect(f.params, f.name).toMatch(/^Settings: .*guidance scale s = \d/);
      expect(f.note, f.name).toBe('');
    }
    const text = await page.locator('main').innerText();
    expect(text).not.toContain('Loading…');
    for (const control of await page.locator('.widget button, .widget input[type="range"]').all()) await expect(control).toBeHidden();
    for (const d of await page.locator('figure details').all()) await expect(d).toHaveAttribute('open', '');
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(100_000);
    // Back on screen: the print-only parts are gone and the descriptions closed again.
    await page.emulateMedia({ media: 'screen' });
    await expect(page.locator('[data-print-added]')).toHaveCount(0);
  });
}

test('a figure printed before it finished drawing says so instead of "Loading…"', async ({ page }) => {
  await page.goto(siteUrl('chapters/07-what-guidance-really-does/?n=2000'));
  // printing at once: the sweep (in a worker) cannot have finished when the print view is prepared
  const sweep = await page.evaluate(() => {
    dispatchEvent(new Event('beforeprint'));
    const w = document.querySelector<HTMLElement>('sf-guidance-sweep')!;
    return { state: w.dataset.state, note: w.querySelector('.print-note')?.textContent ?? '' };
  });
  expect(sweep.state).not.toBe('done');
  expect(sweep.note).toMatch(/^Printed before this figure (finished drawing|had drawn anything)/);
  await page.emulateMedia({ media: 'print' });
  expect(await page.locator('main').innerText()).not.toContain('Loading…');
});
