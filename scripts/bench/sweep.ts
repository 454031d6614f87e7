// Benchmark of the fidelity–diversity sweep (builds the site first unless SKIP_BUILD=1):
//  - in Node, the lib part alone: one 12-scale series on the exact world (lib/views/guidance-sweep.ts);
//  - in headless Chromium, the widget: wall time of a whole sweep in its worker (exact DDIM + DDPM; learned DDIM + DDPM),
//    and on the main thread meanwhile the longest task (PerformanceObserver 'longtask') and the longest gap between frames.
// Prints numbers; passes or fails nothing. Run: npx tsx scripts/bench/sweep.ts
import { chromium } from '@playwright/test';
import { ExactDenoiser, getBuiltinWorld, makeSchedule } from '../../lib/science';
import { sweepSeriesRun } from '../../lib/views/guidance-sweep';
import { findChromium } from '../../tests/browser/support/chromium';
import { buildSite, startPreview } from '../../tests/browser/support/server';

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

console.log('\n### Node: one 12-scale series on the exact world (two-gaussians, 50 steps), median of 3');
{
  const world = getBuiltinWorld('two-gaussians')!;
  const exact = new ExactDenoiser(world, makeSchedule('linear'));
  for (const n of [200, 1000]) {
    for (const sampler of ['ddim', 'ddpm'] as const) {
      const times: number[] = [];
      for (let r = 0; r < 3; r++) {
        const t0 = performance.now();
        await sweepSeriesRun(exact, world, { denoiser: 'exact', sampler }, { y: 0, guidance: {}, steps: 50, eta: 0, n, seed: 1 });
        times.push(performance.now() - t0);
      }
      console.log(`n = ${String(n).padStart(4)} ${sampler.toUpperCase()}: ${median(times).toFixed(0)} ms`);
    }
  }
}

if (process.env.SKIP_BUILD !== '1') buildSite();
const { url, stop } = await startPreview();
const browser = await chromium.launch({ executablePath: findChromium(), args: ['--no-sandbox', '--disable-quic'] });
try {
  console.log('\n### Chromium: the widget’s sweep in its worker (12 scales × DDIM + DDPM, 50 steps); main thread meanwhile');
  for (const [label, query] of [
    ['exact,   n = 1000', 'n=1000&steps=50'],
    ['learned, n = 1000', 'n=1000&steps=50&sweepExact=0&sweepLearned=1'],
  ] as const) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.addInitScript(`
      window.longest = [];
      window.gap = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) if (window.watching) window.longest.push(e.duration);
      }).observe({ type: 'longtask' });
    `);
    await page.goto(new URL(`embed/guidance-sweep/?${query}`, url).toString());
    await page.locator('sf-guidance-sweep[data-state="running"]').waitFor({ state: 'attached', timeout: 60_000 });
    // A string, not a function: tsx would wrap named functions in a helper the page does not have.
    await page.evaluate(`(() => {
      window.watching = true;
      let last = performance.now();
      const tick = (now) => {
        window.gap = Math.max(window.gap, now - last);
        last = now;
        if (document.querySelector('sf-guidance-sweep')?.getAttribute('data-state') === 'running') requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    })()`);
    await page.locator('sf-guidance-sweep[data-state="done"]').waitFor({ state: 'attached', timeout: 300_000 });
    const r = await page.evaluate(() => {
      const w = window as unknown as { longest: number[]; gap: number };
      const el = document.querySelector('sf-guidance-sweep')!;
      return {
        ms: Number(el.getAttribute('data-ms')),
        points: Number(el.getAttribute('data-points')),
        longtasks: w.longest,
        gap: w.gap,
        status: document.querySelector('sf-guidance-sweep [data-part="status"]')?.textContent,
      };
    });
    const longest = r.longtasks.length ? Math.max(...r.longtasks) : 0;
    console.log(
      `${label}: ${r.points} points in ${(r.ms / 1000).toFixed(2)} s (worker); main thread: ${r.longtasks.length} tasks ≥ 50 ms` +
        `${r.longtasks.length ? `, longest ${longest.toFixed(0)} ms` : ''}; longest frame gap ${r.gap.toFixed(0)} ms. ${r.status ?? ''}`,
    );
    await page.close();
  }
} finally {
  await browser.close();
  await stop();
}
