import { test, expect, type Page } from './support/test';
import { accessibilityProblems } from './support/audit';
import { siteUrl } from './support/site';
import { expectNotices, expectQuiet, openEmbed, typeNumber } from './support/widgets';

/** Classifier guidance vs CFG on its embed page: readouts, keyboard, URL state, hostile input, training in the tab. */
const widget = (page: Page) => page.locator('sf-classifier-guidance');

const open = (page: Page, query = '') => openEmbed(page, 'classifier-guidance', query, { timeout: 30_000 });

const num = async (page: Page, attr: string) => Number(await widget(page).getAttribute(attr));
const panelImage = (page: Page, name: string) => page.locator(`canvas[data-panel="${name}"]`).evaluate((c) => (c as HTMLCanvasElement).toDataURL());
/** The number after "= " in a readout. */
const readout = async (page: Page, part: string) => {
  const text = (await page.locator(`[data-part="${part}"]`).textContent()) ?? '';
  return Number(/= (\S+)/.exec(text)?.[1]);
};
const tensors = (page: Page) => page.evaluate(() => (globalThis as { scorefield?: { tensors(): number } }).scorefield?.tensors() ?? -1);

test('exact scores: CG and CFG coincide (≈ 1e-15) and the implicit classifier is the exact one; learned: they differ', async ({ page }) => {
  const log = await open(page, '?denoiser=exact');
  expect(await num(page, 'data-maxdiff')).toBeLessThan(1e-12);
  expect(await num(page, 'data-rms')).toBeLessThan(1e-12);
  expect(await readout(page, 'compare-readout')).toBeLessThan(1e-12);
  expect(await readout(page, 'implicit-readout')).toBeLessThan(1e-12);
  await expect(page.locator('canvas[data-panel="compare"]')).toHaveAttribute('aria-label', /largest difference in ε̃ is \d\.\de-1\d/);

  await page.getByRole('radio', { name: 'learned network' }).check();
  await expect(widget(page)).toHaveAttribute('data-denoiser', 'learned', { timeout: 30_000 });
  await expect(widget(page)).toHaveAttribute('data-ready', 'true');
  expect(await num(page, 'data-maxdiff')).toBeGreaterThan(0.01);
  expect(await num(page, 'data-rms')).toBeGreaterThan(0.01);
  expect(await readout(page, 'compare-readout')).toBeGreaterThan(0.01);
  expect(await readout(page, 'implicit-readout')).toBeGreaterThan(0.01);
  // s = 0: both rules are ε_∅
  await page.getByRole('slider', { name: 'guidance scale s' }).fill('0');
  await expect.poll(() => num(page, 'data-maxdiff')).toBe(0);
  expect(log.consoleErrors).toEqual([]);
  expect(log.pageErrors).toEqual([]);
});

test('keyboard drives s, t and the comparison view, and the URL follows and reproduces the drawing', async ({ page, browser }) => {
  await open(page, '?denoiser=exact&t=120&s=4.2&y=1&clfView=both');
  await expect(page.locator('select[data-key="y"]')).toHaveValue('1');
  await expect(page.locator('select[data-key="clfView"]')).toHaveValue('both');
  await expect(page.getByRole('slider', { name: 'guidance scale s' })).toHaveValue('4.2');
  await expect(page.locator('[data-part="compare-title"]')).toHaveText('Classifier guidance vs CFG at s = 4.2');

  const s = page.getByRole('slider', { name: 'guidance scale s' });
  await s.focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.locator('[data-part="compare-title"]')).toHaveText('Classifier guidance vs CFG at s = 4.3');
  const t = page.getByRole('slider', { name: 'timestep t' });
  await t.focus();
  await page.keyboard.press('ArrowLeft');
  await expect(t).toHaveAttribute('aria-valuetext', /^t = 119 · σ_t = /);
  await expect(widget(page)).toHaveAttribute('data-ready', 'true');
  const view = page.locator('select[data-key="clfView"]');
  await view.focus();
  await page.keyboard.press('ArrowUp');
  await expect(view).toHaveValue('difference');
  const param = (k: string) => new URL(page.url()).searchParams.get(k);
  await expect.poll(() => param('t')).toBe('119');
  await expect.poll(() => param('clfView')).toBeNull(); // the default is left out
  expect(param('s')).toBe('4.3');

  const before = await panelImage(page, 'compare');
  await view.focus();
  await page.keyboard.press('ArrowDown');
  await expect(view).toHaveValue('both');
  await expect.poll(() => panelImage(page, 'compare')).not.toBe(before);
  const image = await panelImage(page, 'exact');
  const other = await browser.newPage();
  await open(other, new URL(page.url()).search);
  await expect(other.locator('select[data-key="clfView"]')).toHaveValue('both');
  expect(await panelImage(other, 'exact')).toBe(image);
  expect(await panelImage(other, 'compare')).toBe(await panelImage(page, 'compare'));
  await other.close();
});

test('hostile URL values are clamped with a visible notice; no NaN, the widget still draws', async ({ page }) => {
  const log = await open(page, '?denoiser=exact&s=abc&t=-5&y=999&clfSteps=1e9&clfView=%3Cscript%3E&world=..%2F..%2Fx');
  await expectNotices(page, ['clfSteps = “1e9” → 3000', 'clfView = “<script>” → difference', 't = “-5” → 0', 's = “abc” → 7.5']);
  await expect(page.locator('input[data-key="clfSteps"]')).toHaveValue('3000');
  const text = await page.locator('sf-classifier-guidance').textContent();
  expect(text).not.toMatch(/NaN|undefined|Infinity/);
  for (const a of ['data-maxdiff', 'data-rms']) expect(Number.isFinite(await num(page, a))).toBe(true);
  const blank = await page.locator('canvas[data-panel="exact"]').evaluate((c) => {
    const d = (c as HTMLCanvasElement).getContext('2d')!.getImageData(0, 0, (c as HTMLCanvasElement).width, (c as HTMLCanvasElement).height).data;
    return d.every((v) => v === 0);
  });
  expect(blank).toBe(false);
  // typed out of range: clamped in the control too
  await typeNumber(page, 'clfSteps', '-40', '50');
  expectQuiet(log);
});

test('training the classifier in the tab: accuracy near the exact posterior at small t, guided samples, tensors back to baseline', async ({ page }) => {
  test.setTimeout(120_000);
  const log = await open(page, '?denoiser=exact&clfSteps=300&s=3');
  await expect(page.locator('[data-part="train-status"]')).toContainText('No classifier trained yet');
  const train = page.getByRole('button', { name: 'Train classifier' });
  await train.focus();
  await page.keyboard.press('Enter');
  await expect(widget(page)).toHaveAttribute('data-trained', 'true', { timeout: 60_000 });
  await expect(widget(page)).toHaveAttribute('data-sampled-s', '3', { timeout: 30_000 });
  const bands = JSON.parse((await widget(page).getAttribute('data-accuracy'))!) as { tLo: number; accuracy: number; exactAccuracy: number }[];
  expect(bands).toHaveLength(5);
  // untrained (zero read-out, uniform p_θ) it would guess one class: ½ on two-gaussians
  expect(bands[0]!.accuracy).toBeGreaterThan(0.85);
  expect(bands[0]!.accuracy).toBeGreaterThan(bands[0]!.exactAccuracy - 0.05);
  expect(Math.abs(bands[4]!.exactAccuracy - 0.5)).toBeLessThan(0.08);
  await expect(page.locator('[data-part="accuracy"] tr')).toHaveCount(5);
  await expect(page.locator('[data-part="cost"]')).toContainText(/5,506 parameters, trained for 300 steps in \d+\.\d s/);
  const trainedRms = await num(page, 'data-trained-rms');
  expect(trainedRms).toBeGreaterThan(0);
  expect(trainedRms).toBeLessThan(1);
  const fid = JSON.parse((await widget(page).getAttribute('data-fidelity'))!) as { cg: number; cfg: number };
  expect(fid.cg).toBeGreaterThan(0.8);
  expect(fid.cfg).toBeGreaterThan(0.8);
  await expect(page.getByRole('button', { name: 'Train again' })).toBeEnabled();

  const baseline = await tensors(page);
  expect(baseline).toBeGreaterThan(0);
  const t = page.getByRole('slider', { name: 'timestep t' });
  await t.focus();
  await page.keyboard.press('ArrowRight');
  await expect(widget(page)).toHaveAttribute('data-trained-t', '301');
  await page.getByRole('slider', { name: 'guidance scale s' }).fill('5');
  await expect(widget(page)).toHaveAttribute('data-sampled-s', '5', { timeout: 30_000 });
  expect(await tensors(page)).toBe(baseline);
  // training again replaces the classifier: the old one's tensors are freed
  await page.getByRole('button', { name: 'Train again' }).click();
  await expect(widget(page)).toHaveAttribute('data-training', 'false', { timeout: 60_000 });
  await expect(widget(page)).toHaveAttribute('data-sampled', 'true', { timeout: 30_000 });
  expect(await tensors(page)).toBe(baseline);
  expect(log.consoleErrors).toEqual([]);
  expect(log.pageErrors).toEqual([]);
});

test('training can be cancelled, leaving no classifier and no tensor behind', async ({ page }) => {
  await open(page, '?denoiser=exact&clfSteps=3000');
  await page.getByRole('button', { name: 'Train classifier' }).click();
  await expect(page.locator('[data-part="train-status"]')).toContainText('Training: step', { timeout: 30_000 });
  const before = await tensors(page);
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.locator('[data-part="train-status"]')).toContainText(/Cancelled after \d+ steps/);
  await expect(widget(page)).toHaveAttribute('data-training', 'false');
  // during training: the classifier (6 tensors) and Adam's state (12) were alive; now all are gone
  expect(await tensors(page)).toBeLessThan(before);
  await expect(page.locator('[data-part="trained-results"]')).toBeHidden();
});

test('the embed page passes an accessibility scan, in light and dark', async ({ page }) => {
  const log = await open(page, '?denoiser=exact');
  expect(await accessibilityProblems(page)).toEqual([]);
  await page.emulateMedia({ colorScheme: 'dark' });
  expect(await accessibilityProblems(page)).toEqual([]);
  expect(log.consoleErrors).toEqual([]);
});

test('denoiser=trained: the reader model when there is one; the shipped one with a notice when there is none (never the exact one)', async ({ page }) => {
  // Loading tfjs (its backend is measured first) and the weights takes long on a loaded machine.
  test.setTimeout(240_000);
  const log = await openEmbed(page, 'classifier-guidance', '?denoiser=trained', { timeout: 90_000 });
  await expect(widget(page)).toHaveAttribute('data-denoiser', 'learned', { timeout: 90_000 });
  await expect(page.locator('[data-part="status"]').first()).toContainText('You have not trained a model yet');
  const shippedRms = await num(page, 'data-rms');
  expect(shippedRms).toBeGreaterThan(0.01);

  // The reader's own model, stored as the training lab stores it: here another mechanism's shipped weights.
  const text = await (await page.request.get(siteUrl('weights/two-gaussians-adanorm.json'))).text();
  await page.evaluate(async (weights) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('scorefield', 1);
      req.onupgradeneeded = () => req.result.createObjectStore('models');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction('models', 'readwrite');
      tx.objectStore('models').put({ text: weights, history: [] }, 'reader');
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  }, text);
  await page.reload();
  await expect(widget(page)).toHaveAttribute('data-denoiser', 'trained', { timeout: 90_000 });
  await expect(widget(page)).toHaveAttribute('data-ready', 'true');
  await expect(page.locator('[data-part="status"]').first()).toContainText('your model');
  const mineRms = await num(page, 'data-rms');
  expect(mineRms).toBeGreaterThan(0.001);
  expect(mineRms).not.toBe(shippedRms);
  expect(log.pageErrors).toEqual([]);
});
