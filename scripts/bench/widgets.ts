// Benchmark of the widgets in headless Chromium on the built site (builds it first unless SKIP_BUILD=1):
//  - slider input → redrawn field: the JavaScript time of one guidance-scale move (median of 200);
//  - t change → redrawn field, per denoiser and tfjs backend (median of 8);
//  - guided sampler: particle-steps per second per backend (1000 particles, 50 DDIM steps, doubled batch);
//  - the page's backend selection: training step and field forward per backend, as measured in the page;
//  - JavaScript bytes (gzip) a page loads before its widgets start and after.
// Prints medians; passes or fails nothing.
import { chromium, type Page } from '@playwright/test';
import { gzipSync } from 'node:zlib';
import { findChromium } from '../../tests/browser/support/chromium';
import { buildSite, startPreview } from '../../tests/browser/support/server';

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const ms = (v: number) => `${v.toFixed(v < 10 ? 2 : 0)} ms`;
/** The denoisers and tfjs backends every per-backend measurement runs over. */
const DENOISER_BACKENDS = [
  ['exact', 'auto'],
  ['learned', 'wasm'],
  ['learned', 'webgl'],
  ['learned', 'cpu'],
] as const;

if (process.env.SKIP_BUILD !== '1') buildSite();
const { url, stop } = await startPreview();
const browser = await chromium.launch({ executablePath: findChromium(), args: ['--no-sandbox', '--disable-quic'] });

async function openWidget(path: string, tag: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(new URL(path, url).toString());
  await page.locator(tag).and(page.locator('[data-ready="true"]')).waitFor({ timeout: 180_000 });
  return page;
}

try {
  // Slider → redraw (exact and learned: a slider move never calls the denoiser).
  console.log('\n### Guidance slider → redrawn panel (JavaScript time, median of 200 moves)');
  for (const denoiser of ['exact', 'learned']) {
    const page = await openWidget(`embed/score-field/?denoiser=${denoiser}&backend=wasm`, 'sf-score-field');
    const times = await page.evaluate(() => {
      const slider = document.querySelector<HTMLInputElement>('input[data-key="s"]')!;
      const out: number[] = [];
      for (let i = 0; i < 200; i++) {
        slider.value = String((i % 150) / 10);
        const t0 = performance.now();
        slider.dispatchEvent(new Event('input', { bubbles: true }));
        out.push(performance.now() - t0);
      }
      return out;
    });
    console.log(`${denoiser.padEnd(8)} median ${ms(median(times))}, max ${ms(Math.max(...times))} (frame budget 16 ms)`);
    await page.close();
  }

  // The page's own backend measurement (a training step of batch 256 and a 32×32 doubled-batch forward, per backend).
  console.log('\n### Backend selection in the page (medians of 5, as the status line reports them)');
  {
    const page = await openWidget('embed/score-field/?backend=auto', 'sf-score-field');
    await page.locator('sf-score-field[data-denoiser="learned"]').waitFor({ timeout: 180_000 });
    console.log(await page.locator('[data-part="status"]').textContent());
    await page.close();
  }

  // t change → redraw, per backend.
  console.log('\n### Timestep change → redrawn panels (median of 8)');
  for (const [denoiser, backend] of DENOISER_BACKENDS) {
    const t0 = Date.now();
    const page = await openWidget(`embed/score-field/?denoiser=${denoiser}&backend=${backend}`, 'sf-score-field');
    const startup = Date.now() - t0;
    const times: number[] = [];
    for (let i = 0; i < 8; i++) {
      times.push(
        await page.evaluate(
          async (t) => {
            const el = document.querySelector<HTMLElement>('sf-score-field')!;
            const slider = el.querySelector<HTMLInputElement>('input[data-key="t"]')!;
            const start = performance.now();
            slider.value = String(t);
            slider.dispatchEvent(new Event('input', { bubbles: true }));
            while (el.dataset.ready !== 'true' || el.dataset.denoiser !== (new URL(location.href).searchParams.get('denoiser') ?? 'learned')) {
              await new Promise((r) => setTimeout(r, 2));
            }
            return performance.now() - start;
          },
          100 + 90 * i,
        ),
      );
    }
    const status = await page.locator('[data-part="status"]').textContent();
    console.log(`${denoiser.padEnd(8)} ${backend.padEnd(6)} median ${ms(median(times))}; page to first field ${startup} ms; ${status}`);
    await page.close();
  }

  // Sampler throughput, per backend.
  console.log('\n### Guided sampler: 1000 particles × 50 DDIM steps (doubled batch of 2000 per step)');
  for (const [denoiser, backend] of DENOISER_BACKENDS) {
    const page = await openWidget(`embed/guided-sampler/?denoiser=${denoiser}&backend=${backend}&n=1000&steps=50`, 'sf-guided-sampler');
    const seconds = await page.evaluate(async () => {
      const reset = document.querySelector<HTMLButtonElement>('[data-part="reset"]')!;
      const play = document.querySelector<HTMLButtonElement>('[data-part="play"]')!;
      const progress = document.querySelector<HTMLElement>('[data-part="progress"]')!;
      reset.click();
      await new Promise((r) => setTimeout(r, 50));
      const t0 = performance.now();
      play.click();
      while (!progress.textContent?.startsWith('done')) await new Promise((r) => setTimeout(r, 5));
      return (performance.now() - t0) / 1000;
    });
    console.log(
      `${denoiser.padEnd(8)} ${backend.padEnd(6)} ${((1000 * 50) / seconds).toFixed(0)} particle-steps/s (${seconds.toFixed(2)} s, one animation frame per step)`,
    );
    await page.close();
  }

  // JavaScript bytes before / after the widgets start (they start when scrolled into view; tfjs loads with the learned model).
  console.log('\n### JavaScript loaded (gzip) at page load and after every widget on the page has started');
  for (const path of ['', 'chapters/01-scores-and-bayes/', 'chapters/03-classifier-free-guidance/', 'chapters/05-sampling-with-guidance/']) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const sizes: Promise<number>[] = [];
    page.on('response', (res) => {
      if (/\.m?js(\?|$)/.test(res.url()))
        sizes.push(
          res.body().then(
            (b) => gzipSync(b).length,
            () => 0,
          ),
        );
    });
    const total = async () => (await Promise.all(sizes)).reduce((a, b) => a + b, 0);
    await page.goto(new URL(path, url).toString(), { waitUntil: 'networkidle' });
    const before = await total();
    const widgets = page.locator('.widget');
    for (let i = 0; i < (await widgets.count()); i++) {
      await widgets.nth(i).scrollIntoViewIfNeeded();
      await widgets.nth(i).and(page.locator('[data-ready="true"]')).waitFor({ timeout: 180_000 });
    }
    await page.waitForLoadState('networkidle');
    const after = await total();
    console.log(
      `/${path.padEnd(40)} at load ${(before / 1024).toFixed(1)} KB, after its ${await widgets.count()} widgets started ${(after / 1024).toFixed(1)} KB`,
    );
    await page.close();
  }
} finally {
  await browser.close();
  await stop();
}
