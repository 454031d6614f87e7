import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { parseWeights, stringifyWeights } from '../../lib/model/weights';
import { FUZZ_SEED, hostMessage, hostileQuery, tensorDamage, textDamage } from '../unit/fuzz/arbitraries';
import { shownText, watchPage, type PageLog } from './support/audit';
import { builtPages, siteUrl } from './support/site';
import { test, expect } from './support/test';

/**
 * Fuzzing in real pages, seeded (fast-check's generators, shared with the Vitest fuzz tests that run the bulk:
 * tests/unit/fuzz): hostile query strings on every page, 1,000 host messages per embed posted from a cross-origin
 * parent, corrupted weight files imported into the lab. After each: no page error, no NaN / Infinity / undefined in
 * visible text or ARIA labels, no request off the site, and the widget still working. A failure names the input.
 */
test.describe.configure({ timeout: 240_000 });

const BAD = /\bNaN\b|Infinity|undefined/;
const EMBEDS = ['score-field', 'guided-sampler', 'training-lab', 'classifier-guidance', 'guidance-sweep', 'guided-vs-tilted'];

function assertClean(log: PageLog, text: string, input: string) {
  expect(log.pageErrors, `page errors for ${JSON.stringify(input)}`).toEqual([]);
  expect(log.outsideRequests, `requests off the site for ${JSON.stringify(input)}`).toEqual([]);
  const bad = BAD.exec(text);
  expect(bad ? text.slice(Math.max(0, bad.index - 80), bad.index + 40) : null, `NaN/Infinity/undefined shown for ${JSON.stringify(input)}`).toBeNull();
}

test('hostile query strings on every page: no page error, nothing bad shown, nothing fetched off the site', async ({ page }) => {
  const pages = builtPages().filter((p) => !p.endsWith('404.html'));
  const queries = fc.sample(hostileQuery, { seed: FUZZ_SEED, numRuns: pages.length + 2 * EMBEDS.length });
  const log = await watchPage(page, new URL(siteUrl()).origin);
  const visits = [...pages, ...EMBEDS.flatMap((e) => Array(2).fill(`embed/${e}/`))];
  for (const [i, path] of visits.entries()) {
    const q = queries[i]!.startsWith('?') ? queries[i]! : `?${queries[i]}`;
    await page.goto(siteUrl(path) + q, { waitUntil: 'load' });
    const first = page.locator('.widget').first();
    if ((await first.count()) > 0) {
      await first.scrollIntoViewIfNeeded(); // widgets start when they come into view
      await expect(first, `${path}${q}`).toHaveAttribute('data-ready', 'true', { timeout: 90_000 });
    }
    assertClean(log, await shownText(page), `${path}${q}`);
  }
});

test.describe('host messages', () => {
  for (const embed of EMBEDS) {
    test(`1,000 host messages from a cross-origin parent to the ${embed} embed: refused or applied, and the widget still obeys`, async ({ page }) => {
      const site = new URL(siteUrl());
      // The parent lives on another origin (localhost vs 127.0.0.1: same server, another site).
      const parentOrigin = `http://localhost:${site.port}`;
      const log = await watchPage(page, site.origin);
      await page.route(`${parentOrigin}/**`, (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>host</title><h1>host</h1>' }));
      log.outsideRequests.length = 0;
      // Errors inside the cross-origin frame, recorded there (pageerror may not reach across processes).
      await page.addInitScript(() => {
        const errors: string[] = [];
        (globalThis as unknown as { __sfErrors: string[] }).__sfErrors = errors;
        addEventListener('error', (e) => errors.push(e.message));
        addEventListener('unhandledrejection', (e) => errors.push(String(e.reason)));
      });
      await page.goto(`${parentOrigin}/host.html`);
      log.outsideRequests.length = 0;
      const src = `${siteUrl(`embed/${embed}/`)}?denoiser=exact`;
      await page.evaluate((url) => {
        const f = document.createElement('iframe');
        f.src = url;
        f.style.width = '1000px';
        f.style.height = '900px';
        document.body.append(f);
      }, src);
      const frame = page.frameLocator('iframe');
      await expect(frame.locator('.widget').first()).toHaveAttribute('data-ready', 'true', { timeout: 90_000 });
      const messages = fc.sample(hostMessage, { seed: FUZZ_SEED + EMBEDS.indexOf(embed), numRuns: 1000 });
      await page.evaluate(async (msgs) => {
        const win = document.querySelector('iframe')!.contentWindow!;
        for (let i = 0; i < msgs.length; i++) {
          try {
            win.postMessage(msgs[i], '*');
          } catch {
            /* not cloneable: never sent */
          }
          if (i % 100 === 99) await new Promise((r) => setTimeout(r, 50));
        }
      }, messages);
      // Still obeying: a valid command after the flood is applied.
      await page.evaluate(() =>
        document
          .querySelector('iframe')!
          .contentWindow!.postMessage({ type: 'scorefield:set', state: { denoiser: 'exact', world: 'two-gaussians', s: 2.3 } }, '*'),
      );
      await expect(frame.locator('input[data-key="s"]').first()).toHaveValue('2.3', { timeout: 30_000 });
      await expect(frame.locator('.widget').first()).toHaveAttribute('data-ready', 'true', { timeout: 90_000 });
      const embedFrame = page.frames().find((f) => f.url().startsWith(site.origin))!;
      expect(await embedFrame.evaluate(() => (globalThis as unknown as { __sfErrors: string[] }).__sfErrors)).toEqual([]);
      const notices = (await frame.locator('[data-part="notices"]').first().textContent()) ?? '';
      expect(notices.length).toBeLessThan(2000);
      assertClean(
        { ...log, outsideRequests: log.outsideRequests.filter((u) => !u.startsWith(parentOrigin)) },
        await shownText(page),
        `host messages to ${embed}`,
      );
    });
  }
});

test('corrupted weight files imported into the lab: each refused with a short message or adopted; a good file is adopted after', async ({ page }) => {
  const shippedText = readFileSync('public/weights/two-gaussians-add.json', 'utf8');
  const shipped = parseWeights(shippedText);
  const damaged = fc
    .sample(
      fc.oneof(
        textDamage.map((d) => ({ text: d })),
        tensorDamage.map((t) => ({ tensor: t })),
      ),
      { seed: FUZZ_SEED, numRuns: 12 },
    )
    .map((d) => {
      if ('text' in d) {
        const t = d.text;
        if (t.kind === 'truncate') return shippedText.slice(0, Math.floor(t.at * shippedText.length));
        let text = shippedText;
        for (const [at, s] of t.edits) text = text.slice(0, Math.floor(at * text.length)) + s + text.slice(Math.floor(at * text.length) + s.length);
        return text;
      }
      const values = new Map([...shipped.values].map(([k, v]) => [k, Float32Array.from(v)]));
      const v = values.get('out.w')!;
      v[Math.floor(d.tensor.fraction * (v.length - 1))] = Number.isFinite(d.tensor.value) ? d.tensor.value : 3e38;
      const { values: _v, ...meta } = shipped;
      return stringifyWeights(meta, values);
    });
  const log = await watchPage(page, new URL(siteUrl()).origin);
  await page.goto(siteUrl('embed/training-lab/'));
  const lab = page.locator('sf-training-lab');
  await expect(lab).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
  const input = lab.locator('input[type="file"]');
  const message = lab.locator('[data-part="message"]');
  for (const [i, text] of damaged.entries()) {
    await input.setInputFiles({ name: `damaged-${i}.json`, mimeType: 'application/json', buffer: Buffer.from(text) });
    const outcome = async () => `${await message.textContent()} ${await lab.locator('[data-part="live"]').textContent()}`;
    await expect.poll(outcome, { message: `damaged file #${i}` }).toMatch(new RegExp(`damaged-${i}\\.json (was refused|\\.)|Imported damaged-${i}\\.json`));
    expect(((await message.textContent()) ?? '').length).toBeLessThanOrEqual(600);
    assertClean(log, await shownText(page), `damaged file #${i}`);
  }
  await input.setInputFiles({ name: 'good.json', mimeType: 'application/json', buffer: Buffer.from(shippedText) });
  await expect(lab.locator('[data-part="live"]')).toHaveText('Imported good.json.');
  await expect(lab).toHaveAttribute('data-learned-drawn', 'true', { timeout: 60_000 });
  assertClean(log, await shownText(page), 'the good file');
});
