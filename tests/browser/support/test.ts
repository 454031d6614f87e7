import { test as base, expect, type BrowserContext } from '@playwright/test';

/**
 * Playwright's `test` with the Content-Security-Policy watched on every page of every test (the default context and
 * any context a test opens with browser.newContext): a violation, reported by the page's securitypolicyviolation
 * event or by Chromium's console message for it, fails the test that caused it. Every spec imports `test` from here.
 */
async function watchCsp(context: BrowserContext, violations: string[]): Promise<void> {
  await context.exposeBinding('__scorefieldCspViolation', (_source, line: string) => {
    violations.push(line);
  });
  await context.addInitScript(() => {
    addEventListener('securitypolicyviolation', (e) => {
      const report = (globalThis as unknown as { __scorefieldCspViolation?: (line: string) => void }).__scorefieldCspViolation;
      report?.(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  context.on('console', (msg) => {
    if (/Content Security Policy/i.test(msg.text())) violations.push(msg.text());
  });
}

export const test = base.extend<{ cspViolations: string[] }>({
  cspViolations: [
    async ({ context, browser }, use, testInfo) => {
      const violations: string[] = [];
      await watchCsp(context, violations);
      const newContext = browser.newContext.bind(browser);
      browser.newContext = async (...args: Parameters<typeof newContext>) => {
        const c = await newContext(...args);
        await watchCsp(c, violations);
        return c;
      };
      try {
        await use(violations);
      } finally {
        browser.newContext = newContext;
      }
      if (testInfo.status === testInfo.expectedStatus) expect(violations, 'Content-Security-Policy violations').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
export type { Page } from '@playwright/test';
