import { test, expect, type Frame, type Page } from '@playwright/test';
import { startHosts } from './support/hosts';
import { siteUrl } from './support/site';

/**
 * The host API across origins (support/hosts.ts "api" host, which records what the frames post): state after each
 * change and on request, commands validated (a bad value leaves the setting as it was, with a notice), the sampler's
 * "finished" event with its metrics, two frames of one group sharing a slider, and 1,000 fuzzed host messages.
 */
let hosts: Awaited<ReturnType<typeof startHosts>>;
test.beforeAll(async () => {
  hosts = await startHosts();
});
test.afterAll(async () => hosts.close());

type Received = { frame: number; data: { type: string; name?: string; state?: Record<string, unknown>; detail?: Record<string, unknown> } };
const received = (page: Page) => page.evaluate(() => (window as unknown as { received: Received[] }).received);
const lastState = async (page: Page, frame: number) =>
  (await received(page)).filter((r) => r.frame === frame && r.data.type === 'scorefield:state').at(-1)?.data.state;
const frameOf = async (page: Page, i: number) => (await (await page.locator(`#sf${i}`).elementHandle())!.contentFrame()) as Frame;
const post = (page: Page, i: number, msg: unknown) =>
  page.evaluate(([i, msg]) => document.querySelectorAll('iframe')[i as number]!.contentWindow!.postMessage(msg, '*'), [i, msg] as const);

test('state and events round-trip between the host and the figure; bad values are left as they were', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(hosts.url('api', [siteUrl('embed/guided-sampler/?denoiser=exact&n=100&steps=10')]));
  await expect.poll(async () => (await lastState(page, 0))?.steps).toBe(10);

  await post(page, 0, { type: 'scorefield:set', state: { s: 4.2, t: 'abc', sampler: 'nope' } });
  await expect.poll(async () => (await lastState(page, 0))?.s).toBe(4.2);
  const frame = await frameOf(page, 0);
  const notices = frame.locator('.widget [data-part="notices"]');
  await expect(notices).toContainText('t = “abc” → 300 (invalid value; left as it was)');
  await expect(notices).toContainText('sampler = “nope” → ddim');
  expect((await lastState(page, 0))?.sampler).toBe('ddim');

  // Asked for it, the figure answers with its state even when nothing changed.
  const before = (await received(page)).length;
  await post(page, 0, { type: 'scorefield:get' });
  await expect.poll(async () => (await received(page)).length).toBeGreaterThan(before);
  expect((await received(page)).at(-1)!.data).toMatchObject({ type: 'scorefield:state', state: { s: 4.2, n: 100 } });

  // A change made in the figure reaches the host; then the sampler runs to the end and reports its metrics.
  await frame.locator('input[type="range"][data-key="s"]').first().fill('2');
  await expect.poll(async () => (await lastState(page, 0))?.s).toBe(2);
  // A change restarts the sampler (it plays on by itself unless the reader asked for reduced motion).
  const play = frame.locator('[data-part="play"]');
  if ((await play.getAttribute('aria-pressed')) !== 'true') await play.click();
  const finished = async () => (await received(page)).filter((r) => r.data.name === 'sampler-finished').at(-1)?.data.detail;
  await expect.poll(async () => (await finished())?.s, { timeout: 45_000 }).toBe(2);
  const detail = (await finished())!;
  expect(detail).toMatchObject({ steps: 10, n: 100, sampler: 'ddim' });
  expect(detail.fidelity).toBeGreaterThan(0);
  expect(detail.fidelity).toBeLessThanOrEqual(1);
  expect(errors).toEqual([]);
});

test('two figures of one group share their state; 1,000 fuzzed host messages break nothing and show no NaN', async ({ page }) => {
  test.setTimeout(90_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(hosts.url('api', [siteUrl('embed/score-field/?group=g1&denoiser=exact'), siteUrl('embed/guided-vs-tilted/?group=g1')]));
  await expect.poll(async () => (await lastState(page, 1))?.s).toBe(7.5);
  const a = await frameOf(page, 0);
  await a.locator('.slider-panel input[type="range"]').fill('3.4');
  await expect.poll(async () => (await lastState(page, 1))?.s).toBe(3.4);
  await expect(await frameOf(page, 1).then((f) => f.locator('input[data-key="s"]').first())).toHaveValue('3.4');

  const n = await page.evaluate(() => {
    let seed = 12345;
    const rnd = (k: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % k;
    };
    const values: unknown[] = [
      Number.NaN,
      Number.POSITIVE_INFINITY,
      -1e308,
      1e308,
      '1e999',
      '',
      'NaN',
      true,
      null,
      {},
      [],
      'x'.repeat(300),
      -0,
      0.1,
      42,
      'ddpm',
      '<img src=x>',
      { toString: 1 },
    ];
    const keys = ['s', 't', 'y', 'neg', 'world', 'n', 'steps', 'eta', 'view', 'swview', '__proto__', 'constructor', 'hide', ''];
    const types = ['scorefield:set', 'scorefield:get', 'scorefield:state', 'h5p', 'lti.frameResize', 'x'];
    const frames = [...document.querySelectorAll('iframe')];
    for (let k = 0; k < 1000; k++) {
      const state: Record<string, unknown> = {};
      for (let j = 0; j < rnd(4); j++) state[keys[rnd(keys.length)]!] = values[rnd(values.length)];
      const shape = rnd(5);
      const msg =
        shape === 0
          ? { type: types[rnd(types.length)], state }
          : shape === 1
            ? JSON.stringify({ type: 'scorefield:set', state })
            : shape === 2
              ? values[rnd(values.length)]
              : shape === 3
                ? { type: 'scorefield:set', state: values[rnd(values.length)] }
                : { context: 'h5p', action: types[rnd(types.length)], scrollHeight: values[rnd(values.length)] };
      try {
        frames[rnd(frames.length)]!.contentWindow!.postMessage(msg, '*');
      } catch {
        /* not cloneable: the host could not send it either */
      }
    }
    return frames.length;
  });
  expect(n).toBe(2);
  // A last valid command, so we know every fuzzed message before it was handled.
  await post(page, 0, { type: 'scorefield:set', state: { s: 5 } });
  await expect.poll(async () => (await lastState(page, 1))?.s).toBe(5);
  for (const i of [0, 1]) {
    const f = await frameOf(page, i);
    const text = await f.evaluate(() => document.body.textContent);
    expect(text).not.toMatch(/\bNaN\b/);
    const state = (await lastState(page, i))!;
    for (const [key, value] of Object.entries(state)) expect(typeof value === 'number' ? Number.isFinite(value) : true, key).toBe(true);
  }
  expect(errors).toEqual([]);
});
