import { ACCOUNTS, baseUrl, check, expect, expectAccessible, PASSWORD, shot, signIn, t, test, titleOf } from './support';

test('sign-in page validates in Russian and rejects a wrong password', async ({ page }) => {
  await page.goto(`${baseUrl}/`);
  // Not signed in: the guard sends us to /login and remembers the page.
  await page.getByRole('heading', { name: t.signIn.title }).waitFor();
  check(page.url().includes('/login'), `expected /login, got ${page.url()}`);
  await expect(page).toHaveTitle(titleOf(t.signIn.title));
  await page.getByRole('button', { name: t.signIn.submit }).click();
  await page.getByText(t.signIn.loginRequired).waitFor();
  await page.getByText(t.signIn.passwordRequired).waitFor();
  await shot(page, 'sign-in');
  await page.getByLabel(t.signIn.loginLabel, { exact: true }).fill(ACCOUNTS.department);
  await page.getByLabel(t.signIn.passwordLabel, { exact: true }).fill('wrong-password');
  await page.getByRole('button', { name: t.signIn.submit }).click();
  await page.getByRole('alert').getByText(t.signIn.invalidCredentials).waitFor();
});

test('self-hosted Inter with Cyrillic is used', async ({ page }) => {
  await page.goto(`${baseUrl}/login`, { waitUntil: 'networkidle' });
  const ok = await page.evaluate(async () => {
    await document.fonts.ready;
    await document.fonts.load('400 16px Inter', 'Вход');
    return document.fonts.check('400 16px Inter', 'Вход');
  });
  check(ok, 'Inter (cyrillic) font did not load');
});

test('an expired session returns to sign-in and back to the wanted page', async ({ page }) => {
  await signIn(page, ACCOUNTS.methodologist);
  // Simulate a refresh token the server no longer accepts; the access token is only in memory.
  await page.evaluate(() => localStorage.setItem('mms.refresh_token', 'revoked-or-expired-token-value'));
  await page.goto(`${baseUrl}/teachers?young=yes`);
  await page.getByRole('heading', { name: t.signIn.title }).waitFor();
  await page.getByTestId('session-expired').waitFor();
  const url = new URL(page.url());
  check(url.pathname === '/login' && (url.searchParams.get('redirect') ?? '').startsWith('/teachers'), `bad redirect: ${page.url()}`);
  await page.getByLabel(t.signIn.loginLabel, { exact: true }).fill(ACCOUNTS.methodologist);
  await page.getByLabel(t.signIn.passwordLabel, { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: t.signIn.submit }).click();
  await page.getByRole('heading', { name: t.teachers.title }).waitFor();
  check(page.url().includes('/teachers') && page.url().includes('young=yes'), `not returned to the wanted page: ${page.url()}`);
});

test.describe('accessibility (axe) of the sign-in page', () => {
  for (const width of [1280, 375]) {
    test(`sign-in at ${width} px, with the validation errors shown`, async ({ page }) => {
      await page.setViewportSize({ width, height: 800 });
      await page.goto(`${baseUrl}/login`);
      await page.getByRole('heading', { name: t.signIn.title }).waitFor();
      await expectAccessible(page, `/login ${width}px`);
      await page.getByRole('button', { name: t.signIn.submit }).click();
      await page.getByText(t.signIn.loginRequired).waitFor();
      await expectAccessible(page, `/login with errors ${width}px`);
    });
  }
});

