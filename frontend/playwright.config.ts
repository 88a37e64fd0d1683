/**
 * Browser tests: the built SPA against a running demo server (BASE_URL), with Debian's Chromium — no browser
 * is ever downloaded. `make test-e2e` starts the server and runs `npx playwright test`.
 * Env: BASE_URL (default http://127.0.0.1:8000), CHROMIUM_PATH (default /usr/bin/chromium), E2E_WORKERS.
 */
import { defineConfig } from '@playwright/test';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-output/results',
  // Two CPU cores: one or two workers. Tests of one file run in order (they share demo data).
  workers: Number(process.env.E2E_WORKERS ?? 2),
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [['list'], ['html', { outputFolder: 'test-output/report', open: 'never' }]],
  use: {
    baseURL: (process.env.BASE_URL ?? 'http://127.0.0.1:8000').replace(/\/+$/, ''),
    locale: 'ru-RU',
    viewport: { width: 1280, height: 800 },
    acceptDownloads: true,
    actionTimeout: 15_000,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS },
  },
  projects: [
    // Signs in once per role through the sign-in page and saves the login (test-output/.auth/<role>.json).
    { name: 'setup', testMatch: /auth\.setup\.ts/ },
    { name: 'chromium', testMatch: /\.spec\.ts/, testIgnore: /municipality\.spec\.ts/, dependencies: ['setup'] },
    // The municipality's rules (who is young, mentoring limits) change what many other tests count: they run
    // after all of those, never beside them.
    { name: 'municipal-rules', testMatch: /municipality\.spec\.ts/, dependencies: ['chromium'] },
  ],
});
