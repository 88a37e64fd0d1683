#!/usr/bin/env node
// End-to-end checks of the built SPA against the real backend with demo data, driven with the
// system Chromium via playwright-core (no browser download).
//   BASE_URL=http://127.0.0.1:8000 npm run e2e
// Env: BASE_URL (default http://127.0.0.1:8000), CHROMIUM_PATH (default /usr/bin/chromium).
// Screenshots go to frontend/test-output/ (git-ignored). Tests edit demo data in a way that can be
// re-run on the same database (unique phone numbers, dry-run imports, unique client names).
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import ts from 'typescript';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'test-output');
const fixtures = join(root, 'e2e', 'fixtures');
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
const PASSWORD = 'demo12345';
const DESKTOP = { width: 1280, height: 800 };
const TABLET = { width: 768, height: 1024 };

/** The UI texts, straight from src/i18n/messages.ts (transpiled here: Node 20 cannot import .ts). */
async function loadMessages() {
  const source = readFileSync(join(root, 'src/i18n/messages.ts'), 'utf8');
  const js = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  }).outputText;
  const mod = await import(`data:text/javascript;base64,${Buffer.from(js).toString('base64')}`);
  return mod.t;
}
const t = await loadMessages();

/** @typedef {import('playwright-core').Page} Page */
/** @typedef {'admin' | 'department' | 'methodologist' | 'school' | 'gmo' | 'teacher'} Role */

/** @type {Record<Role, string>} */
const ACCOUNTS = {
  admin: 'admin@demo.mms',
  department: 'department@kostroma.demo.mms',
  methodologist: 'methodologist@kostroma.demo.mms',
  school: 'school22@kostroma.demo.mms',
  gmo: 'gmo@kostroma.demo.mms',
  teacher: 'teacher@kostroma.demo.mms',
};

const N = t.nav;
const ALL_NAV = [N.home, N.organizations, N.teachers, N.myProfile, N.teachersImport, N.users, N.integrations, N.audit, N.municipality];
/** @type {Record<Role, string[]>} */
const EXPECTED_NAV = {
  admin: [N.home, N.organizations, N.teachers, N.teachersImport, N.users, N.integrations, N.audit, N.municipality],
  department: [N.home, N.organizations, N.teachers, N.teachersImport, N.users, N.integrations, N.audit, N.municipality],
  methodologist: [N.home, N.organizations, N.teachers, N.teachersImport],
  school: [N.home, N.organizations, N.teachers, N.teachersImport],
  gmo: [N.home, N.organizations],
  teacher: [N.home, N.organizations, N.myProfile],
};

// --- API helpers (to prepare data the way another user would) ---------------------------

/** @param {string} email */
async function apiToken(email) {
  const res = await fetch(`${baseUrl}/api/v1/auth/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', username: email, password: PASSWORD }),
  });
  if (!res.ok) throw new Error(`API sign-in as ${email} failed: ${res.status}`);
  return (await res.json()).access_token;
}

/** @param {string} token @param {string} path @returns {Promise<{ body: any, etag: string | null }>} */
async function apiGet(token, path) {
  const res = await fetch(`${baseUrl}/api/v1${path}`, { headers: { Authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`GET ${path}: ${res.status}`);
  return { body: await res.json(), etag: res.headers.get('etag') };
}

/** @param {string} token @param {string} path @param {string | null} etag @param {unknown} body */
async function apiPatch(token, path, etag, body) {
  const res = await fetch(`${baseUrl}/api/v1${path}`, {
    method: 'PATCH',
    headers: { Authorization: `Bearer ${token}`, 'If-Match': etag ?? '', 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`PATCH ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

/** @param {string} token @param {string} path @param {unknown} body */
async function apiPost(token, path, body) {
  const res = await fetch(`${baseUrl}/api/v1${path}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`POST ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

const uniquePhone = () => `+7 ${String(Date.now()).slice(-10)}`;

// --- browser helpers ------------------------------------------------------------------

const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
const origin = new URL(baseUrl).origin;

/** The page the running test works with (for the failure screenshot). @type {Page | undefined} */
let currentPage;

/** Problems seen by each page (page errors, requests to other origins), reset per test. */
/** @type {WeakMap<import('playwright-core').Page, string[]>} */
const problems = new WeakMap();

/** A page with listeners for page errors and requests to other origins (collected per test). */
async function newPage(viewport = DESKTOP) {
  const context = await browser.newContext({ locale: 'ru-RU', viewport, acceptDownloads: false });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT_MS);
  currentPage = page;
  /** @type {string[]} */
  const seen = [];
  problems.set(page, seen);
  page.on('request', (req) => {
    const url = new URL(req.url());
    if (url.protocol.startsWith('http') && url.origin !== origin) seen.push(`foreign request ${url.origin}`);
  });
  page.on('pageerror', (err) => seen.push(`page error: ${err.message}`));
  // The server's Content-Security-Policy must not block anything the SPA needs.
  page.on('console', (msg) => {
    if (msg.type() === 'error' && /Content Security Policy/i.test(msg.text())) seen.push(`CSP: ${msg.text()}`);
  });
  return page;
}

/** @param {Page} page @param {string} email */
async function signIn(page, email) {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel(t.signIn.loginLabel, { exact: true }).fill(email);
  await page.getByLabel(t.signIn.passwordLabel, { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: t.signIn.submit }).click();
  await nav(page).waitFor();
}

/** @param {Page} page */
const nav = (page) => page.getByRole('navigation', { name: t.nav.label });
/** @param {Page} page @param {string} label */
const navLink = (page, label) => nav(page).getByRole('link', { name: label, exact: true });

/** One signed-in page per role, reused by the tests (rotation forbids sharing refresh tokens). */
/** @type {Map<Role, Page>} */
const rolePages = new Map();
/** @param {Role} role @returns {Promise<Page>} */
async function pageAs(role) {
  if (!rolePages.has(role)) {
    const page = await newPage();
    await signIn(page, ACCOUNTS[role]);
    rolePages.set(role, page);
  }
  const page = /** @type {Page} */ (rolePages.get(role));
  problems.get(page)?.splice(0);
  currentPage = page;
  return page;
}

/** @param {Page} page @param {string} name */
async function shot(page, name) {
  await page.waitForLoadState('networkidle').catch(() => {});
  await page.screenshot({ path: join(outDir, `${name}.png`), fullPage: false });
}

/**
 * Picks an option of a Mantine Select. `within` narrows the search (e.g. to a dialog).
 * @param {Page} page @param {string} label @param {string} option
 * @param {import('playwright-core').Locator | Page} [within]
 */
async function selectOption(page, label, option, within = page) {
  await within.getByRole('combobox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/**
 * Waits until an input shows the expected value (whitespace-normalised).
 * @param {import('playwright-core').Locator} input @param {string} expected
 */
async function waitForValue(input, expected) {
  const deadline = Date.now() + TIMEOUT_MS;
  let value = '';
  while (Date.now() < deadline) {
    value = (await input.inputValue()).replace(/\s+/g, ' ');
    if (value === expected) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`expected «${expected}» in the field, got «${value}»`);
}

/**
 * Types a date as ДД.ММ.ГГГГ into a Mantine date input and leaves the field, as a user would.
 * @param {import('playwright-core').Locator} input @param {string} value
 */
async function fillDate(input, value) {
  await input.click();
  await input.fill(value);
  await input.press('Tab');
}

/**
 * Lists keep the previous page on screen (dimmed) until a new filter answers: poll the texts until every
 * one matches, and return the last ones seen (the caller asserts on them).
 * @param {import('playwright-core').Locator} locator @param {(text: string) => boolean} matches
 * @returns {Promise<string[]>}
 */
async function waitForTexts(locator, matches) {
  const deadline = Date.now() + TIMEOUT_MS;
  let texts = [];
  do {
    texts = await locator.allInnerTexts();
    if (texts.length > 0 && texts.every(matches)) return texts;
    await new Promise((r) => setTimeout(r, 100));
  } while (Date.now() < deadline);
  return texts;
}

/** @param {unknown} condition @param {string} message */
function expect(condition, message) {
  if (!condition) throw new Error(message);
}

/**
 * The typed search text stays out of the address (the README: only filters go there; a name in a URL lands in
 * history, logs and shared links). Call it after the list has answered the search.
 * @param {Page} page @param {string} text
 */
function expectSearchNotInUrl(page, text) {
  const url = decodeURIComponent(page.url()).replace(/\+/g, ' ');
  expect(!url.includes(text) && !new URL(page.url()).searchParams.has('q'), `the search text is in the URL: ${page.url()}`);
}

// --- tests ----------------------------------------------------------------------------

/** @typedef {() => Promise<Page | void>} TestFn */
/** @type {{ name: string, fn: TestFn }[]} */
const tests = [];
/** @param {string} name @param {TestFn} fn */
const test = (name, fn) => tests.push({ name, fn });

test('sign-in page validates in Russian and rejects a wrong password', async () => {
  const page = await newPage();
  await page.goto(`${baseUrl}/`);
  // Not signed in: the guard sends us to /login and remembers the page.
  await page.getByRole('heading', { name: t.signIn.title }).waitFor();
  expect(page.url().includes('/login'), `expected /login, got ${page.url()}`);
  expect((await page.title()) === t.app.name, `unexpected <title>: ${await page.title()}`);
  await page.getByRole('button', { name: t.signIn.submit }).click();
  await page.getByText(t.signIn.loginRequired).waitFor();
  await page.getByText(t.signIn.passwordRequired).waitFor();
  await shot(page, 'sign-in');
  await page.getByLabel(t.signIn.loginLabel, { exact: true }).fill(ACCOUNTS.department);
  await page.getByLabel(t.signIn.passwordLabel, { exact: true }).fill('wrong-password');
  await page.getByRole('button', { name: t.signIn.submit }).click();
  await page.getByRole('alert').getByText(t.signIn.invalidCredentials).waitFor();
  return page;
});

test('self-hosted Inter with Cyrillic is used', async () => {
  const page = await newPage();
  await page.goto(`${baseUrl}/login`, { waitUntil: 'networkidle' });
  const ok = await page.evaluate(async () => {
    await document.fonts.ready;
    await document.fonts.load('400 16px Inter', 'Вход');
    return document.fonts.check('400 16px Inter', 'Вход');
  });
  expect(ok, 'Inter (cyrillic) font did not load');
  return page;
});

for (const role of /** @type {Role[]} */ (Object.keys(EXPECTED_NAV))) {
  test(`${role}: navigation shows only what the role allows`, async () => {
    const page = await pageAs(role);
    await page.goto(`${baseUrl}/`);
    await nav(page).waitFor();
    await navLink(page, N.home).waitFor();
    for (const label of ALL_NAV) {
      const shouldSee = EXPECTED_NAV[role].includes(label);
      const count = await navLink(page, label).count();
      expect(count === (shouldSee ? 1 : 0), `${role}: nav item «${label}» ${shouldSee ? 'missing' : 'must be hidden'}`);
    }
    const user = page.getByTestId('current-user');
    await user.waitFor();
    const me = await (await fetch(`${baseUrl}/api/v1/auth/me`, { headers: { Authorization: `Bearer ${await apiToken(ACCOUNTS[role])}` } })).json();
    const text = await user.innerText();
    expect(text.includes(me.name), `${role}: header lacks the user's name «${me.name}»: ${text}`);
    const scope = me.roles[0]?.scope_name;
    if (scope) expect(text.includes(scope), `${role}: header lacks the scope «${scope}»: ${text}`);
    return page;
  });
}

test('department: session survives a reload', async () => {
  const page = await pageAs('department');
  await page.goto(`${baseUrl}/organizations`);
  await page.getByRole('heading', { name: t.organizations.title }).waitFor();
  await page.reload();
  await page.getByRole('heading', { name: t.organizations.title }).waitFor();
  expect(!page.url().includes('/login'), 'reload sent the user to sign-in');
  return page;
});

test('department: home shows municipality counts and a chart', async () => {
  const page = await pageAs('department');
  await page.goto(`${baseUrl}/`);
  const cards = page.getByTestId('stats-cards');
  await cards.getByText(t.home.youngTeachers).waitFor();
  await cards.getByText(t.home.categoriesExpiring).waitFor();
  await page.getByTestId('stats-chart').locator('canvas').first().waitFor();
  const token = await apiToken(ACCOUNTS.department);
  const { body: stats } = await apiGet(token, '/teachers/stats');
  const text = await cards.innerText();
  expect(text.includes(String(stats.teachers)), `teachers count ${stats.teachers} not shown: ${text}`);
  await page.waitForTimeout(600); // chart animation
  await shot(page, 'home-department');
  // The breakdown puts the most urgent school first; its «истекла» number opens exactly those teachers.
  const { body: byOrg } = await apiGet(token, '/teachers/stats/by-organization?limit=5');
  const first = byOrg.items[0];
  const table = page.getByTestId('by-organization');
  const row = table.getByRole('row').filter({ has: page.getByRole('link', { name: first.organization_name, exact: true }) });
  await row.scrollIntoViewIfNeeded();
  await shot(page, 'home-by-organization');
  expect(first.categories_expired > 0, 'demo data should have an expired category');
  await row.getByRole('link', { name: String(first.categories_expired), exact: true }).last().click();
  await page.getByTestId('teachers-table').waitFor();
  const url = new URL(page.url());
  expect(url.searchParams.get('category_status') === 'expired' && (url.searchParams.get('organization_id') ?? '').includes(first.organization_id), `bad link ${page.url()}`);
  await page.getByText(t.common.shown(1, first.categories_expired, first.categories_expired)).waitFor();
  return page;
});

test('department: organizations search, filters, card with its teachers', async () => {
  const page = await pageAs('department');
  await page.goto(`${baseUrl}/organizations`);
  const table = page.getByTestId('organizations-table');
  await table.waitFor();
  await shot(page, 'organizations');
  await page.getByLabel(t.organizations.searchLabel).fill('Гимназия');
  const names = await waitForTexts(table.getByRole('link'), (n) => n.includes('Гимназия'));
  expect(names.length > 0 && names.every((n) => n.includes('Гимназия')), `search returned ${names.join(', ')}`);
  expectSearchNotInUrl(page, 'Гимназия');
  await selectOption(page, t.organizations.innovation, t.organizations.innovationLevels.federal);
  await page.waitForURL(/innovation=federal/); // filters do go into the URL
  expectSearchNotInUrl(page, 'Гимназия');
  await page.waitForLoadState('networkidle');
  await page.getByRole('button', { name: t.common.reset }).click();
  await page.waitForURL((/** @type {URL} */ url) => !url.search.includes('innovation='));
  await waitForValue(page.getByLabel(t.organizations.searchLabel), '');
  await table.getByRole('link', { name: 'СОШ № 22', exact: true }).click();
  await page.getByRole('heading', { name: 'СОШ № 22' }).waitFor();
  await page.getByTestId('teachers-table').waitFor();
  await page.getByRole('button', { name: t.common.edit }).waitFor();
  await shot(page, 'organization-card');
  return page;
});

test('department: add an organization, then archive it with a reason; a school admin cannot archive', async () => {
  const page = await pageAs('department');
  const short = `Школа-проверка ${Date.now()}`;
  await page.goto(`${baseUrl}/organizations`);
  await page.getByRole('button', { name: t.organizations.create }).click();
  const dialog = page.getByRole('dialog', { name: t.organizations.createTitle });
  await dialog.getByRole('button', { name: t.common.create }).click();
  await dialog.getByText(t.validation.required).first().waitFor();
  await dialog.getByLabel(t.organizations.card.fullName, { exact: false }).first().fill(`Муниципальное бюджетное учреждение «${short}»`);
  await dialog.getByLabel(t.organizations.card.shortName, { exact: false }).first().fill(short);
  await selectOption(page, t.organizations.card.type, 'Средняя общеобразовательная школа (СОШ)', dialog);
  await dialog.getByLabel(t.organizations.card.inn, { exact: true }).fill('12345');
  await dialog.getByRole('button', { name: t.common.create }).click();
  await dialog.getByText(t.validation.inn).waitFor();
  await dialog.getByLabel(t.organizations.card.inn, { exact: true }).fill('');
  await dialog.getByRole('button', { name: t.common.create }).click();
  await page.getByRole('heading', { name: short }).waitFor();
  await shot(page, 'organization-created');
  await page.getByRole('button', { name: t.common.archive }).click();
  const archive = page.getByRole('dialog', { name: t.organizations.archiveTitle });
  await archive.getByLabel(t.common.archiveReason, { exact: false }).fill('Реорганизация: присоединена к СОШ № 22');
  await archive.getByRole('button', { name: t.common.archive }).click();
  await page.getByText(t.organizations.card.archivedReason('Реорганизация: присоединена к СОШ № 22')).waitFor();

  const school = await pageAs('school');
  const token = await apiToken(ACCOUNTS.school);
  const { body: me } = await apiGet(token, '/auth/me');
  const own = me.roles.find((/** @type {{ role: string }} */ r) => r.role === 'school_admin').organization_id;
  await school.goto(`${baseUrl}/organizations/${own}`);
  await school.getByRole('button', { name: t.common.edit }).waitFor();
  expect((await school.getByRole('button', { name: t.common.archive }).count()) === 0, 'a school admin must not see «Архивировать»');
  return page;
});

test('department: the young-teacher rule of the municipality — bad input in Russian, saved, home counts follow', async () => {
  const page = await pageAs('department');
  const token = await apiToken(ACCOUNTS.department);
  const { body: me } = await apiGet(token, '/auth/me');
  const muni = me.municipality_ids[0];
  const youngCount = async () => (await apiGet(token, `/teachers/stats?municipality_id=${muni}`)).body.young_teachers;
  const before = await youngCount();
  await navLink(page, N.municipality).click();
  const age = page.getByLabel(t.municipality.ageLimit, { exact: false }).first();
  await waitForValue(age, '35');
  await age.fill('10');
  await page.getByRole('button', { name: t.common.save }).click();
  await page.getByText(t.validation.between(18, 70)).waitFor();
  await age.fill('30');
  await page.getByLabel(t.municipality.ruleAnd).check({ force: true });
  await page.getByTestId('young-rule-preview').getByText('младше 30 лет и со стажем меньше 3 лет', { exact: false }).waitFor();
  await shot(page, 'municipality-settings');
  await page.getByRole('button', { name: t.common.save }).click();
  await page.getByText(t.municipality.saved).waitFor();
  await page.reload();
  await waitForValue(page.getByLabel(t.municipality.ageLimit, { exact: false }).first(), '30');
  const stricter = await youngCount();
  expect(stricter < before, `a stricter rule must count fewer young teachers: ${before} → ${stricter}`);
  // Put the demo rule back for the other tests.
  const { body: m, etag } = await apiGet(token, `/municipalities/${muni}`);
  await apiPatch(token, `/municipalities/${muni}`, etag, { young_age_limit: 35, young_rule: 'or' });
  expect(m.young_age_limit === 30, 'saved value must be 30');
  return page;
});

test('department: find a teacher, edit the phone, see it after reload', async () => {
  const page = await pageAs('department');
  const token = await apiToken(ACCOUNTS.department);
  const { body: list } = await apiGet(token, '/teachers?limit=1&sort=-last_name');
  const target = list.items[0];
  const fullName = [target.last_name, target.first_name, target.middle_name].filter(Boolean).join(' ');
  await page.goto(`${baseUrl}/teachers`);
  await page.getByTestId('teachers-table').waitFor();
  await shot(page, 'teachers');
  const typed = `${target.last_name} ${target.first_name}`;
  await page.getByLabel(t.teachers.searchLabel).fill(typed);
  await waitForTexts(page.getByTestId('teachers-table').locator('tbody tr'), (row) => row.includes(target.last_name));
  expectSearchNotInUrl(page, target.last_name);
  // A card and back: the list still shows what was typed, and the name is in no address of the history.
  await page.getByTestId('teachers-table').getByRole('link', { name: fullName }).first().click();
  await page.getByTestId('teacher-name').getByText(fullName).waitFor();
  expectSearchNotInUrl(page, target.last_name);
  await page.goBack();
  await waitForValue(page.getByLabel(t.teachers.searchLabel), typed);
  expectSearchNotInUrl(page, target.last_name);
  await page.getByTestId('teachers-table').getByRole('link', { name: fullName }).first().click();
  await page.getByTestId('teacher-name').getByText(fullName).waitFor();
  const birth = await page.getByText(/^\d{2}\.\d{2}\.\d{4}$/).first().innerText();
  expect(/^\d{2}\.\d{2}\.\d{4}$/.test(birth), `dates must be ДД.ММ.ГГГГ, got ${birth}`);
  await shot(page, 'teacher-card');
  await page.getByRole('link', { name: t.common.edit }).click();
  const phone = uniquePhone();
  const phoneInput = page.getByLabel(t.teachers.form.phone, { exact: true });
  await phoneInput.fill(phone);
  await shot(page, 'teacher-edit');
  await page.getByRole('button', { name: t.common.save }).click();
  await page.getByTestId('teacher-phone').getByText(phone).waitFor();
  await page.reload();
  await page.getByTestId('teacher-phone').getByText(phone).waitFor();
  return page;
});

test('methodologist: the filtered teacher list downloads as an Excel file with a Russian name', async () => {
  const context = await browser.newContext({ locale: 'ru-RU', viewport: DESKTOP, acceptDownloads: true });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT_MS);
  currentPage = page;
  await signIn(page, ACCOUNTS.methodologist);
  await page.goto(`${baseUrl}/teachers?young=yes`);
  await page.getByTestId('teachers-table').waitFor();
  await page.getByRole('button', { name: t.export.button }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('menuitem', { name: t.export.xlsx }).click(),
  ]);
  const name = download.suggestedFilename();
  expect(name.startsWith('Педагоги') && name.endsWith('.xlsx'), `unexpected file name ${name}`);
  const path = await download.path();
  const bytes = readFileSync(path);
  expect(bytes.subarray(0, 2).toString() === 'PK', 'an XLSX file is a zip archive');
  await page.getByRole('button', { name: t.export.button }).click();
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: t.export.csv }).click()]);
  const text = readFileSync(await csv.path(), 'utf8').replace(/^\uFEFF/, '');
  const rows = text.trim().split(/\r?\n/);
  expect(rows[0]?.startsWith('Табельный номер;Фамилия;Имя;Отчество'), `CSV header: ${rows[0]}`);
  const young = rows[0].split(';').indexOf('Молодой педагог');
  expect(young > 0 && rows.slice(1).every((r) => r.split(';')[young] === 'да'), 'the «young» filter must carry into the file');
  return page;
});

test('department: bad input shows Russian errors next to the fields', async () => {
  const page = await pageAs('department');
  await page.goto(`${baseUrl}/teachers`);
  await page.getByTestId('teachers-table').getByRole('link').first().click();
  await page.getByRole('link', { name: t.common.edit }).click();
  await page.getByLabel(t.teachers.form.lastName, { exact: false }).first().fill('');
  await page.getByLabel(t.teachers.form.email, { exact: true }).fill('not-an-email');
  await page.getByLabel(t.teachers.form.phone, { exact: true }).fill('abc');
  await page.getByRole('button', { name: t.common.save }).click();
  await page.getByText(t.validation.required).first().waitFor();
  await page.getByText(t.validation.email).waitFor();
  await page.getByText(t.validation.phone).waitFor();
  await shot(page, 'teacher-edit-errors');
  // Nothing was saved: leave without saving.
  await page.getByRole('button', { name: t.common.cancel }).click();
  return page;
});

test('department: a concurrent change shows the 412 conflict with «Обновить»', async () => {
  const page = await pageAs('department');
  const token = await apiToken(ACCOUNTS.department);
  const { body: list } = await apiGet(token, '/teachers?limit=1&offset=3&sort=last_name');
  const id = list.items[0].id;
  await page.goto(`${baseUrl}/teachers/${id}/edit`);
  const phoneInput = page.getByLabel(t.teachers.form.phone, { exact: true });
  await phoneInput.waitFor();
  // Someone else saves first.
  const { etag } = await apiGet(token, `/teachers/${id}`);
  const theirPhone = uniquePhone();
  await apiPatch(token, `/teachers/${id}`, etag, { phone: theirPhone });
  await phoneInput.fill('+7 000 000-00-00');
  await page.getByRole('button', { name: t.common.save }).click();
  const conflict = page.getByTestId('conflict-alert');
  await conflict.getByText(t.concurrency.conflict).waitFor();
  await shot(page, 'teacher-conflict');
  await conflict.getByRole('button', { name: t.concurrency.reload }).click();
  await conflict.waitFor({ state: 'detached' });
  await waitForValue(page.getByLabel(t.teachers.form.phone, { exact: true }), theirPhone);
  return page;
});

test('school admin: home shows school counts; import dry run lists the bad rows', async () => {
  const page = await pageAs('school');
  await page.goto(`${baseUrl}/`);
  await page.getByText(t.home.schoolTitle('СОШ № 22')).waitFor();
  await page.getByTestId('stats-chart').locator('canvas').first().waitFor();
  await page.waitForTimeout(600);
  await shot(page, 'home-school');

  await navLink(page, N.teachersImport).click();
  const orgInput = page.getByRole('combobox', { name: t.teacherImport.organization });
  await orgInput.waitFor();
  await waitForValue(orgInput, 'СОШ № 22');
  await page.locator('input[type=file]').setInputFiles(join(fixtures, 'teachers_hr_export.csv'));
  await page.getByRole('button', { name: t.teacherImport.check }).click();
  const errors = page.getByTestId('import-errors');
  await errors.waitFor();
  const rows = await errors.locator('tbody tr').count();
  expect(rows === 5, `expected 5 bad rows, got ${rows}`);
  await errors.getByText('Не указана фамилия').waitFor();
  await errors.getByText('31.02.1979', { exact: true }).waitFor(); // the cell value column
  await page.getByTestId('import-mapped').getByText('Табельный номер', { exact: true }).first().waitFor();
  const apply = page.getByRole('button', { name: t.teacherImport.apply, exact: true });
  expect(await apply.isDisabled(), '«Загрузить» must be disabled while the file has errors');
  await shot(page, 'teacher-import');
  return page;
});

test('school admin: create a teacher with validation, then archive with a reason', async () => {
  const page = await pageAs('school');
  // A unique Cyrillic surname per run, so the test can be re-run on the same database.
  const suffix = String(Date.now()).slice(-6).replace(/\d/g, (d) => 'абвгдежзик'[Number(d)] ?? 'а');
  const lastName = `Проверкина${suffix}`;
  await page.goto(`${baseUrl}/teachers`);
  await page.getByRole('link', { name: t.teachers.create }).click();
  await page.getByRole('heading', { name: t.teachers.form.createTitle }).first().waitFor();
  // Saving an empty form shows Russian messages and sends nothing.
  await page.getByRole('button', { name: t.common.save }).click();
  await page.getByText(t.validation.required).first().waitFor();
  expect(page.url().endsWith('/teachers/new'), `an invalid form must not be sent, at ${page.url()}`);

  await page.getByLabel(t.teachers.form.lastName, { exact: false }).first().fill(lastName);
  await page.getByLabel(t.teachers.form.firstName, { exact: false }).first().fill('Анна');
  await page.getByLabel(t.teachers.form.middleName, { exact: true }).fill('Сергеевна');
  await fillDate(page.getByLabel(t.teachers.form.birthDate, { exact: true }), '14.02.1999');
  await fillDate(page.getByLabel(t.teachers.form.teachingSince, { exact: true }), '01.09.2024');
  const job = page.getByRole('region', { name: t.teachers.form.employmentN(1) });
  await waitForValue(job.getByRole('combobox', { name: t.teachers.form.organization }), 'СОШ № 22');
  await job.getByRole('combobox', { name: t.teachers.form.position }).click();
  await page.getByRole('option', { name: 'учитель', exact: true }).click();
  await fillDate(job.getByLabel(t.teachers.form.startDate, { exact: false }), '01.09.2024');
  await page.getByRole('button', { name: t.common.save }).click();

  const name = page.getByTestId('teacher-name');
  await name.getByText(`${lastName} Анна Сергеевна`).waitFor();
  await page.getByText('14.02.1999', { exact: true }).waitFor();
  await page.getByText(t.teachers.young, { exact: true }).first().waitFor();
  await shot(page, 'teacher-created');

  await page.getByRole('button', { name: t.common.archive }).click();
  const dialog = page.getByRole('dialog', { name: t.teachers.archiveTitle });
  await dialog.waitFor();
  await dialog.getByRole('button', { name: t.common.archive }).click();
  await dialog.getByText(t.validation.required).waitFor();
  const reason = dialog.getByLabel(t.teachers.archiveReason, { exact: false });
  await reason.fill('Тестовая запись, перевод в другой район');
  await dialog.getByText(t.validation.required).waitFor({ state: 'detached' });
  await page.waitForTimeout(300); // let the modal finish its opening transition for the screenshot
  await shot(page, 'teacher-archive');
  await dialog.getByRole('button', { name: t.common.archive }).click();
  await page.getByText(t.teachers.archived).first().waitFor();

  // The archived teacher is gone from the registry.
  await page.goto(`${baseUrl}/teachers`);
  await page.getByLabel(t.teachers.searchLabel).fill(lastName);
  await page.getByText(t.common.nothingFound, { exact: false }).first().waitFor();
  expectSearchNotInUrl(page, lastName);
  return page;
});

test('school admin: a clean HR file is checked, then applied, and the teachers appear', async () => {
  const page = await pageAs('school');
  await page.goto(`${baseUrl}/teachers/import`);
  const orgInput = page.getByRole('combobox', { name: t.teacherImport.organization });
  await waitForValue(orgInput, 'СОШ № 22');
  await page.locator('input[type=file]').setInputFiles(join(fixtures, 'teachers_hr_export_clean.csv'));
  const apply = page.getByRole('button', { name: t.teacherImport.apply, exact: true });
  expect(await apply.isDisabled(), '«Загрузить» must wait for a check');
  await page.getByRole('button', { name: t.teacherImport.check }).click();
  await page.getByText(t.teacherImport.noErrors).waitFor();
  await page.waitForFunction((label) => {
    const b = Array.from(document.querySelectorAll('button')).find((x) => x.textContent === label);
    return b && !b.disabled;
  }, t.teacherImport.apply);
  await apply.click();
  await page.getByText(t.teacherImport.appliedTitle).first().waitFor();
  await shot(page, 'teacher-import-applied');

  await navLink(page, N.teachers).click();
  await page.getByLabel(t.teachers.searchLabel).fill('Васильева Ольга');
  await page.getByTestId('teachers-table').getByRole('link', { name: 'Васильева Ольга Александровна' }).first().waitFor();
  expectSearchNotInUrl(page, 'Васильева');
  return page;
});

test('school admin: a file with a bad row: error report, then only the good rows are applied', async () => {
  const context = await browser.newContext({ locale: 'ru-RU', viewport: DESKTOP, acceptDownloads: true });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT_MS);
  currentPage = page;
  await signIn(page, ACCOUNTS.school);
  await page.goto(`${baseUrl}/teachers/import`);
  await waitForValue(page.getByRole('combobox', { name: t.teacherImport.organization }), 'СОШ № 22');
  await page.locator('input[type=file]').setInputFiles(join(fixtures, 'teachers_hr_export_partial.csv'));
  await page.getByRole('button', { name: t.teacherImport.check }).click();
  const errors = page.getByTestId('import-errors');
  await errors.getByText('Не указана фамилия').waitFor();
  expect((await errors.locator('tbody tr').count()) === 1, 'one bad row');
  expect(await page.getByRole('button', { name: t.teacherImport.apply, exact: true }).isDisabled(), 'the whole file cannot be applied');
  await page.getByText(t.teacherImport.applyValidHint(1)).waitFor();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: t.teacherImport.errorReport }).click(),
  ]);
  expect(download.suggestedFilename().startsWith('Ошибки импорта педагогов'), `file name: ${download.suggestedFilename()}`);
  expect(readFileSync(await download.path()).subarray(0, 2).toString() === 'PK', 'the error report is an XLSX file');
  await page.getByRole('button', { name: t.teacherImport.applyValid }).click();
  await page.getByText(t.teacherImport.partialTitle).first().waitFor();
  await page.getByText(t.teacherImport.skippedRows).waitFor();
  await shot(page, 'teacher-import-partial');
  await navLink(page, N.teachers).click();
  await page.getByLabel(t.teachers.searchLabel).fill('Частичная Вера');
  await page.getByTestId('teachers-table').getByRole('link', { name: 'Частичная Вера Игоревна' }).first().waitFor();
  return page;
});

test('school admin: downloads the import template with the allowed values', async () => {
  const context = await browser.newContext({ locale: 'ru-RU', viewport: DESKTOP, acceptDownloads: true });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT_MS);
  currentPage = page;
  await signIn(page, ACCOUNTS.school);
  await page.goto(`${baseUrl}/teachers/import`);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: t.teacherImport.template }).click(),
  ]);
  expect(download.suggestedFilename() === 'Шаблон импорта педагогов.xlsx', `file name: ${download.suggestedFilename()}`);
  expect(readFileSync(await download.path()).subarray(0, 2).toString() === 'PK', 'an XLSX file is a zip archive');
  return page;
});

test('teacher: home is the own profile; another teacher\'s card is «не найден»', async () => {
  const page = await pageAs('teacher');
  const teacherToken = await apiToken(ACCOUNTS.teacher);
  const { body: me } = await apiGet(teacherToken, '/auth/me');
  const { body: own } = await apiGet(teacherToken, `/teachers/${me.teacher_id}`);
  await page.goto(`${baseUrl}/`);
  await page.getByTestId('teacher-name').getByText(own.last_name, { exact: false }).waitFor();
  await shot(page, 'teacher-profile');
  const deptToken = await apiToken(ACCOUNTS.department);
  const { body: list } = await apiGet(deptToken, '/teachers?limit=5');
  const other = list.items.find((/** @type {{ id: string }} */ x) => x.id !== me.teacher_id);
  await page.goto(`${baseUrl}/teachers/${other.id}`);
  await page.getByTestId('not-found-state').getByText(t.teachers.notFound).waitFor();
  expect((await page.getByText(other.last_name).count()) === 0, 'another teacher\'s data leaked');
  await shot(page, 'teacher-other-not-found');
  // The registry itself is closed to a teacher.
  await page.goto(`${baseUrl}/teachers`);
  await page.getByText(t.common.forbiddenTitle).waitFor();
  return page;
});

test('admin: users list; creating a user shows client and server errors in Russian', async () => {
  const page = await pageAs('admin');
  await navLink(page, N.users).click();
  await page.getByTestId('users-table').waitFor();
  await shot(page, 'users');
  await page.getByRole('button', { name: t.users.create }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: t.common.create }).click();
  await dialog.getByText(t.validation.tooShort(3)).waitFor();
  await dialog.getByText(t.validation.required).first().waitFor();
  await dialog.getByLabel(t.users.form.email, { exact: false }).first().fill(ACCOUNTS.department);
  await dialog.getByLabel(t.users.form.fullName, { exact: false }).first().fill('Проверка Дубля Логина');
  await dialog.getByLabel(t.users.form.password, { exact: false }).first().fill('long-enough-password');
  await selectOption(page, t.users.form.role, t.users.roles.methodologist, dialog);
  await selectOption(page, t.users.form.municipality, 'город Кострома', dialog);
  await dialog.getByRole('button', { name: t.common.create }).click();
  // 409 problem+json with errors[{field: "body.email", message: "Логин занят"}] → next to the field.
  await dialog.getByText('Логин занят').waitFor();
  await shot(page, 'user-create-errors');
  await dialog.getByRole('button', { name: t.common.cancel }).click();
  return page;
});

test('admin: creating a machine client shows its secret once', async () => {
  const page = await pageAs('admin');
  await navLink(page, N.integrations).click();
  await page.getByRole('heading', { name: t.clients.title }).waitFor();
  await page.getByRole('button', { name: t.clients.create }).click();
  const dialog = page.getByRole('dialog');
  const name = `Тестовая интеграция ${Date.now()}`;
  await dialog.getByLabel(t.clients.form.name, { exact: false }).first().fill(name);
  await selectOption(page, t.clients.form.municipality, 'город Кострома', dialog);
  await dialog.getByRole('button', { name: t.common.create }).click();
  const secret = page.getByTestId('client-secret');
  await secret.waitFor();
  const value = (await secret.innerText()).trim();
  expect(value.length >= 16, `secret looks wrong: ${value}`);
  await page.getByText(t.clients.secretWarning).waitFor();
  await page.getByRole('button', { name: new RegExp(t.clients.copy) }).first().waitFor();
  await page.waitForTimeout(500); // modal transition
  await shot(page, 'client-secret');
  await page.getByRole('button', { name: t.clients.secretSaved }).click();
  await secret.waitFor({ state: 'detached' });
  await page.getByTestId('clients-table').getByText(name).waitFor();
  expect((await page.getByText(value).count()) === 0, 'the secret is still visible after closing');
  await shot(page, 'integrations');
  return page;
});

test('admin: audit log with filters and paging', async () => {
  const page = await pageAs('admin');
  await navLink(page, N.audit).click();
  const table = page.getByTestId('audit-table');
  await table.waitFor();
  await selectOption(page, t.audit.entityType, t.audit.entityTypes.teacher);
  await selectOption(page, t.audit.action, t.audit.actions.update);
  const actions = await waitForTexts(table.locator('tbody tr td:nth-child(3)'), (a) => a.includes(t.audit.actions.update));
  expect(actions.length > 0 && actions.every((a) => a.includes(t.audit.actions.update)), `filter failed: ${actions.join(', ')}`);
  await shot(page, 'audit');
  return page;
});

test('department: the audit log reads in Russian — names, readable values, no ids or English field names', async () => {
  const page = await pageAs('department');
  const token = await apiToken(ACCOUNTS.department);
  const { body: list } = await apiGet(token, '/teachers?limit=1&offset=3&sort=last_name');
  const target = list.items[0];
  const { etag } = await apiGet(token, `/teachers/${target.id}`);
  const phone = uniquePhone();
  await apiPatch(token, `/teachers/${target.id}`, etag, { phone });
  await page.goto(`${baseUrl}/audit`);
  const table = page.getByTestId('audit-table');
  const fullName = [target.last_name, target.first_name, target.middle_name].filter(Boolean).join(' ');
  const row = table.getByRole('row').filter({ hasText: fullName }).filter({ hasText: t.audit.actions.update }).first();
  await row.waitFor();
  const rowText = await row.innerText();
  expect(rowText.includes(phone), `the new phone is not shown: ${rowText}`);
  // Logins and uploaded file names are data, not interface text.
  const text = (await table.innerText()).replace(/\S+@\S+/g, '').replace(/\S+\.(csv|xlsx?)\b/gi, '');
  const uuid = text.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i);
  expect(!uuid, `an id on the audit screen: ${uuid?.[0]}`);
  const english = text.match(/\b[a-z]+_[a-z_]+\b|\b(phone|email|name|roles|scopes|subjects|categories|employments|reason|source|true|false|null|update|create|teacher)\b/);
  expect(!english, `English or a field name on the audit screen: ${english?.[0]}`);
  expect(!/[{}[\]]/.test(text), 'raw JSON on the audit screen');
  await shot(page, 'audit-russian');
  return page;
});

test('department: edit a user — rename, switch off (sign-in refused), then archive', async () => {
  const page = await pageAs('department');
  const token = await apiToken(ACCOUNTS.department);
  const { body: me } = await apiGet(token, '/auth/me');
  const stamp = Date.now();
  const email = `edit.${stamp}@kostroma.demo.mms`;
  await apiPost(token, '/users', {
    email,
    full_name: `Редактируемая Учётная ${stamp}`,
    password: 'long-enough-password',
    roles: [{ role: 'methodologist', municipality_id: me.municipality_ids[0] }],
  });
  await page.goto(`${baseUrl}/users`);
  await page.getByLabel(t.users.searchLabel).fill(email);
  const table = page.getByTestId('users-table');
  await table.getByText(email).waitFor();
  expectSearchNotInUrl(page, email);
  await table.getByRole('button', { name: t.users.editUser(`Редактируемая Учётная ${stamp}`) }).click();
  const dialog = page.getByRole('dialog', { name: t.users.editTitle });
  const name = dialog.getByLabel(t.users.form.fullName, { exact: false }).first();
  await waitForValue(name, `Редактируемая Учётная ${stamp}`);
  await name.fill(`Переименованная Учётная ${stamp}`);
  await dialog.getByLabel(t.users.form.isActive).uncheck({ force: true });
  await page.waitForTimeout(300);
  await shot(page, 'user-edit');
  await dialog.getByRole('button', { name: t.common.save }).click();
  await dialog.waitFor({ state: 'detached' });
  const row = table.getByRole('row').filter({ hasText: email });
  await row.getByText(`Переименованная Учётная ${stamp}`).waitFor();
  await row.getByText(t.users.inactive, { exact: true }).waitFor();
  const refused = await fetch(`${baseUrl}/api/v1/auth/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', username: email, password: 'long-enough-password' }),
  });
  expect(refused.status === 400, `a switched-off user must not sign in, got ${refused.status}`);

  await row.getByRole('button', { name: t.users.editUser(`Переименованная Учётная ${stamp}`) }).click();
  await dialog.getByRole('button', { name: t.common.archive }).click();
  await dialog.getByLabel(t.common.archiveReason, { exact: false }).fill('Уволилась, учётная запись не нужна');
  await dialog.getByRole('button', { name: t.common.archive }).click();
  await dialog.waitFor({ state: 'detached' });
  await table.getByText(email).waitFor({ state: 'detached' });
  return page;
});

test('admin: switch an integration off and on, then archive it', async () => {
  const page = await pageAs('admin');
  const token = await apiToken(ACCOUNTS.admin);
  const { body: munis } = await apiGet(token, '/municipalities?limit=5');
  const name = `Отключаемая интеграция ${Date.now()}`;
  await apiPost(token, '/clients', { name, municipality_id: munis.items[0].id, scopes: ['kpi:read'] });
  await page.goto(`${baseUrl}/integrations`);
  const row = page.getByRole('row').filter({ hasText: name });
  await row.waitFor();
  await row.getByRole('button', { name: t.clients.disable }).click();
  await row.getByText(t.clients.inactive, { exact: true }).waitFor();
  await row.getByRole('button', { name: t.clients.enable }).click();
  await row.getByText(t.clients.active, { exact: true }).waitFor();
  await row.getByRole('button', { name: t.common.archive }).click();
  const dialog = page.getByRole('dialog', { name: t.clients.archiveTitle });
  await dialog.getByRole('button', { name: t.common.archive }).click();
  await dialog.getByText(t.validation.required).waitFor();
  await dialog.getByLabel(t.common.archiveReason, { exact: false }).fill('Система выведена из эксплуатации');
  await dialog.getByRole('button', { name: t.common.archive }).click();
  await row.waitFor({ state: 'detached' });
  return page;
});

test('department: a teacher card links to its audit trail — who read and changed it', async () => {
  const page = await pageAs('department');
  const token = await apiToken(ACCOUNTS.department);
  const { body: list } = await apiGet(token, '/teachers?limit=1&offset=7&sort=last_name');
  const target = list.items[0];
  await page.goto(`${baseUrl}/teachers/${target.id}`);
  await page.getByTestId('teacher-name').waitFor();
  await page.getByRole('link', { name: t.teachers.card.auditTrail }).click();
  await page.getByTestId('audit-one-record').waitFor();
  const table = page.getByTestId('audit-table');
  await table.waitFor();
  const { body: me } = await apiGet(token, '/auth/me');
  await table.getByRole('row').filter({ hasText: me.name }).filter({ hasText: t.audit.actions.read }).first().waitFor();
  const { body: trail } = await apiGet(token, `/audit-events?entity_id=${target.id}&limit=200`);
  const rows = await table.locator('tbody tr').count();
  expect(rows === Math.min(trail.total, 50), `the trail must list only this teacher's ${trail.total} entries, got ${rows}`);
  await shot(page, 'audit-trail');
  await page.getByRole('button', { name: t.audit.showAll }).click();
  await page.getByTestId('audit-one-record').waitFor({ state: 'detached' });
  return page;
});

test('an expired session returns to sign-in and back to the wanted page', async () => {
  const page = await newPage();
  await signIn(page, ACCOUNTS.methodologist);
  // Simulate a refresh token the server no longer accepts; the access token is only in memory.
  await page.evaluate(() => localStorage.setItem('mms.refresh_token', 'revoked-or-expired-token-value'));
  await page.goto(`${baseUrl}/teachers?young=yes`);
  await page.getByRole('heading', { name: t.signIn.title }).waitFor();
  await page.getByTestId('session-expired').waitFor();
  const url = new URL(page.url());
  expect(url.pathname === '/login' && (url.searchParams.get('redirect') ?? '').startsWith('/teachers'), `bad redirect: ${page.url()}`);
  await page.getByLabel(t.signIn.loginLabel, { exact: true }).fill(ACCOUNTS.methodologist);
  await page.getByLabel(t.signIn.passwordLabel, { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: t.signIn.submit }).click();
  await page.getByRole('heading', { name: t.teachers.title }).waitFor();
  expect(page.url().includes('/teachers') && page.url().includes('young=yes'), `not returned to the wanted page: ${page.url()}`);
  return page;
});

test('keyboard: skip link, navigation by Tab and Enter', async () => {
  const page = await pageAs('methodologist');
  const skip = page.getByRole('link', { name: t.nav.skipToContent });
  const focusedText = () => page.evaluate(() => document.activeElement?.textContent ?? '');
  await page.goto(`${baseUrl}/`);
  await nav(page).waitFor();
  await page.keyboard.press('Tab');
  expect(await skip.evaluate((el) => el === document.activeElement), 'the first Tab must reach «Перейти к содержимому»');
  await shot(page, 'keyboard-skip-link');
  // Past the header, Tab walks the navigation in order; Enter opens «Педагоги».
  let reached = false;
  for (let i = 0; i < 10 && !reached; i += 1) {
    await page.keyboard.press('Tab');
    reached = (await focusedText()) === N.teachers;
  }
  expect(reached, '«Педагоги» must be reachable with Tab');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: t.teachers.title }).waitFor();
  // The skip link moves the focus to the page content.
  await skip.focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'main-content');
  return page;
});

test('API docs (/docs) render from self-hosted Swagger UI, without any CDN', async () => {
  const page = await newPage();
  await page.goto(`${baseUrl}/docs`);
  await page.locator('.swagger-ui .info .title').getByText('API', { exact: false }).waitFor();
  await page.getByRole('button', { name: /Authorize/ }).waitFor();
  await shot(page, 'api-docs');
  return page;
});

test('tablet 768×1024: navigation collapses behind the burger', async () => {
  const page = await newPage(TABLET);
  await signIn(page, ACCOUNTS.department).catch(async () => {
    // At this width the navbar is hidden until the burger is pressed.
    await page.getByRole('button', { name: t.nav.toggleNavigation }).waitFor();
  });
  await page.goto(`${baseUrl}/teachers`);
  await page.getByTestId('teachers-table').waitFor();
  const burger = page.getByRole('button', { name: t.nav.toggleNavigation });
  await burger.waitFor();
  const box = await navLink(page, N.organizations).boundingBox();
  expect(!box || box.x + box.width <= 0, `navbar should be collapsed on a tablet, link at ${JSON.stringify(box)}`);
  await shot(page, 'tablet-teachers');
  await burger.click();
  await page.waitForFunction(
    (label) => Array.from(document.querySelectorAll('nav a')).some((a) => a.textContent === label && a.getBoundingClientRect().x >= 0),
    N.organizations,
  );
  await shot(page, 'tablet-menu');
  await navLink(page, N.organizations).click();
  await page.getByRole('heading', { name: t.organizations.title }).waitFor();
  return page;
});

test('no page scrolls sideways at 1280×800 or 768×1024 (wide tables scroll inside their frame)', async () => {
  const token = await apiToken(ACCOUNTS.department);
  const { body: list } = await apiGet(token, '/teachers?limit=1');
  const paths = ['/', '/organizations', '/teachers', `/teachers/${list.items[0].id}`, `/teachers/${list.items[0].id}/edit`,
    '/teachers/import', '/users', '/integrations', '/audit', '/municipality'];
  /** @type {Page | undefined} */
  let last;
  for (const viewport of [DESKTOP, TABLET]) {
    const page = await newPage(viewport);
    last = page;
    await signIn(page, ACCOUNTS.department).catch(() => page.getByRole('button', { name: t.nav.toggleNavigation }).waitFor());
    for (const path of paths) {
      await page.goto(`${baseUrl}${path}`);
      await page.getByRole('heading', { level: 2 }).or(page.getByRole('heading', { level: 1 })).first().waitFor();
      await page.waitForLoadState('networkidle');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow <= 1, `${path} at ${viewport.width}×${viewport.height} scrolls sideways by ${overflow}px`);
    }
    if (viewport === TABLET) await shot(page, 'tablet-municipality');
    if (viewport === DESKTOP) await page.context().close();
  }
  return last;
});

// --- runner ---------------------------------------------------------------------------

mkdirSync(outDir, { recursive: true });
let passed = 0;
let failed = 0;
try {
  // E2E_ONLY=substring runs a subset while debugging.
  const only = process.env.E2E_ONLY;
  for (const { name, fn } of tests.filter((x) => !only || x.name.includes(only))) {
    let page;
    try {
      page = await fn();
      const seen = page ? (problems.get(page) ?? []) : [];
      if (seen.length) throw new Error(seen.join('; '));
      passed += 1;
      console.log(`ok   ${name}`);
    } catch (err) {
      failed += 1;
      console.log(`FAIL ${name}: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
      const open = page ?? currentPage;
      await open
        ?.screenshot({ path: join(outDir, `FAIL-${name.replace(/[^\p{L}\p{N}]+/gu, '-')}.png`), fullPage: true })
        .catch(() => {});
    } finally {
      const used = page ?? currentPage;
      if (used && ![...rolePages.values()].includes(used)) await used.context().close();
    }
  }
} finally {
  await browser.close();
}
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;
