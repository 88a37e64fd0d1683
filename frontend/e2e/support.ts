/**
 * Shared pieces of the browser tests (@playwright/test against the built SPA and a demo server).
 * Tests edit demo data in ways that can be re-run on the same database (unique phones, names, dry-run imports).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, type Locator, type Page, test as base, expect } from '@playwright/test';
import { t as shared } from '../src/i18n/messages';
import { audit } from '../src/modules/audit/messages';
import { signIn as signInText } from '../src/modules/auth/messages';
import { home } from '../src/modules/home/messages';
import { teacherImport } from '../src/modules/import/messages';
import { clients } from '../src/modules/integrations/messages';
import { municipality } from '../src/modules/municipality/messages';
import { organizations } from '../src/modules/organizations/messages';
import { teachers } from '../src/modules/teachers/messages';
import { users } from '../src/modules/users/messages';

export { expect };

/** Every UI text, straight from the SPA's messages (shared + each module's). */
export const t = { ...shared, signIn: signInText, home, municipality, organizations, teachers, teacherImport, users, clients, audit };
export const N = t.nav;

export const baseUrl = (process.env.BASE_URL ?? 'http://127.0.0.1:8000').replace(/\/+$/, '');
export const origin = new URL(baseUrl).origin;
export const fixtures = join(import.meta.dirname, 'fixtures');
export const authDir = join(import.meta.dirname, '..', 'test-output', '.auth');
const shotsDir = join(import.meta.dirname, '..', 'test-output', 'screens');

export const PASSWORD = 'demo12345';
export const TIMEOUT_MS = 15_000;
export const DESKTOP = { width: 1280, height: 800 };
export const TABLET = { width: 768, height: 1024 };
export const PHONE = { width: 375, height: 740 };
export const REFRESH_TOKEN_KEY = 'mms.refresh_token';

export type Role = 'admin' | 'department' | 'methodologist' | 'school' | 'gmo' | 'teacher';
export const ACCOUNTS: Record<Role, string> = {
  admin: 'admin@demo.mms',
  department: 'department@kostroma.demo.mms',
  methodologist: 'methodologist@kostroma.demo.mms',
  school: 'school22@kostroma.demo.mms',
  gmo: 'gmo@kostroma.demo.mms',
  teacher: 'teacher@kostroma.demo.mms',
};
export const ROLES = Object.keys(ACCOUNTS) as Role[];

// --- API helpers (to prepare data the way another user would) ---------------------------

async function passwordGrant(email: string, attempt = 1): Promise<{ access_token: string; refresh_token: string }> {
  const res = await fetch(`${baseUrl}/api/v1/auth/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', username: email, password: PASSWORD }),
  });
  // Two sign-ins of one account at the same moment can answer 412 (reported to the backend); try again.
  if (res.status === 412 && attempt < 4) {
    await new Promise((r) => setTimeout(r, 200 * attempt));
    return passwordGrant(email, attempt + 1);
  }
  if (!res.ok) throw new Error(`API sign-in as ${email} failed: ${res.status}`);
  return (await res.json()) as { access_token: string; refresh_token: string };
}

export async function apiToken(email: string): Promise<string> {
  return (await passwordGrant(email)).access_token;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

export async function apiGet(token: string, path: string): Promise<{ body: Json; etag: string | null }> {
  const res = await fetch(`${baseUrl}/api/v1${path}`, { headers: { Authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`GET ${path}: ${res.status}`);
  return { body: await res.json(), etag: res.headers.get('etag') };
}

export async function apiPatch(token: string, path: string, etag: string | null, body: unknown): Promise<Json> {
  const res = await fetch(`${baseUrl}/api/v1${path}`, {
    method: 'PATCH',
    headers: { Authorization: `Bearer ${token}`, 'If-Match': etag ?? '', 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`PATCH ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

export async function apiPost(token: string, path: string, body: unknown): Promise<Json> {
  const res = await fetch(`${baseUrl}/api/v1${path}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`POST ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

export const uniquePhone = () => `+7 ${String(Date.now()).slice(-10)}`;

// --- saved logins -----------------------------------------------------------------------

type StorageState = { cookies: []; origins: { origin: string; localStorage: { name: string; value: string }[] }[] };

/**
 * The saved login of a role (made by auth.setup.ts through the sign-in page), with a refresh token of its own:
 * the server rotates refresh tokens and revokes the whole sign-in when one is used twice, so two tests cannot
 * share the saved token itself.
 */
export async function storageStateFor(role: Role): Promise<StorageState> {
  const saved = JSON.parse(readFileSync(join(authDir, `${role}.json`), 'utf8')) as StorageState;
  const { refresh_token } = await passwordGrant(ACCOUNTS[role]);
  for (const o of saved.origins)
    for (const item of o.localStorage) if (item.name === REFRESH_TOKEN_KEY) item.value = refresh_token;
  return saved;
}

// --- fixtures ---------------------------------------------------------------------------

type Fixtures = {
  /** Sign in as this role (saved login); unset = a visitor who is not signed in. */
  role: Role | undefined;
  /** Page errors, requests to other origins and CSP violations seen by the page: must stay empty. */
  problems: string[];
};

/** Collects what must never happen on a page; the test fails at the end if anything was seen. */
export function watch(page: Page, seen: string[]) {
  page.setDefaultTimeout(TIMEOUT_MS);
  page.on('request', (req) => {
    const url = new URL(req.url());
    if (url.protocol.startsWith('http') && url.origin !== origin) seen.push(`foreign request ${url.origin}`);
  });
  page.on('pageerror', (err) => seen.push(`page error: ${err.message}`));
  // The server's Content-Security-Policy must not block anything the SPA needs.
  page.on('console', (msg) => {
    if (msg.type() === 'error' && /Content Security Policy/i.test(msg.text())) seen.push(`CSP: ${msg.text()}`);
  });
}

export const test = base.extend<Fixtures>({
  role: [undefined, { option: true }],
  storageState: async ({ role, storageState }, use) => {
    await use(role ? await storageStateFor(role) : storageState);
  },
  problems: [
    async ({ page }, use) => {
      const seen: string[] = [];
      watch(page, seen);
      await use(seen);
      expect(seen, 'page errors, foreign requests or CSP violations').toEqual([]);
    },
    { auto: true },
  ],
});

/** A second signed-in page (another role in the same test), with the same checks. */
export async function pageAs(browser: Browser, role: Role, options: { viewport?: { width: number; height: number } } = {}) {
  const context = await browser.newContext({
    locale: 'ru-RU',
    viewport: options.viewport ?? DESKTOP,
    storageState: await storageStateFor(role),
    acceptDownloads: true,
  });
  const page = await context.newPage();
  const seen: string[] = [];
  watch(page, seen);
  return { page, seen, close: () => context.close() };
}

// --- page helpers -----------------------------------------------------------------------

export async function signIn(page: Page, email: string) {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel(t.signIn.loginLabel, { exact: true }).fill(email);
  await page.getByLabel(t.signIn.passwordLabel, { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: t.signIn.submit }).click();
  await nav(page).waitFor({ state: 'attached' });
}

export const nav = (page: Page) => page.getByRole('navigation', { name: t.nav.label });
export const navLink = (page: Page, label: string) => nav(page).getByRole('link', { name: label, exact: true });

/** A screenshot for people reviewing the UI (test-output/screens/). */
export async function shot(page: Page, name: string) {
  await page.waitForLoadState('networkidle').catch(() => {});
  await page.screenshot({ path: join(shotsDir, `${name}.png`), fullPage: false });
}

/** Picks an option of a Mantine Select. `within` narrows the search (e.g. to a dialog). */
export async function selectOption(page: Page, label: string, option: string, within: Locator | Page = page) {
  await within.getByRole('combobox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** Waits until an input shows the expected value (whitespace-normalised). */
export async function waitForValue(input: Locator, expected: string) {
  await expect.poll(async () => (await input.inputValue()).replace(/\s+/g, ' '), { timeout: TIMEOUT_MS }).toBe(expected);
}

/** Types a date as ДД.ММ.ГГГГ into a date input and leaves the field, as a user would. */
export async function fillDate(input: Locator, value: string) {
  await input.click();
  await input.fill(value);
  await input.press('Tab');
}

/**
 * Lists keep the previous page on screen (dimmed) until a new filter answers: poll the texts until every
 * one matches, and return the last ones seen (the caller asserts on them).
 */
export async function waitForTexts(locator: Locator, matches: (text: string) => boolean): Promise<string[]> {
  const deadline = Date.now() + TIMEOUT_MS;
  let texts: string[] = [];
  do {
    texts = await locator.allInnerTexts();
    if (texts.length > 0 && texts.every(matches)) return texts;
    await new Promise((r) => setTimeout(r, 100));
  } while (Date.now() < deadline);
  return texts;
}

/** A plain assertion with a readable message (kept from the former runner). */
export function check(condition: unknown, message: string): asserts condition {
  expect(Boolean(condition), message).toBe(true);
}

/**
 * The typed search text stays out of the address (only filters go there; a name in a URL lands in history,
 * logs and shared links). Call it after the list has answered the search.
 */
export function expectSearchNotInUrl(page: Page, text: string) {
  const url = decodeURIComponent(page.url()).replace(/\+/g, ' ');
  check(!url.includes(text) && !new URL(page.url()).searchParams.has('q'), `the search text is in the URL: ${page.url()}`);
}

/** The main heading of a page (every page has one h2, the sign-in page an h1). */
export const pageHeading = (page: Page) => page.getByRole('heading', { level: 2 }).or(page.getByRole('heading', { level: 1 })).first();

/** The document title a page sets: «<page> — ММС». */
export const titleOf = (page: string) => `${page} — ${t.app.shortName}`;

// --- accessibility ------------------------------------------------------------------------

/**
 * axe-core on the page as it is: no serious or critical violation (WCAG 2.1 A/AA rules).
 * The message lists each rule with the first offending elements, to find them quickly.
 */
export async function expectAccessible(page: Page, label: string) {
  await page.waitForLoadState('networkidle').catch(() => {});
  await page.waitForTimeout(300); // transitions (modals, skeletons) settle
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = bad.map((v) => `${v.id} (${v.impact}, ${v.nodes.length}): ${v.nodes.slice(0, 4).map((n) => n.target.join(' ')).join(' | ')}`);
  expect(report, `axe at ${label}`).toEqual([]);
}

/** Declares the axe check of a module's main pages at desktop and phone width. */
export function accessibilityChecks(role: Role, paths: (string | (() => Promise<string>))[]) {
  test.describe(`accessibility (axe) as ${role}: no serious or critical violations`, () => {
    test.use({ role });
    for (const viewport of [DESKTOP, PHONE]) {
      test(`main pages at ${viewport.width} px`, async ({ page }) => {
        await page.setViewportSize(viewport);
        for (const p of paths) {
          const path = typeof p === 'function' ? await p() : p;
          await page.goto(`${baseUrl}${path}`);
          await pageHeading(page).waitFor();
          await expectAccessible(page, `${path} ${viewport.width}px`);
        }
      });
    }
  });
}
