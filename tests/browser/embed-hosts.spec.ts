import { test, expect, type Frame, type Page } from '@playwright/test';
import { WIDGET_NAMES } from '../../components/widgets/names';
import { HOST_PROTOCOLS, startHosts } from './support/hosts';
import { siteUrl } from './support/site';

/**
 * Resize on every host convention: a mock host on another origin (support/hosts.ts) that runs only its own protocol
 * embeds all six widgets at the pasted 760 px. Each frame must come within a few pixels of its content, with nothing
 * cut off, at load, after a notice appears (a host command with a bad value) and after it is dismissed, at 360 px wide
 * and back at 1280 px. One page load per host.
 */
const TOLERANCE_PX = 4;
let hosts: Awaited<ReturnType<typeof startHosts>>;
test.beforeAll(async () => {
  hosts = await startHosts();
});
test.afterAll(async () => hosts.close());

async function frames(page: Page): Promise<Frame[]> {
  return Promise.all(WIDGET_NAMES.map(async (_, i) => (await page.locator(`#sf${i}`).elementHandle())!.contentFrame() as Promise<Frame>));
}

/** How far the frame's height is from its content's: positive = blank space, negative = content cut off. */
async function gap(page: Page, frame: Frame, i: number): Promise<number | string> {
  // Chromium does not lay out cross-origin frames that are off screen (their innerHeight is stale): look at it.
  await page.locator(`#sf${i}`).scrollIntoViewIfNeeded();
  const frameHeight = await page.locator(`#sf${i}`).evaluate((f) => f.getBoundingClientRect().height);
  const content = await frame.evaluate(() => {
    const main = document.querySelector('[data-embed-content]')!;
    const cut = document.documentElement.scrollHeight - innerHeight;
    return {
      bottom: main.getBoundingClientRect().bottom + scrollY,
      cut,
      reported: document.documentElement.dataset.reportedHeight,
      measured: document.documentElement.dataset.measuredHeight,
    };
  });
  // Anything that needs scrolling inside the frame is cut off, whatever the content's box says.
  const g = content.cut > 1 ? -content.cut : Math.round(frameHeight - content.bottom);
  return g >= -1 && g <= TOLERANCE_PX
    ? g
    : `${g} (frame ${frameHeight}, content ${content.bottom}, reported ${content.reported}, measured ${content.measured})`;
}

async function expectFitted(page: Page, all: Frame[], when: string): Promise<void> {
  for (const [i, frame] of all.entries()) {
    // The gap while it is out of range (blank or cut off), 'fitted' once it is within the tolerance.
    const state = async () => {
      const g = await gap(page, frame, i);
      return typeof g === 'number' ? 'fitted' : g;
    };
    await expect.poll(state, { message: `${WIDGET_NAMES[i]} ${when}`, timeout: 45_000 }).toBe('fitted');
  }
}

for (const protocol of HOST_PROTOCOLS) {
  test(`${protocol} host: every widget's frame follows its content (load, notice, dismiss, 360 px, 1280 px)`, async ({ page }) => {
    test.setTimeout(300_000);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(
      hosts.url(
        protocol,
        WIDGET_NAMES.map((w) => siteUrl(`embed/${w}/`)),
      ),
    );
    const all = await frames(page);
    await expectFitted(page, all, 'at load');
    const loaded = await Promise.all(all.map((_, i) => page.locator(`#sf${i}`).evaluate((f) => f.getBoundingClientRect().height)));
    expect(Math.min(...loaded)).toBeGreaterThan(300);

    // A command with a bad value: the notice appears. The state also changes (a drawing option, cheap to apply), so
    // the live URL differs from the src the Embedly host knows the frame by.
    await page.evaluate(() => {
      for (const f of document.querySelectorAll('iframe')) f.contentWindow!.postMessage({ type: 'scorefield:set', state: { x0hat: true, t: 'abc' } }, '*');
    });
    for (const frame of all) await expect(frame.locator('.widget [data-part="notices"]')).toBeVisible();
    for (const frame of all) await expect.poll(() => frame.evaluate(() => location.search)).toContain('x0hat=1');
    await expectFitted(page, all, 'with a notice');
    for (const frame of all) await frame.locator('.widget [data-part="notices"] .notice-close').dispatchEvent('click');
    await expectFitted(page, all, 'after dismissing the notice');

    await page.setViewportSize({ width: 360, height: 800 });
    await expectFitted(page, all, 'at 360 px');
    await page.setViewportSize({ width: 1280, height: 900 });
    await expectFitted(page, all, 'back at 1280 px');
    expect(errors).toEqual([]);
  });
}
