import { readFile } from 'node:fs/promises';
import type { WidgetName } from '../../components/widgets/names';
import { expect, test, type Page } from './support/test';
import { expectQuiet, openEmbed } from './support/widgets';

/**
 * "Download SVG" on every widget: the saved file parses as SVG and holds what the widget shows — its panels (one nested
 * <svg> each), the sample circles, axis labels, the s of the title, the caption and the provenance metadata.
 */

interface Parsed {
  ok: boolean;
  title: string;
  panels: number;
  /** Sample circles (r 1.6) per panel, and chart markers (r 3). */
  circles: number[];
  markers: number;
  ellipses: number;
  arrows: number;
  texts: string[];
  provenance: Record<string, unknown>;
}

/** Clicks the widget's Download SVG button and parses the file in the page (DOMParser, as a browser would read it). */
async function download(page: Page, widget: WidgetName): Promise<Parsed> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.locator(`sf-${widget} [data-part="download-svg"]`).click()]);
  expect(file.suggestedFilename()).toMatch(new RegExp(`^${widget}-[a-z-]+\\.svg$`));
  const text = await readFile((await file.path())!, 'utf8');
  return page.evaluate((svg) => {
    const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
    const root = doc.documentElement;
    const panels = [...root.children].filter((c) => c.tagName === 'svg');
    return {
      ok: root.tagName === 'svg' && root.namespaceURI === 'http://www.w3.org/2000/svg' && doc.querySelector('parsererror') === null,
      title: root.querySelector(':scope > title')?.textContent ?? '',
      panels: panels.length,
      circles: panels.map((p) => p.querySelectorAll('circle[r="1.6"]').length),
      markers: root.querySelectorAll('circle[r="3"]').length,
      ellipses: root.querySelectorAll('ellipse').length,
      arrows: root.querySelectorAll('path[d*="M"]').length,
      texts: [...root.querySelectorAll('text')].map((t) => t.textContent ?? ''),
      provenance: JSON.parse(root.querySelector('metadata')?.textContent ?? '{}'),
    };
  }, text);
}

test('score field: every panel with its arrows, axes x₁ x₂, s in the title, provenance with the state', async ({ page }) => {
  const log = await openEmbed(page, 'score-field', '?s=3&denoiser=exact');
  const canvases = await page.locator('sf-score-field canvas[data-panel]:visible').count();
  const svg = await download(page, 'score-field');
  expect(svg.ok).toBe(true);
  expect(svg.title).toMatch(/^Score-field explorer: two-gaussians, class \S+, s = 3$/);
  expect(svg.panels).toBe(canvases);
  expect(svg.arrows).toBeGreaterThan(100 * canvases);
  expect(svg.texts.filter((t) => t === 'x₁')).toHaveLength(canvases);
  expect(svg.provenance).toMatchObject({ generator: 'scorefield', widget: 'score-field', world: 'two-gaussians', denoiser: 'exact' });
  expect(String(svg.provenance.state)).toContain('s=3');
  expectQuiet(log);
});

test('guided sampler: one circle per particle', async ({ page }) => {
  await openEmbed(page, 'guided-sampler', '?s=4&n=200&denoiser=exact');
  const svg = await download(page, 'guided-sampler');
  expect(svg.ok).toBe(true);
  expect(svg.title).toContain('s = 4');
  expect(svg.circles[0]).toBe(200);
});

test('guided vs tilted: the tilt panel and both sample panels, their ellipses and the legend as caption', async ({ page }) => {
  const log = await openEmbed(page, 'guided-vs-tilted', '?s=3&n=300', { timeout: 30_000 });
  const svg = await download(page, 'guided-vs-tilted');
  expect(svg.ok).toBe(true);
  expect(svg.title).toBe('Guided is not tilted: two-gaussians, class minus, s = 3');
  expect(svg.panels).toBe(3);
  expect(svg.circles).toEqual([0, 300, 300]);
  // the tilt's dashed ellipse on all three panels, each sample set's own on its panel
  expect(svg.ellipses).toBe(5);
  expect(svg.texts).toContain('tilted p(x|y)^s p(x)^(1−s), s = 3, t = 0');
  expect(svg.texts.join(' ')).toContain(await page.locator('sf-guided-vs-tilted [data-part="legend"]').innerText());
  expectQuiet(log);
});

test('classifier guidance: its three field panels with their titles', async ({ page }) => {
  await openEmbed(page, 'classifier-guidance', '?s=2&denoiser=exact', { timeout: 30_000 });
  const svg = await download(page, 'classifier-guidance');
  expect(svg.ok).toBe(true);
  expect(svg.title).toContain('s = 2');
  expect(svg.panels).toBe(3);
  expect(svg.texts).toContain(await page.locator('sf-classifier-guidance [data-part="compare-title"]').innerText());
});

test('guidance sweep: one marker per computed point, axis labels, the inset’s samples', async ({ page }) => {
  await openEmbed(page, 'guidance-sweep', '?n=100&steps=20&sweepDdpm=0&s=3', { ready: false });
  await expect(page.locator('sf-guidance-sweep')).toHaveAttribute('data-state', 'done', { timeout: 45_000 });
  const points = await page.locator('sf-guidance-sweep g.pt').count();
  const svg = await download(page, 'guidance-sweep');
  expect(svg.ok).toBe(true);
  expect(svg.markers).toBe(points);
  expect(points).toBe(12);
  expect(svg.texts).toContain('diversity: log det Σ̂ of the samples (wider →)');
  expect(svg.texts).toContain('7.5');
  expect(svg.circles).toEqual([0, 100]);
});

test('training lab: the loss chart’s axes and the exact field (no learned panel before training)', async ({ page }) => {
  await openEmbed(page, 'training-lab', '?s=2');
  const svg = await download(page, 'training-lab');
  expect(svg.ok).toBe(true);
  expect(svg.title).toContain('s = 2');
  expect(svg.panels).toBe(2);
  expect(svg.texts).toContain('training loss (log scale)');
  expect(svg.texts).toContain('exact, s = 2');
});
