import { defineConfig } from '@playwright/test';
import { findChromium } from './tests/browser/support/chromium';

/**
 * Browser tests: Playwright driving a system Chromium (CHROME_PATH, else /usr/bin/chromium, …) against the
 * built site, served by `astro preview` from a sub-path (BASE_PATH, default /scorefield/) on a free port.
 * The global setup builds the site, starts the server and hands its URL to the tests in SCOREFIELD_URL.
 */
export default defineConfig({
  testDir: './tests/browser',
  testMatch: '**/*.spec.ts',
  globalSetup: './tests/browser/global-setup.ts',
  outputDir: './test-results',
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    launchOptions: {
      executablePath: findChromium(),
      // Root on these machines needs --no-sandbox; QUIC off keeps Chromium off the (closed) network. The fuzz spec's
      // cross-origin host page (localhost framing 127.0.0.1) needs Chromium's local-network checks off.
      args: ['--no-sandbox', '--disable-quic', '--disable-features=LocalNetworkAccessChecks'],
    },
    viewport: { width: 1280, height: 900 },
    trace: 'off',
  },
});
