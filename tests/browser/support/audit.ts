import type { Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

/** What a page did while it loaded: every kind of failure the harness looks for. */
export interface PageLog {
  consoleErrors: string[];
  pageErrors: string[];
  outsideRequests: string[];
  failedResponses: string[];
}

/**
 * Starts recording a page's console errors, uncaught errors, requests to any host but the site's
 * (which are also aborted, so a test never touches the network) and HTTP error responses.
 * Call before navigating.
 */
export async function watchPage(page: Page, siteOrigin: string): Promise<PageLog> {
  const log: PageLog = { consoleErrors: [], pageErrors: [], outsideRequests: [], failedResponses: [] };
  page.on('console', (msg) => {
    if (msg.type() === 'error') log.consoleErrors.push(msg.text());
  });
  page.on('pageerror', (err) => log.pageErrors.push(err.message));
  page.on('response', (res) => {
    if (res.status() >= 400) log.failedResponses.push(`${res.status()} ${res.url()}`);
  });
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (isOutside(url, siteOrigin)) {
      log.outsideRequests.push(url);
      return route.abort('blockedbyclient');
    }
    return route.fallback(); // to a test's own route for this URL, if any, else to the network
  });
  return log;
}

function isOutside(url: string, siteOrigin: string): boolean {
  if (url.startsWith('data:') || url.startsWith('blob:')) return false;
  return new URL(url).origin !== siteOrigin;
}

/** Facts about the rendered DOM: title, headings, language, and the state of every math block. */
export async function inspectDom(page: Page) {
  return page.evaluate(async () => {
    await document.fonts.ready;
    const katexFonts = [...document.fonts].filter((f) => f.family.replace(/["']/g, '').startsWith('KaTeX'));
    const rawDollars = [...document.querySelectorAll('main p, main li, main td')].filter(
      (el) => !el.closest('pre, code, .katex') && /\$\$|\\\(|\\\[/.test(el.textContent ?? ''),
    ).length;
    return {
      title: document.title.trim(),
      lang: document.documentElement.lang,
      h1Count: document.querySelectorAll('h1').length,
      katexErrors: [...document.querySelectorAll('.katex-error')].map((e) => e.getAttribute('title') ?? e.textContent ?? ''),
      // Math the reader can see: math in a closed <details> (an embed's caption) loads its fonts when opened.
      mathBlocks: [...document.querySelectorAll('.katex')].filter((el) => el.checkVisibility()).length,
      unrenderedMath: document.querySelectorAll('code.language-math, .math-inline:not(.katex), .math-display:not(:has(.katex))').length + rawDollars,
      katexFontsLoaded: katexFonts.filter((f) => f.status === 'loaded').length,
      katexFontsFailed: katexFonts.filter((f) => f.status === 'error').map((f) => f.family),
    };
  });
}

/** Serious or critical accessibility violations found by axe-core, as readable lines. */
export async function accessibilityProblems(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `a11y ${v.impact}: ${v.id} (${v.help}) at ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(', ')}`,
    );
}

/**
 * Every problem the harness knows on a page, as readable lines; empty means the page passes.
 * `log` is what watchPage recorded while the page loaded.
 */
export async function pageProblems(page: Page, log: PageLog): Promise<string[]> {
  const dom = await inspectDom(page);
  const problems: string[] = [
    ...log.consoleErrors.map((m) => `console error: ${m}`),
    ...log.pageErrors.map((m) => `page error: ${m}`),
    ...log.outsideRequests.map((u) => `request outside the site: ${u}`),
    ...log.failedResponses.map((r) => `failed response: ${r}`),
    ...dom.katexErrors.map((m) => `KaTeX error: ${m}`),
  ];
  if (!dom.title) problems.push('no <title>');
  if (!dom.lang) problems.push('no lang on <html>');
  if (dom.h1Count !== 1) problems.push(`${dom.h1Count} <h1> elements (want exactly 1)`);
  if (dom.unrenderedMath > 0) problems.push(`${dom.unrenderedMath} math blocks left unrendered`);
  if (dom.mathBlocks > 0 && dom.katexFontsLoaded === 0) problems.push('math on the page but no KaTeX font loaded');
  for (const f of dom.katexFontsFailed) problems.push(`KaTeX font failed to load: ${f}`);
  problems.push(...(await accessibilityProblems(page)));
  return problems;
}

/**
 * Widgets start when scrolled into view: bring each one (custom elements named sf-…) into view in turn and wait until
 * it reports data-ready="true". Returns a problem line for each widget that never became ready.
 */
export async function wakeWidgets(page: Page, timeout = 60_000): Promise<string[]> {
  const problems: string[] = [];
  const widgets = page.locator('.widget');
  for (let i = 0; i < (await widgets.count()); i++) {
    const widget = widgets.nth(i);
    const name = await widget.evaluate((el) => el.tagName.toLowerCase());
    await widget.scrollIntoViewIfNeeded();
    try {
      await widget.and(page.locator('[data-ready="true"]')).waitFor({ timeout });
    } catch {
      problems.push(`widget ${name} #${i + 1} did not become ready`);
    }
  }
  return problems;
}

/** Navigates to `url`, wakes its widgets, and returns its problems (see pageProblems). */
export async function auditPage(page: Page, url: string, { widgetTimeout = 60_000 } = {}): Promise<string[]> {
  const log = await watchPage(page, new URL(url).origin);
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForLoadState('networkidle');
  const widgetProblems = await wakeWidgets(page, widgetTimeout);
  await page.waitForLoadState('networkidle');
  return [...widgetProblems, ...(await pageProblems(page, log))];
}

/** What a reader or a screen reader gets: the visible text and the ARIA labels of the page and of its frames. */
export async function shownText(page: Page): Promise<string> {
  const parts: string[] = [];
  for (const frame of page.frames()) {
    const text = await frame
      .evaluate(() => {
        // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what a reader sees (hidden parts excluded)
        const visible = document.body?.innerText ?? '';
        return [visible, ...[...document.querySelectorAll('[aria-label]')].map((e) => e.getAttribute('aria-label') ?? '')].join('\n');
      })
      .catch(() => ''); // a frame that navigated away meanwhile
    parts.push(text);
  }
  return parts.join('\n');
}
