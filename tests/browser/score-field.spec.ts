import { test, expect, type Page } from './support/test';
import { watchPage } from './support/audit';
import { siteUrl } from './support/site';
import { expectNotices, openEmbed } from './support/widgets';

/** The score-field explorer on its embed page: slider, URL state, panels, hostile input, no recomputation on s. */
const EMBED = 'embed/score-field/';

async function open(page: Page, query = '') {
  const log = await openEmbed(page, 'score-field', query);
  return { log, widget: page.locator('sf-score-field') };
}

const panelImage = (page: Page, which: string) => page.locator(`canvas[data-panel="${which}"]`).evaluate((c) => (c as HTMLCanvasElement).toDataURL());
const computeCount = (page: Page) => page.locator('sf-score-field').evaluate((el) => (el as unknown as { computeCount: number }).computeCount);
const query = (page: Page) => new URL(page.url()).searchParams;

test('the guidance slider moves by keyboard and mouse, redraws its panel and writes the URL, without a new denoiser call', async ({ page }) => {
  const { log } = await open(page, '?denoiser=exact&s=7.5');
  const slider = page.getByRole('slider', { name: /guidance scale/ });
  await expect(slider).toHaveAttribute('aria-valuetext', 's = 7.5');
  const before = await panelImage(page, 'slider');
  const calls = await computeCount(page);

  await slider.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(slider).toHaveAttribute('aria-valuetext', 's = 7.7');
  await expect.poll(() => query(page).get('s')).toBe('7.7');
  const afterKeys = await panelImage(page, 'slider');
  expect(afterKeys).not.toBe(before);

  const box = (await slider.boundingBox())!;
  await page.mouse.click(box.x + box.width * 0.1, box.y + box.height / 2);
  const s = Number(await slider.inputValue());
  expect(s).toBeLessThan(3);
  await expect.poll(() => query(page).get('s')).toBe(String(s));
  expect(await panelImage(page, 'slider')).not.toBe(afterKeys);
  await expect(page.locator('.s-control output')).toHaveText(`s = ${s}`);

  expect(await computeCount(page)).toBe(calls);
  expect(log.consoleErrors).toEqual([]);
  expect(log.pageErrors).toEqual([]);
});

test('changing t recomputes once and redraws every panel; the t readout shows the noise level', async ({ page }) => {
  await open(page, '?denoiser=exact');
  const t = page.getByRole('slider', { name: 'timestep t' });
  const calls = await computeCount(page);
  const fixed = await panelImage(page, '1');
  await t.fill('50');
  await expect(page.locator('output[data-readout="t"]')).toHaveText(/^t = 50 · σ_t = 0\.\d\d · √ᾱ_t = 0\.\d\d$/);
  await expect.poll(() => computeCount(page)).toBe(calls + 1);
  expect(await panelImage(page, '1')).not.toBe(fixed);
  await expect.poll(() => query(page).get('t')).toBe('50');
});

test('a URL reproduces its state in the controls and the drawing', async ({ page, browser }) => {
  const q = '?world=three-spirals&y=2&neg=0&t=120&s=4.2&denoiser=exact&view=components';
  await open(page, q);
  await expect(page.locator('select[data-key="world"]')).toHaveValue('three-spirals');
  await expect(page.locator('select[data-key="y"]')).toHaveValue('2');
  await expect(page.locator('select[data-key="neg"]')).toHaveValue('0');
  await expect(page.locator('select[data-key="view"]')).toHaveValue('components');
  await expect(page.getByRole('slider', { name: /guidance scale/ })).toHaveValue('4.2');
  await expect(page.locator('[data-part="notices"]')).toBeHidden();
  const image = await panelImage(page, 'slider');

  const other = await browser.newPage();
  await open(other, q);
  expect(await panelImage(other, 'slider')).toBe(image);
  await other.close();
});

test('the three fixed panels differ: s = 0 is the marginal, s = 1 the class, s = 7.5 pushed beyond it', async ({ page }) => {
  await open(page, '?denoiser=exact&t=100&y=1');
  const images = await Promise.all(['0', '1', '7.5'].map((s) => panelImage(page, s)));
  expect(new Set(images).size).toBe(3);
  const labels = await page.locator('canvas[data-panel]').evaluateAll((cs) => cs.map((c) => c.getAttribute('aria-label') ?? ''));
  const peakX = (label: string) => Number(/peak is at \((-?[\d.]+),/.exec(label)![1]);
  const [p0, p1, p75] = labels.slice(0, 3).map(peakX);
  expect(p1!).toBeGreaterThan(0.5); // the class "plus" sits at x ≈ +1
  expect(p75!).toBeGreaterThan(p1!); // guidance pushes past the class mean
  expect(Math.abs(p0!)).toBeLessThan(p1!); // the marginal's peak lies between the classes' or on one of them, not beyond
});

test('a hostile URL loads with corrected values, a visible notice and no console error', async ({ page }) => {
  const { log } = await open(page, '?s=abc&t=-5&y=999&world=../../x&denoiser=exact');
  const notice = await expectNotices(page, ['s = “abc” → 7.5', 't = “-5” → 0', 'world = “../../x” → two-gaussians', 'y = “999”']);
  await expect(page.getByRole('slider', { name: /guidance scale/ })).toHaveValue('7.5');
  await expect(page.getByRole('slider', { name: 'timestep t' })).toHaveValue('0');
  const labels = await page.locator('canvas[data-panel]').evaluateAll((cs) => cs.map((c) => c.getAttribute('aria-label') ?? ''));
  for (const l of labels) expect(l).not.toMatch(/NaN|undefined/);
  expect(log.consoleErrors).toEqual([]);
  expect(log.pageErrors).toEqual([]);
  await notice.getByRole('button', { name: 'Dismiss' }).click();
  await expect(notice).toBeHidden();
});

test('the arrow keys move the probe over a focused panel', async ({ page }) => {
  await open(page, '?denoiser=exact');
  const canvas = page.locator('canvas[data-panel="1"]');
  await canvas.focus();
  await page.keyboard.press('ArrowRight');
  const readout = page.locator('[data-part="readout"]');
  await expect(readout).toHaveText(/^At x = \(0\.41, 0\.00\), t = 300, s = 1:/);
  await page.keyboard.press('ArrowUp');
  await expect(readout).toHaveText(/^At x = \(0\.41, 0\.41\), t = 300, s = 1:/);
  await canvas.blur();
  await expect(readout).toHaveText(/^Point at or tap a panel/);
});

test('hovering a panel reads out ε_∅, ε_y and ε̃ at that point', async ({ page }) => {
  await open(page, '?denoiser=exact');
  const canvas = page.locator('canvas[data-panel="slider"]');
  const box = (await canvas.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.7, box.y + box.height * 0.5);
  await expect(page.locator('[data-part="readout"]')).toHaveText(/^At x = \(.+\), t = 300, s = 7\.5: ε_∅ = \(.+\), ε_y = \(.+\), ε̃ = \(.+\);/);
});

test('the embed page reports its height to the parent page and obeys validated state commands', async ({ page }) => {
  await page.goto(siteUrl());
  const src = `${siteUrl(EMBED)}?denoiser=exact`;
  const heights = await page.evaluate(async (url) => {
    const got: number[] = [];
    addEventListener('message', (e) => {
      if (e.data?.type === 'scorefield:resize') got.push(e.data.height);
    });
    const f = document.createElement('iframe');
    f.src = url;
    f.style.width = '1000px';
    document.body.append(f);
    await new Promise((r) => setTimeout(r, 3000));
    f.contentWindow!.postMessage({ type: 'scorefield:set', state: { s: 99, t: 10 } }, '*');
    await new Promise((r) => setTimeout(r, 500));
    return got;
  }, src);
  expect(heights.length).toBeGreaterThan(0);
  expect(heights.at(-1)!).toBeGreaterThan(400);
  const frame = page.frameLocator('iframe');
  await expect(frame.getByRole('slider', { name: /guidance scale/ })).toHaveValue('15');
  await expect(frame.getByRole('slider', { name: 'timestep t' })).toHaveValue('10');
  await expect(frame.locator('[data-part="notices"]')).toContainText('s = “99” → 15');
});

test('copy embed code gives an iframe of the embed page with the current state', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await open(page, '?denoiser=exact&s=4');
  await page.getByRole('button', { name: 'Copy embed code' }).click();
  await expect(page.locator('.copy-result')).toHaveText('Embed code copied');
  const code = await page.evaluate(() => navigator.clipboard.readText());
  expect(code).toMatch(/^<iframe src="http:\/\/127\.0\.0\.1:\d+\/[^"]*embed\/score-field\/\?s=4&amp;denoiser=exact"/);
});

test('the classifier view draws s ∇log p_t(y|x) over the noisy classifier; at s = 0 it has no arrows', async ({ page }) => {
  await open(page, '?denoiser=exact&view=classifier&t=100');
  await expect(page.locator('[data-part="legend"]')).toContainText('|∇log p_t(y | x)|');
  await expect(page.locator('[data-part="legend"]')).toContainText('The shading is the exact p_t(y | x)');
  await expect(page.locator('canvas[data-panel="7.5"]')).toHaveAttribute('aria-label', /^Classifier term at s = 7\.5, t = 100, class minus/);
  const [s0, s1, s75] = await Promise.all(['0', '1', '7.5'].map((s) => panelImage(page, s)));
  expect(new Set([s0, s1, s75]).size).toBe(3);
  // Switching back to the guided field keeps the cached predictions: no new denoiser call.
  const calls = await computeCount(page);
  await page.locator('select[data-key="view"]').selectOption('guided');
  expect(await panelImage(page, '7.5')).not.toBe(s75);
  expect(await computeCount(page)).toBe(calls);
});

test('panels with a fixed mechanism (fig. 6.1) load each shipped model and report its size and its ε̃ error, which grows with s', async ({ page }) => {
  const log = await watchPage(page, new URL(siteUrl()).origin);
  await page.goto(`${siteUrl('chapters/06-conditioning-the-network/')}?s=1`);
  const figure = page.locator('#fig-three-mechanisms');
  await figure.scrollIntoViewIfNeeded();
  await expect(figure.locator('sf-score-field')).toHaveAttribute('data-denoiser', 'learned', { timeout: 60_000 });
  const info = figure.locator('[data-part="model-info"]');
  const read = async () =>
    (await info.allTextContents()).map((text) => {
      const m = text.match(/^([\d,]+) parameters · ε̃ error (\d+\.\d+)$/);
      expect(m, text).not.toBeNull();
      return { parameters: Number(m![1]!.replace(/,/g, '')), error: Number(m![2]) };
    });
  const atOne = await read();
  expect(atOne).toHaveLength(3);
  expect(new Set(atOne.map((r) => r.parameters)).size).toBe(3); // three different networks
  for (const r of atOne) {
    expect(r.error).toBeGreaterThan(0);
    expect(r.error).toBeLessThan(0.05);
  }
  await figure.getByRole('slider', { name: /guidance scale/ }).fill('7.5');
  await expect.poll(async () => (await read())[0]!.error).toBeGreaterThan(5 * atOne[0]!.error);
  expect(log.consoleErrors).toEqual([]);
});
