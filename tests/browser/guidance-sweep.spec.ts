import { test, expect, type Page } from './support/test';
import { accessibilityProblems } from './support/audit';
import { expectNotices, openEmbed } from './support/widgets';

/** The fidelity–diversity sweep on its embed page: worker runs, progressive points, cancel, URL state, responsiveness. */
const widget = (page: Page) => page.locator('sf-guidance-sweep');

const open = (page: Page, query = '') => openEmbed(page, 'guidance-sweep', query, { ready: false });

interface Pt {
  series: string;
  s: number;
  fidelity: number;
  diversity: number;
}
const points = (page: Page): Promise<Pt[]> =>
  page.locator('g.pt').evaluateAll((els) =>
    els.map((e) => ({
      series: e.getAttribute('data-series')!,
      s: Number(e.getAttribute('data-s')),
      fidelity: Number(e.getAttribute('data-fidelity')),
      diversity: Number(e.getAttribute('data-diversity')),
    })),
  );

test('the sweep finishes with 12 points per series, finite readouts that move the right way, and the page stays responsive', async ({ page }) => {
  const log = await open(page, '?n=200&steps=40');
  // Longest main-thread task and longest gap between animation frames while the sweep runs.
  await page.evaluate(() => {
    const w = window as unknown as { longest: number; gap: number; frames: number; t0: number };
    w.longest = 0;
    w.gap = 0;
    w.frames = 0;
    w.t0 = performance.now();
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.longest = Math.max(w.longest, e.duration);
    }).observe({ type: 'longtask', buffered: false });
    let last = performance.now();
    const tick = (now: number) => {
      w.gap = Math.max(w.gap, now - last);
      w.frames++;
      last = now;
      if (document.querySelector('sf-guidance-sweep')?.getAttribute('data-state') !== 'done') requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  await expect(widget(page)).toHaveAttribute('data-state', 'done', { timeout: 45_000 });
  const pts = await points(page);
  for (const series of ['exact-ddim', 'exact-ddpm']) {
    const row = pts.filter((p) => p.series === series).sort((a, b) => a.s - b.s);
    expect(row.length).toBeGreaterThanOrEqual(12);
    for (const p of row) {
      expect(Number.isFinite(p.fidelity) && Number.isFinite(p.diversity)).toBe(true);
      expect(p.fidelity).toBeGreaterThanOrEqual(0);
      expect(p.fidelity).toBeLessThanOrEqual(1);
    }
    expect(row.at(-1)!.fidelity).toBeGreaterThan(row[0]!.fidelity + 0.3);
    expect(row.at(-1)!.diversity).toBeLessThan(row[0]!.diversity - 1);
  }
  await expect(page.locator('[data-part="summary"]')).toContainText('exact · DDIM: from s = 0 to s = 10 fidelity rises');
  const timing = await page.evaluate(() => {
    const w = window as unknown as { longest: number; gap: number; frames: number; t0: number };
    const own = performance
      .getEntriesByName('sweep-main')
      .map((e) => e.duration)
      .sort((a, b) => a - b);
    return {
      longest: w.longest,
      gap: w.gap,
      fps: (1000 * w.frames) / (performance.now() - w.t0),
      own: own.length,
      median: own[own.length >> 1]!,
      over50: own.filter((d) => d >= 50).length,
      max: own.at(-1)!,
    };
  });
  // The widget's own main-thread work per worker reply or animation frame is measured by the widget; the page keeps
  // painting frames all through the sweep. Wall-clock durations on a loaded test machine (2 shared cores, other
  // builds running) include preemption, so the bounds here are loose: scripts/bench/sweep.ts reports the numbers.
  console.log(
    `sweep: own main-thread work median ${timing.median.toFixed(1)} ms, max ${timing.max.toFixed(1)} ms (${timing.over50} of ${timing.own} ≥ 50 ms); longest task ${timing.longest.toFixed(0)} ms; longest frame gap ${timing.gap.toFixed(0)} ms; ${timing.fps.toFixed(0)} frames/s`,
  );
  expect(timing.own).toBeGreaterThan(12);
  expect(timing.median).toBeLessThan(16);
  expect(timing.over50).toBeLessThanOrEqual(Math.max(1, timing.own / 5));
  expect(timing.fps).toBeGreaterThan(3);
  // The shared s = 7.5 is ringed.
  await expect(page.locator('g.pt[data-current="true"]')).toHaveCount(2);
  expect(log.consoleErrors).toEqual([]);
  expect(log.pageErrors).toEqual([]);
  expect(await accessibilityProblems(page)).toEqual([]);
});

test('points by keyboard: focus shows the samples in the inset, Enter sets s; URL state round-trips', async ({ page }) => {
  await open(page, '?n=100&steps=20&sweepDdpm=0&rescale=0.5&intervalLo=0&intervalHi=600');
  await expect(widget(page)).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
  await expect(page.locator('input[data-key="rescale"]')).toHaveValue('0.5');
  await expect(page.locator('input[data-key="intervalHi"]')).toHaveValue('600');
  await expect(page.locator('g.pt')).toHaveCount(12);
  const point = page.locator('g.pt[data-s="3"]');
  await point.focus();
  await expect(page.locator('canvas[data-part="inset"]')).toHaveAttribute('data-shown', 'exact-ddim|3');
  await expect(page.locator('canvas[data-part="inset"]')).toHaveAttribute('aria-label', /^100 samples of exact · DDIM at s = 3, centred at/);
  await page.keyboard.press('Enter');
  await expect(page.locator('input[type="range"][data-key="s"]')).toHaveValue('3');
  await expect.poll(() => new URL(page.url()).searchParams.get('s')).toBe('3');
  await expect(point).toHaveAttribute('data-current', 'true');
  // A checkbox by keyboard restarts the sweep with the DDPM series back.
  await page.locator('input[data-key="sweepDdpm"]').focus();
  await page.keyboard.press('Space');
  await expect.poll(() => new URL(page.url()).searchParams.get('sweepDdpm')).toBeNull();
  await expect(widget(page)).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
  await expect(page.locator('g.pt')).toHaveCount(24);
  const url = new URL(page.url());
  expect(url.searchParams.get('rescale')).toBe('0.5');
  expect(url.searchParams.get('intervalHi')).toBe('600');
});

test('cancel stops the sweep: no more points arrive', async ({ page }) => {
  await open(page, '?n=2000&steps=200');
  await expect.poll(async () => Number(await widget(page).getAttribute('data-points')), { timeout: 30_000 }).toBeGreaterThanOrEqual(1);
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(widget(page)).toHaveAttribute('data-state', 'cancelled');
  const count = await page.locator('g.pt').count();
  expect(count).toBeLessThan(24);
  await page.waitForTimeout(1500);
  expect(await page.locator('g.pt').count()).toBe(count);
  await expect(page.locator('[data-part="progress-text"]')).toHaveText(`cancelled after ${count} points`);
  await expect(page.getByRole('button', { name: 'Cancel' })).toBeDisabled();
});

test('hostile URL values are clamped with a visible notice, no NaN, and the sweep still runs', async ({ page }) => {
  const log = await open(page, '?n=-5&steps=abc&rescale=9&intervalLo=800&intervalHi=100&sweepLearned=yes&s=1e9');
  await expectNotices(page, ['rescale = “9” → 1', 'n = “-5” → 10', 'intervalLo = “800” → 100']);
  await expect(widget(page)).toHaveAttribute('data-state', 'done', { timeout: 45_000 });
  const pts = await points(page);
  expect(pts.length).toBe(24);
  for (const p of pts) expect(Number.isFinite(p.fidelity) && Number.isFinite(p.diversity)).toBe(true);
  expect(await page.locator('sf-guidance-sweep').textContent()).not.toContain('NaN');
  expect(log.consoleErrors).toEqual([]);
});

test('the learned series runs in the worker and its tensors return to the same count after every run', async ({ page }) => {
  test.setTimeout(120_000);
  const log = await open(page, '?n=100&steps=10&sweepLearned=1&sweepExact=0&sweepDdpm=0');
  await expect(widget(page)).toHaveAttribute('data-state', 'done', { timeout: 90_000 });
  expect((await points(page)).filter((p) => p.series === 'learned-ddim')).toHaveLength(12);
  const first = Number(await widget(page).getAttribute('data-worker-tensors'));
  expect(first).toBeGreaterThan(0); // the model's weights
  await expect(page.locator('[data-part="status"]')).toContainText(/worker tfjs backend: (wasm|cpu)/);
  await page.locator('input[data-key="seed"]').fill('2');
  await page.locator('input[data-key="seed"]').press('Tab');
  await expect(widget(page)).toHaveAttribute('data-state', 'running');
  await expect(widget(page)).toHaveAttribute('data-state', 'done', { timeout: 90_000 });
  expect(Number(await widget(page).getAttribute('data-worker-tensors'))).toBe(first);
  // The main thread never loaded tfjs for the sweep.
  expect(await page.evaluate(() => (globalThis as { scorefield?: unknown }).scorefield === undefined)).toBe(true);
  expect(log.consoleErrors).toEqual([]);
  expect(log.failedResponses).toEqual([]);
});
