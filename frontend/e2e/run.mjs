#!/usr/bin/env node
// Smoke e2e for the built SPA, run with system Chromium via playwright-core
// (no browser download). Usage: BASE_URL=http://127.0.0.1:8000 npm run e2e
// Env: BASE_URL (default http://127.0.0.1:8000), CHROMIUM_PATH (default /usr/bin/chromium).
// Screenshots go to frontend/test-output/ (git-ignored).
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'test-output');
const baseUrl = (process.env.BASE_URL ?? 'http://127.0.0.1:8000').replace(/\/+$/, '');
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];
const TIMEOUT_MS = 15_000;

// Expected texts (mirror src/i18n/messages.ts; Node 20 cannot import .ts).
const APP_NAME = 'Методическая служба';
const SIGN_IN_TITLE = 'Вход в систему';
const SIGN_IN_SUBMIT = 'Войти';
const LOGIN_REQUIRED = 'Введите логин';

/** @type {{ name: string, fn: (page: import('playwright-core').Page) => Promise<void> }[]} */
const tests = [
  {
    name: 'home page renders the app shell',
    async fn(page) {
      await page.goto(`${baseUrl}/`, { waitUntil: 'networkidle' });
      await page.getByText(APP_NAME).first().waitFor();
      const title = await page.title();
      if (title !== APP_NAME) throw new Error(`unexpected <title>: ${title}`);
      await page.screenshot({ path: join(outDir, 'home.png'), fullPage: true });
    },
  },
  {
    name: 'sign-in page validates in Russian',
    async fn(page) {
      await page.goto(`${baseUrl}/login`, { waitUntil: 'networkidle' });
      await page.getByRole('heading', { name: SIGN_IN_TITLE }).waitFor();
      await page.getByRole('button', { name: SIGN_IN_SUBMIT }).click();
      await page.getByText(LOGIN_REQUIRED).waitFor();
      await page.screenshot({ path: join(outDir, 'sign-in.png'), fullPage: true });
    },
  },
  {
    name: 'self-hosted Inter with Cyrillic is used',
    async fn(page) {
      await page.goto(`${baseUrl}/login`, { waitUntil: 'networkidle' });
      const ok = await page.evaluate(async () => {
        await document.fonts.ready;
        await document.fonts.load('400 16px Inter', 'Вход');
        return document.fonts.check('400 16px Inter', 'Вход');
      });
      if (!ok) throw new Error('Inter (cyrillic) font did not load');
    },
  },
];

mkdirSync(outDir, { recursive: true });
const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
let passed = 0;
let failed = 0;
try {
  for (const test of tests) {
    const context = await browser.newContext({ locale: 'ru-RU', viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    page.setDefaultTimeout(TIMEOUT_MS);
    const foreign = new Set();
    const origin = new URL(baseUrl).origin;
    page.on('request', (req) => {
      const url = new URL(req.url());
      if (url.protocol.startsWith('http') && url.origin !== origin) foreign.add(url.origin);
    });
    /** @type {string[]} */
    const pageErrors = [];
    page.on('pageerror', (err) => pageErrors.push(err.message));
    try {
      await test.fn(page);
      if (foreign.size) throw new Error(`requests to foreign origins: ${[...foreign].join(', ')}`);
      if (pageErrors.length) throw new Error(`page errors: ${pageErrors.join('; ')}`);
      passed += 1;
      console.log(`ok   ${test.name}`);
    } catch (err) {
      failed += 1;
      console.log(`FAIL ${test.name}: ${err instanceof Error ? err.message : String(err)}`);
      await page
        .screenshot({ path: join(outDir, `FAIL-${test.name.replace(/\W+/g, '-')}.png`), fullPage: true })
        .catch(() => {});
    } finally {
      await context.close();
    }
  }
} finally {
  await browser.close();
}
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;
