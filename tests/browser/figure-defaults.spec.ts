import { test, expect } from './support/test';
import { siteUrl } from './support/site';

/** Issue #13 item 1: figure 3.1 tells its story at its defaults; the mean grey-level difference of its panels. */
test('fig. 3.1 at its defaults: the s = 0 and s = 1 panels differ plainly (mean |Δ grey| > 22; 12.5–16.5 before)', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  await page.goto(siteUrl('chapters/03-classifier-free-guidance/'));
  const widget = page.locator('#fig-guided-fields sf-score-field');
  await widget.scrollIntoViewIfNeeded();
  await expect(widget).toHaveAttribute('data-denoiser', 'learned', { timeout: 60_000 });
  await expect(widget).toHaveAttribute('data-ready', 'true');
  await expect(widget.locator('select[data-key="world"]')).toHaveValue('minor-mode');
  expect(new URL(page.url()).search).toBe(''); // the chapter's own starting point needs no query
  const diff = (a: string, b: string) =>
    page.evaluate(
      ([a, b]) => {
        const grey = (s: string) => {
          const c = document.querySelector<HTMLCanvasElement>(`#fig-guided-fields canvas[data-s="${s}"]`)!;
          const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
          return Float64Array.from({ length: d.length / 4 }, (_, i) => 0.299 * d[4 * i]! + 0.587 * d[4 * i + 1]! + 0.114 * d[4 * i + 2]!);
        };
        const [ga, gb] = [grey(a!), grey(b!)];
        let sum = 0;
        for (let i = 0; i < ga.length; i++) sum += Math.abs(ga[i]! - gb[i]!);
        return sum / ga.length;
      },
      [a, b],
    );
  expect(await diff('0', '1')).toBeGreaterThan(22);
  expect(await diff('1', '7.5')).toBeGreaterThan(22);
  // Another world from the URL still works, and the URL then names it.
  await page.goto(`${siteUrl('chapters/03-classifier-free-guidance/')}?world=two-gaussians`);
  await expect(widget.locator('select[data-key="world"]')).toHaveValue('two-gaussians');
  await context.close();
});
