import { test, expect, type Page } from './support/test';
import { accessibilityProblems } from './support/audit';
import { expectNotices, expectQuiet, openEmbed } from './support/widgets';

/** "Guided is not tilted" on its embed page: the tilt's moments against the samples', and the guidance interval's minor-mode share. */
const widget = (page: Page) => page.locator('sf-guided-vs-tilted');

const open = (page: Page, query = '') => openEmbed(page, 'guided-vs-tilted', query, { timeout: 30_000 });

/** The moments table as { row label: [mean x, mean y, std x, std y, √det Σ] }. */
async function moments(page: Page): Promise<Record<string, number[]>> {
  const rows = await page
    .locator('[data-part="table"] tbody tr')
    .evaluateAll((trs) => trs.map((tr) => [tr.querySelector('th')!.textContent!, [...tr.querySelectorAll('td')].map((td) => td.textContent!)] as const));
  return Object.fromEntries(rows.map(([k, v]) => [k, v.map(Number)]));
}

test('at s = 7.5 on the default world the samples are not the tilted density: DDIM further out and narrower', async ({ page }) => {
  const log = await open(page);
  await expect(page.locator('[data-panel="0"] .panel-title')).toHaveText('tilted p(x|y)^s p(x)^(1−s), s = 7.5, t = 0');
  const m = await moments(page);
  const tilt = m['tilted density (grid)']!;
  const ddim = m['DDIM samples']!;
  const ddpm = m['DDPM samples']!;
  for (const v of [...tilt, ...ddim, ...ddpm]) expect(Number.isFinite(v)).toBe(true);
  expect(Math.abs(ddim[0]! - tilt[0]!)).toBeGreaterThan(0.8); // means differ along the class axis
  expect(ddim[2]!).toBeLessThan(tilt[2]! - 0.1); // and the spread
  expect(Math.abs(ddpm[0]! - tilt[0]!)).toBeGreaterThan(0.2);
  await expect(page.locator('[data-panel="1"] canvas')).toHaveAttribute('aria-label', /^1000 DDIM samples, s = 7\.5: mean \(-2\.\d\d, /);
  expect(log.consoleErrors).toEqual([]);
  expect(log.pageErrors).toEqual([]);
  expect(await accessibilityProblems(page)).toEqual([]);
});

test('at s = 1 the tilt is p(x | y) and the samples match it; the slider by keyboard recomputes; URL round-trip', async ({ page }) => {
  await open(page, '?s=1&n=800');
  let m = await moments(page);
  expect(Math.abs(m['DDIM samples']![0]! - m['tilted density (grid)']![0]!)).toBeLessThan(0.1);
  expect(Math.abs(m['DDIM samples']![2]! - m['tilted density (grid)']![2]!)).toBeLessThan(0.1);
  const slider = page.locator('input[type="range"][data-key="s"]');
  await slider.focus();
  for (let i = 0; i < 20; i++) await page.keyboard.press('ArrowRight');
  await expect(slider).toHaveValue('3');
  await expect.poll(() => new URL(page.url()).searchParams.get('s')).toBe('3');
  await expect(page.locator('[data-panel="0"] .panel-title')).toHaveText(/s = 3,/);
  await expect(widget(page)).toHaveAttribute('data-ready', 'true');
  m = await moments(page);
  expect(m['DDIM samples']![0]!).toBeLessThan(m['tilted density (grid)']![0]! - 0.3);
  expect(new URL(page.url()).searchParams.get('n')).toBe('800');
});

test('interval view on minor-mode: the minor mode’s share without and with the interval, by keyboard from the preset', async ({ page }) => {
  const log = await open(page, '?n=800');
  await page.getByRole('button', { name: 'Minor-mode example' }).focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => new URL(page.url()).searchParams.get('tiltView')).toBe('interval');
  await expect(widget(page)).toHaveAttribute('data-view', 'interval');
  await expect(widget(page)).toHaveAttribute('data-ready', 'true');
  const url = new URL(page.url());
  expect(url.searchParams.get('world')).toBe('minor-mode');
  expect(url.searchParams.get('intervalHi')).toBe('300');
  const rows = await page.locator('[data-part="table"] tbody tr').allTextContents();
  expect(rows).toHaveLength(3);
  const share = (i: number) => Number(/([\d.]+) %/.exec(rows[i]!)![1]) / 100;
  expect(share(0)).toBeLessThan(0.03); // without: the minor mode is dropped
  expect(share(1)).toBeGreaterThan(0.12); // with the interval [0, 300] it is kept
  expect(share(2)).toBeCloseTo(0.25, 5); // its weight in the class
  await expect(page.locator('[data-panel="1"] canvas')).toHaveAttribute('aria-label', /in the class's minor mode/);
  await expect(page.locator('[data-panel="2"]')).toBeHidden();
  // Reload from the URL: the same view comes back.
  await page.goto(page.url());
  await expect(widget(page)).toHaveAttribute('data-view', 'interval', { timeout: 30_000 });
  await expect(page.locator('select[data-key="tiltView"]')).toHaveValue('interval');
  expect(log.consoleErrors).toEqual([]);
  expect(await accessibilityProblems(page)).toEqual([]);
});

test('hostile URL values are clamped with a visible notice and no NaN', async ({ page }) => {
  const log = await open(page, '?s=-4&n=1e12&tiltView=evil&intervalLo=999&intervalHi=3&steps=NaN');
  await expectNotices(page, ['s = “-4” → 0', 'tiltView = “evil” → tilt', 'n = “1e12” → 4000']);
  // No NaN anywhere but in the notice, which quotes the URL.
  const shown = await widget(page).evaluate((el) => {
    const copy = el.cloneNode(true) as HTMLElement;
    copy.querySelector('[data-part="notices"]')?.remove();
    return copy.textContent + [...el.querySelectorAll('canvas')].map((c) => c.getAttribute('aria-label')).join(' ');
  });
  expect(shown).not.toContain('NaN');
  const m = await moments(page);
  for (const v of Object.values(m).flat()) expect(Number.isFinite(v)).toBe(true);
  expectQuiet(log);
});

test('the learned samples leave no tensor behind', async ({ page }) => {
  test.setTimeout(120_000);
  const log = await open(page, '?tiltLearned=1&n=200&steps=10&backend=wasm');
  await expect(page.locator('[data-part="status"]')).toContainText('learned');
  const tensors = () => page.evaluate(() => (globalThis as unknown as { scorefield?: { tensors(): number } }).scorefield?.tensors() ?? -1);
  const baseline = await tensors();
  expect(baseline).toBeGreaterThan(0);
  const before = await page.locator('[data-part="table"] tbody tr').nth(1).textContent();
  await page.locator('input[data-key="seed"]').fill('5');
  await page.locator('input[data-key="seed"]').press('Tab');
  await expect(page.locator('[data-part="table"] tbody tr').nth(1)).not.toHaveText(before!, { timeout: 60_000 });
  await expect(widget(page)).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
  expect(await tensors()).toBe(baseline);
  expect(log.consoleErrors).toEqual([]);
  expect(log.pageErrors).toEqual([]);
});
