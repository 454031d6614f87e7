import { test, expect, type Page } from './support/test';
import { expectQuiet, openEmbed, typeNumber } from './support/widgets';

/** The guided sampler on its embed page: transport controls, reproducibility, compare mode, metrics. */

const open = (page: Page, query = '') => openEmbed(page, 'guided-sampler', query);

const laneImage = (page: Page, lane: number) => page.locator(`[data-lane="${lane}"] canvas`).evaluate((c) => (c as HTMLCanvasElement).toDataURL());
const progress = (page: Page) => page.locator('[data-part="progress"]');

test('plays to the end, then shows metrics; the same seed gives the same cloud, another seed another', async ({ page, browser }) => {
  const log = await open(page, '?denoiser=exact&steps=30&n=500');
  await expect(progress(page)).toHaveText('step 0 of 30 · next t = 999'); // it waits for the reader
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(progress(page)).toHaveText('done: 30 steps');
  const metrics = page.locator('[data-lane="0"] table');
  await expect(metrics).toHaveAttribute('data-finished', 'true');
  await expect(metrics.locator('tr')).toHaveCount(4);
  const fidelity = Number(await metrics.locator('tr').first().locator('td').textContent());
  expect(fidelity).toBeGreaterThan(0.9);
  expect(fidelity).toBeLessThanOrEqual(1);
  const image = await laneImage(page, 0);

  const again = await browser.newPage();
  await open(again, '?denoiser=exact&steps=30&n=500');
  await again.getByRole('button', { name: 'Play' }).click();
  await expect(progress(again)).toHaveText('done: 30 steps');
  expect(await laneImage(again, 0)).toBe(image);
  await again.locator('input[data-key="seed"]').fill('2');
  await again.locator('input[data-key="seed"]').press('Tab');
  await expect(progress(again)).toHaveText('done: 30 steps');
  expect(await laneImage(again, 0)).not.toBe(image);
  await again.close();
  expect(log.consoleErrors).toEqual([]);
});

test('with reduced motion it waits; Step advances one step, Play and Pause by keyboard, Reset starts over', async ({ browser }) => {
  const context = await browser.newContext({ reducedMotion: 'reduce' });
  const page = await context.newPage();
  await open(page, '?denoiser=exact&steps=200&sampler=ddpm');
  await expect(progress(page)).toHaveText('step 0 of 200 · next t = 999');
  await page.getByRole('button', { name: 'Step' }).click();
  await expect(progress(page)).toHaveText('step 1 of 200 · next t = 994');
  const play = page.getByRole('button', { name: 'Play' });
  await play.focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('[data-part="play"]')).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(async () => Number(/step (\d+)/.exec((await progress(page).textContent()) ?? '')?.[1] ?? 200)).toBeGreaterThan(3);
  await page.keyboard.press('Enter'); // the focused button now reads Pause
  await expect(page.locator('[data-part="play"]')).toHaveAttribute('aria-pressed', 'false');
  const paused = await progress(page).textContent();
  await page.waitForTimeout(300);
  expect(await progress(page).textContent()).toBe(paused);
  await page.getByRole('button', { name: 'Reset' }).click();
  await expect(progress(page)).toHaveText('step 0 of 200 · next t = 999');
  await context.close();
});

test('side by side: s = 1 and s = 7.5 by default, guidance raises fidelity and lowers diversity', async ({ page }) => {
  await open(page, '?denoiser=exact&compare=1&steps=40&n=1000&y=1');
  await expect(page.locator('[data-lane="1"]')).toBeVisible();
  await expect(page.locator('[data-lane="0"] .lane-title')).toHaveText('s = 1');
  await expect(page.locator('[data-lane="1"] .lane-title')).toHaveText('s = 7.5');
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(progress(page)).toHaveText('done: 40 steps');
  const read = async (lane: number) => {
    const cells = await page.locator(`[data-lane="${lane}"] table td`).allTextContents();
    return { fidelity: Number(cells[0]), logDet: Number(cells[1]) };
  };
  const [a, b] = [await read(0), await read(1)];
  expect(b.fidelity).toBeGreaterThan(a.fidelity);
  expect(b.logDet).toBeLessThan(a.logDet);
  const alt = await page.locator('[data-lane="1"] canvas').getAttribute('aria-label');
  expect(alt).toMatch(
    // the few samples that overshoot the view at s = 7.5 are counted in words too
    /^1000 particles of class plus, DDIM with 40 steps at s = 7\.5: step 40 of 40, cloud centred at \(\d\.\d\d, -?\d\.\d\d\), fidelity 1\.00\.( \d+ of 1000 samples are outside the view \([^)]+\): the triangles at its edges count them\.)?$/,
  );
});

test('out-of-range inputs are clamped with a notice, and the run still happens', async ({ page }) => {
  const log = await open(page, '?denoiser=exact&n=99999&steps=0&eta=7&seed=-3&sampler=euler');
  const notice = page.locator('[data-part="notices"]');
  await expect(notice).toContainText('n = “99999” → 4000');
  await expect(notice).toContainText('steps = “0” → 1');
  await expect(notice).toContainText('sampler = “euler” → ddim');
  await expect(page.locator('input[data-key="n"]')).toHaveValue('4000');
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(progress(page)).toHaveText('done: 1 steps');
  await typeNumber(page, 'steps', '-40', '1');
  expectQuiet(log);
});

test('x̂₀ estimates are drawn while the run is under way and can be switched off', async ({ browser }) => {
  const context = await browser.newContext({ reducedMotion: 'reduce' });
  const page = await context.newPage();
  await open(page, '?denoiser=exact&steps=40&x0hat=1');
  await expect(page.locator('input[data-key="x0hat"]')).toBeChecked();
  // Early on x̂_0 lies far off the panel (√ᾱ_t ≈ 0 at t ≈ T); a few steps in it is in view.
  for (let i = 1; i <= 20; i++) {
    await page.getByRole('button', { name: 'Step' }).click();
    await expect(progress(page)).toHaveText(new RegExp(`^step ${i} of 40`));
  }
  const withRings = await laneImage(page, 0);
  await page.locator('input[data-key="x0hat"]').uncheck();
  await expect.poll(() => new URL(page.url()).searchParams.get('x0hat')).toBeNull();
  expect(await laneImage(page, 0)).not.toBe(withRings);
  await expect(progress(page)).toHaveText(/^step 20 of 40/); // drawing options never restart the run
  await context.close();
});

test('nothing leaves the view silently: samples beyond its edges are counted there and in words (issue #13)', async ({ page }) => {
  const log = await open(page, '?denoiser=exact&steps=30&n=400&s=15');
  const lane = page.locator('[data-lane="0"]');
  const note = lane.locator('[data-part="offscreen"]');
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(progress(page)).toHaveText('done: 30 steps');
  // At s = 15 a good part of the samples overshoot [−3, 3]² (92 of 400 with this seed and world; none at s = 1, below).
  const outside = Number(await lane.locator('canvas').getAttribute('data-offscreen'));
  expect(outside).toBeGreaterThan(40);
  expect(outside).toBeLessThanOrEqual(400);
  await expect(note).toBeVisible();
  const text = (await note.textContent()) ?? '';
  const m = /^(\d+) of 400 samples are outside the view \(((?:\d+ (?:left|right|above|below)(?:, )?)+)\): the triangles at its edges count them\.$/.exec(text);
  expect(m, text).not.toBeNull();
  expect(Number(m![1])).toBe(outside);
  const perEdge = [...m![2]!.matchAll(/(\d+) /g)].map((e) => Number(e[1]));
  expect(Math.max(...perEdge)).toBeLessThanOrEqual(outside); // a corner point is on two edges, once in the total
  await expect(lane.locator('canvas')).toHaveAttribute('aria-label', new RegExp(`${outside} of 400 samples are outside the view`));
  // At s = 1 the cloud stays inside: no note, a zero count.
  await page.locator('input[type="range"][data-key="s"]').fill('1'); // played once: a change samples again at once
  await expect(lane.locator('canvas')).toHaveAttribute('data-offscreen', '0', { timeout: 30_000 });
  await expect(progress(page)).toHaveText('done: 30 steps');
  await expect(note).toBeHidden();
  expectQuiet(log);
});
