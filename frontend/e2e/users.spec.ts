import { accessibilityChecks, ACCOUNTS, apiGet, apiPost, apiToken, baseUrl, check, expect, expectSearchNotInUrl, N, navLink, selectOption, shot, t, test, titleOf, waitForValue } from './support';

test.describe('admin', () => {
  test.use({ role: 'admin' });
  test('users list; creating a user shows client and server errors in Russian', async ({ page }) => {
    await page.goto(`${baseUrl}/`);
    await navLink(page, N.users).click();
    await page.getByTestId('users-table').waitFor();
    await expect(page).toHaveTitle(titleOf(t.users.title));
    await shot(page, 'users');
    await page.getByRole('button', { name: t.users.create }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: t.common.create }).click();
    await dialog.getByText(t.validation.tooShort(3)).waitFor();
    await dialog.getByText(t.validation.required).first().waitFor();
    await dialog.getByLabel(t.users.form.email, { exact: false }).first().fill(ACCOUNTS.department);
    await dialog.getByLabel(t.users.form.fullName, { exact: false }).first().fill('Проверка Дубля Логина');
    await dialog.getByLabel(t.users.form.password, { exact: false }).first().fill('long-enough-password');
    await selectOption(page, t.users.form.role, t.roles.methodologist!, dialog);
    await selectOption(page, t.users.form.municipality, 'город Кострома', dialog);
    await dialog.getByRole('button', { name: t.common.create }).click();
    // 409 problem+json with errors[{field: "body.email", message: "Логин занят"}] → next to the field.
    await dialog.getByText('Логин занят').waitFor();
    await shot(page, 'user-create-errors');
    // The typing is not dropped silently: «Отмена» asks first.
    await dialog.getByRole('button', { name: t.common.cancel }).click();
    await page.getByRole('dialog', { name: t.common.discardTitle }).getByRole('button', { name: t.common.discardClose }).click();
    await page.getByRole('dialog', { name: t.users.createTitle }).waitFor({ state: 'detached' });
  });
});

test.describe('department', () => {
  test.use({ role: 'department' });
  test('edit a user — rename, switch off (sign-in refused), then archive', async ({ page }) => {
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
    check(refused.status === 400, `a switched-off user must not sign in, got ${refused.status}`);

    await row.getByRole('button', { name: t.users.editUser(`Переименованная Учётная ${stamp}`) }).click();
    await dialog.getByRole('button', { name: t.common.archive }).click();
    await dialog.getByLabel(t.common.archiveReason, { exact: false }).fill('Уволилась, учётная запись не нужна');
    await dialog.getByRole('button', { name: t.common.archive }).click();
    await dialog.waitFor({ state: 'detached' });
    await table.getByText(email).waitFor({ state: 'detached' });
  });
});

accessibilityChecks('department', ['/users']);
