// Benchmark of the training lab in headless Chromium on the built site (builds it first unless SKIP_BUILD=1):
//  - training steps per second in the worker, per tfjs backend (auto = measured choice, then wasm, webgl, cpu forced);
//  - the longest main-thread task (PerformanceObserver 'longtask', ≥ 50 ms) while training, and how many there were.
// Prints numbers; passes or fails nothing. Run: npx tsx scripts/bench/training-lab.ts [steps, default 500]
import { chromium } from '@playwright/test';
import { findChromium } from '../../tests/browser/support/chromium';
import { buildSite, startPreview } from '../../tests/browser/support/server';

const steps = Number(process.argv[2] ?? 500);
if (process.env.SKIP_BUILD !== '1') buildSite();
const { url, stop } = await startPreview();
const browser = await chromium.launch({ executablePath: findChromium(), args: ['--no-sandbox', '--disable-quic'] });

try {
  console.log(`\n### Training lab: ${steps} steps (batch 128, add conditioning, two-gaussians), in the worker`);
  console.log('backend   steps/s   wall s   longest main-thread task   long tasks   worker status');
  for (const backend of ['auto', 'wasm', 'webgl', 'cpu']) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(new URL(`embed/training-lab/?trainSteps=${steps}&backend=${backend}`, url).toString());
    await page.locator('sf-training-lab[data-ready="true"]').waitFor({ timeout: 120_000 });
    await page.evaluate(() => {
      const w = globalThis as unknown as { longTasks: number[] };
      w.longTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.longTasks.push(e.duration);
      }).observe({ type: 'longtask', buffered: false });
    });
    const t0 = Date.now();
    await page.locator('[data-part="train"]').click();
    await page.locator('sf-training-lab[data-phase="done"]').waitFor({ timeout: 900_000 });
    const wall = (Date.now() - t0) / 1000;
    await page.waitForTimeout(500);
    const r = await page.evaluate(() => {
      const el = document.querySelector('sf-training-lab') as unknown as { lastProgress?: { stepsPerSecond: number }; backendSummary: string };
      const tasks = (globalThis as unknown as { longTasks: number[] }).longTasks;
      return { sps: el.lastProgress?.stepsPerSecond ?? NaN, status: el.backendSummary, longest: tasks.length ? Math.max(...tasks) : 0, count: tasks.length };
    });
    console.log(
      `${backend.padEnd(9)} ${r.sps.toFixed(1).padStart(7)}   ${wall.toFixed(1).padStart(6)}   ${`${r.longest.toFixed(0)} ms`.padStart(24)}   ${String(r.count).padStart(10)}   ${r.status}`,
    );
    await page.close();
  }
} finally {
  await browser.close();
  await stop();
}
