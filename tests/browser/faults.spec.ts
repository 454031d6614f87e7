import { readFileSync } from 'node:fs';
import { parseWeights, stringifyWeights, type LoadedWeights } from '../../lib/model/weights';
import { shownText, watchPage } from './support/audit';
import { builtPages, siteUrl } from './support/site';
import { test, expect, type Page } from './support/test';

/**
 * Faults and attacks of issue #16, each with the notice the reader gets and the recovery: a malformed percent-escape
 * and ?tfjsflags= (tfjs must not read the URL), an offline Train, WebGL context lost twice (tensors back to baseline),
 * weights that never answer / 404 / truncated / HTML, no wasm, no IndexedDB, offline after load, absurd and oversize
 * weight files, refusals of bounded length, and the Content-Security-Policy on every page.
 */
test.describe.configure({ timeout: 120_000 });

const LAB = 'embed/training-lab/';
const FIELD = 'embed/score-field/';
type Hooks = { scorefield: { tensors(): number; loseWebGLContext(): boolean; backend(): string } };
const tensors = (page: Page) => page.evaluate(() => (globalThis as unknown as Hooks).scorefield.tensors());
const field = (page: Page) => page.locator('sf-score-field');
const lab = (page: Page) => page.locator('sf-training-lab');
const NO_BAD_NUMBERS = /NaN|Infinity|undefined/;

async function openField(page: Page, query: string) {
  const log = await watchPage(page, new URL(siteUrl()).origin);
  await page.goto(siteUrl(FIELD) + query);
  await expect(field(page)).toHaveAttribute('data-ready', 'true', { timeout: 90_000 });
  return log;
}

async function openLab(page: Page, query = '') {
  const log = await watchPage(page, new URL(siteUrl()).origin);
  await page.goto(siteUrl(LAB) + query);
  await expect(lab(page)).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
  return log;
}

test('a malformed percent-escape in the query breaks nothing: the lab defines itself and trains; the field keeps the learned model (item 1)', async ({
  page,
}) => {
  const log = await openLab(page, '?s=%ED%A0%80&tsteps=100');
  expect(await page.evaluate(() => customElements.get('sf-training-lab') !== undefined)).toBe(true);
  await lab(page).getByRole('button', { name: 'Train' }).click();
  await expect.poll(async () => Number((await lab(page).getAttribute('data-step')) ?? 0), { timeout: 90_000 }).toBeGreaterThan(0);
  expect(log.pageErrors).toEqual([]);

  const log2 = await openField(page, '?s=%&backend=wasm');
  await expect(field(page)).toHaveAttribute('data-denoiser', 'learned');
  expect(log2.pageErrors).toEqual([]);
});

test('?tfjsflags= is ignored, as the notice says: the learned model works and tfjs logs nothing (item 2)', async ({ page }) => {
  const logs: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'log') logs.push(m.text());
  });
  await openField(page, '?tfjsflags=DEBUG:true,WEBGL_VERSION:0&backend=wasm');
  await expect(field(page)).toHaveAttribute('data-denoiser', 'learned');
  await expect(field(page).locator('[data-part="notices"]')).toContainText('“tfjsflags”: unknown parameter, ignored');
  expect(logs).toEqual([]);
});

test('an offline Train click says why and leaves the lab ready: after reconnecting, Train trains (item 7)', async ({ page, context }) => {
  await openLab(page, '?tsteps=100');
  await context.setOffline(true);
  await lab(page).getByRole('button', { name: 'Train' }).click();
  await expect(lab(page).locator('[data-part="message"]')).toContainText('The training worker failed', { timeout: 30_000 });
  await expect(lab(page)).toHaveAttribute('data-phase', 'idle');
  await expect(lab(page).locator('[data-part="progress"]')).toHaveText('Not trained yet: press Train.');
  await expect(lab(page).getByRole('button', { name: 'Pause' })).toBeDisabled();
  await context.setOffline(false);
  await lab(page).getByRole('button', { name: 'Train' }).click();
  await expect.poll(async () => Number((await lab(page).getAttribute('data-step')) ?? 0), { timeout: 90_000 }).toBeGreaterThan(0);
  await expect(lab(page)).not.toHaveAttribute('data-phase', 'idle');
});

test('a WebGL context lost twice is restored each time, and the tensor count returns to its baseline (item 8)', async ({ page }) => {
  const log = await openField(page, '?backend=webgl');
  await expect(field(page)).toHaveAttribute('data-denoiser', 'learned');
  const baseline = await tensors(page);
  expect(baseline).toBeGreaterThan(0);
  for (let i = 0; i < 2; i++) {
    await field(page).evaluate((el) => el.setAttribute('data-ready', 'lost'));
    expect(await page.evaluate(() => (globalThis as unknown as Hooks).scorefield.loseWebGLContext())).toBe(true);
    await expect(field(page)).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
    await expect(field(page).locator('[data-part="status"]')).toContainText('The WebGL context was lost and has been restored');
    await expect(field(page)).toHaveAttribute('data-denoiser', 'learned');
    expect(await tensors(page)).toBe(baseline);
  }
  expect(log.pageErrors).toEqual([]);
});

test('weights that never answer give up after 10 s with a notice; the next model loads (item 9)', async ({ page }) => {
  await page.route('**/weights/two-gaussians-*.json', () => {
    /* never answered */
  });
  const log = await openField(page, '?backend=wasm');
  await expect(field(page)).toHaveAttribute('data-denoiser', 'exact', { timeout: 30_000 });
  await expect(field(page).locator('[data-part="status"]')).toContainText(/could not be used \(no answer from \S+two-gaussians-[a-z-]+\.json within 10 s\)/);
  await page.unroute('**/weights/two-gaussians-*.json');
  await field(page).locator('select[data-key="cond"]').selectOption('adanorm');
  await expect(field(page)).toHaveAttribute('data-denoiser', 'learned', { timeout: 60_000 });
  expect(log.pageErrors).toEqual([]);
});

for (const [what, reply] of [
  ['a 404', { status: 404, body: 'not found' }],
  ['a truncated file', { status: 200, body: readFileSync('public/weights/two-gaussians-add.json', 'utf8').slice(0, 5000) }],
  ['an HTML page', { status: 200, body: '<!doctype html><title>Sign in</title><p>Please sign in', contentType: 'text/html' }],
] as const) {
  test(`weights answered with ${what}: the exact field with a notice, no page error`, async ({ page }) => {
    await page.route('**/weights/two-gaussians-*.json', (route) => route.fulfill(reply));
    const log = await openField(page, '?backend=wasm');
    await expect(field(page)).toHaveAttribute('data-denoiser', 'exact', { timeout: 30_000 });
    await expect(field(page).locator('[data-part="status"]')).toContainText('The learned model could not be used');
    expect(await shownText(page)).not.toMatch(NO_BAD_NUMBERS);
    expect(log.pageErrors).toEqual([]);
  });
}

test('without WebAssembly the model runs on another backend; slider moves leave the tensor count at its baseline', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(globalThis, 'WebAssembly', { value: undefined });
  });
  const log = await openField(page, '?backend=wasm');
  await expect(field(page)).toHaveAttribute('data-denoiser', 'learned');
  expect(await page.evaluate(() => (globalThis as unknown as Hooks).scorefield.backend())).not.toBe('wasm');
  const baseline = await tensors(page);
  const slider = page.getByRole('slider', { name: /guidance scale/ });
  await slider.focus();
  for (let i = 0; i < 20; i++) await page.keyboard.press(i % 2 ? 'ArrowLeft' : 'ArrowRight');
  await page.locator('input[data-key="t"]').first().fill('500');
  await expect(field(page)).toHaveAttribute('data-ready', 'true');
  expect(await tensors(page)).toBe(baseline);
  expect(log.pageErrors).toEqual([]);
});

test('offline after load: a model not yet loaded falls back with a notice, and loads once back online', async ({ page, context }) => {
  const log = await openField(page, '?backend=wasm');
  await expect(field(page)).toHaveAttribute('data-denoiser', 'learned');
  await context.setOffline(true);
  await field(page).locator('select[data-key="cond"]').selectOption('cross-attention');
  await expect(field(page)).toHaveAttribute('data-denoiser', 'exact', { timeout: 30_000 });
  await expect(field(page).locator('[data-part="status"]')).toContainText('The learned model could not be used');
  await context.setOffline(false);
  await field(page).locator('select[data-key="cond"]').selectOption('adanorm');
  await expect(field(page)).toHaveAttribute('data-denoiser', 'learned', { timeout: 60_000 });
  expect(log.pageErrors).toEqual([]);
});

test('without IndexedDB the lab still works and imports, and says the model will not be kept', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(globalThis, 'indexedDB', { value: undefined });
  });
  const log = await openLab(page);
  const input = lab(page).locator('input[type="file"]');
  await input.setInputFiles({ name: 'add.json', mimeType: 'application/json', buffer: readFileSync('public/weights/two-gaussians-add.json') });
  await expect(lab(page)).toHaveAttribute('data-phase', 'done');
  await lab(page).getByRole('button', { name: 'Use this model' }).click();
  await expect(lab(page).locator('[data-part="message"]')).toContainText('did not let the page store the model');
  expect(log.pageErrors).toEqual([]);
});

/** The shipped default model, edited and re-encoded with a correct checksum. */
function edited(edit: (w: LoadedWeights) => void): Buffer {
  const w = parseWeights(readFileSync('public/weights/two-gaussians-add.json', 'utf8'));
  edit(w);
  const { values, ...meta } = w;
  return Buffer.from(stringifyWeights(meta, values));
}

test('absurd, oversize and crafted weight files are refused with a short message; nothing is adopted or stored (items 4, 5, 6)', async ({ page }) => {
  const log = await openLab(page);
  const input = lab(page).locator('input[type="file"]');
  const message = lab(page).locator('[data-part="message"]');
  const refuse = async (name: string, buffer: Buffer, reason: RegExp) => {
    await input.setInputFiles({ name, mimeType: 'application/json', buffer });
    await expect(message).toContainText(`${name} was refused`);
    await expect(message).toContainText(reason);
    expect(((await message.textContent()) ?? '').length).toBeLessThanOrEqual(600);
  };
  await refuse(
    'huge-values.json',
    edited((w) => {
      for (const v of w.values.values()) v.fill(3e38);
    }),
    /implausible value/,
  );
  const longT = JSON.parse(readFileSync('public/weights/two-gaussians-add.json', 'utf8'));
  longT.schedule.T = 100000;
  longT.architecture.T = 100000;
  await refuse('long-schedule.json', Buffer.from(JSON.stringify(longT)), /T: integer in 2–10000/);
  const crafted = JSON.parse(readFileSync('public/weights/two-gaussians-add.json', 'utf8'));
  crafted.world.name = 'w'.repeat(1_500_000);
  crafted.training.lr = 'x'.repeat(500_000);
  await refuse(`${'n'.repeat(200)}.json`, Buffer.from(JSON.stringify(crafted)), /world\.name/);
  const big = readFileSync('public/weights/two-gaussians-add.json', 'utf8').trimEnd().slice(0, -1);
  await refuse('padded.json', Buffer.from(`${big}, "extra": "${'x'.repeat(6_000_000)}"}`), /too large \(6\.3 MB; at most 4 MB\)/);
  await expect(lab(page)).toHaveAttribute('data-phase', 'idle');
  await expect(lab(page).getByRole('button', { name: 'Use this model' })).toBeDisabled();
  expect(await shownText(page)).not.toMatch(NO_BAD_NUMBERS);
  await page.reload();
  await expect(lab(page)).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
  await expect(lab(page)).toHaveAttribute('data-phase', 'idle'); // nothing was stored
  expect(log.pageErrors).toEqual([]);
});

test('every page carries the Content-Security-Policy, and _headers the same policy with frame-ancestors * (item 10)', () => {
  const pages = builtPages();
  expect(pages.length).toBeGreaterThan(10);
  const policies = new Set<string>();
  for (const p of pages) {
    const html = readFileSync(`dist/${p.endsWith('.html') ? p : `${p}index.html`}`, 'utf8');
    const m = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html);
    expect(m, p).not.toBeNull();
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<script'));
    policies.add(m![1]!);
  }
  expect(policies.size).toBe(1);
  const policy = [...policies][0]!;
  expect(policy).toMatch(/script-src 'self' 'wasm-unsafe-eval' 'sha256-/);
  expect(policy).not.toMatch(/'unsafe-eval'|script-src[^;]*'unsafe-inline'/);
  const headers = readFileSync('dist/_headers', 'utf8');
  expect(headers).toContain(`Content-Security-Policy: ${policy}; frame-ancestors *`);
  expect(headers).toContain('X-Content-Type-Options: nosniff');
  expect(headers).toContain('Referrer-Policy: no-referrer');
});
