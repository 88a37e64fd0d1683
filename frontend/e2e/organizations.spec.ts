import { accessibilityChecks, ACCOUNTS, apiGet, apiToken, baseUrl, check, expect, expectSearchNotInUrl, pageAs, selectOption, shot, t, test, titleOf, waitForTexts, waitForValue } from './support';

test.describe('department', () => {
  test.use({ role: 'department' });

  test('organizations search, filters, card with its teachers', async ({ page }) => {
    await page.goto(`${baseUrl}/organizations`);
    await expect(page).toHaveTitle(titleOf(t.organizations.title));
    const table = page.getByTestId('organizations-table');
    await table.waitFor();
    await shot(page, 'organizations');
    await page.getByLabel(t.organizations.searchLabel).fill('Гимназия');
    const names = await waitForTexts(table.getByRole('link'), (n) => n.includes('Гимназия'));
    check(names.length > 0 && names.every((n) => n.includes('Гимназия')), `search returned ${names.join(', ')}`);
    expectSearchNotInUrl(page, 'Гимназия');
    await selectOption(page, t.organizations.innovation, t.organizations.innovationLevels.federal);
    await page.waitForURL(/innovation=federal/); // filters do go into the URL
    expectSearchNotInUrl(page, 'Гимназия');
    await page.waitForLoadState('networkidle');
    await page.getByRole('button', { name: t.common.reset }).click();
    await page.waitForURL((url) => !url.search.includes('innovation='));
    await waitForValue(page.getByLabel(t.organizations.searchLabel), '');
    await table.getByRole('link', { name: 'СОШ № 22', exact: true }).click();
    await page.getByRole('heading', { name: 'СОШ № 22' }).waitFor();
    await expect(page).toHaveTitle(titleOf('СОШ № 22'));
    await page.getByTestId('teachers-table').waitFor();
    await page.getByRole('button', { name: t.common.edit }).waitFor();
    await shot(page, 'organization-card');
  });

  test('add an organization, then archive it with a reason; a school admin cannot archive', async ({ page, browser }) => {
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

    const school = await pageAs(browser, 'school');
    const token = await apiToken(ACCOUNTS.school);
    const { body: me } = await apiGet(token, '/auth/me');
    const own = me.roles.find((r: { role: string }) => r.role === 'school_admin').organization_id;
    await school.page.goto(`${baseUrl}/organizations/${own}`);
    await school.page.getByRole('button', { name: t.common.edit }).waitFor();
    check((await school.page.getByRole('button', { name: t.common.archive }).count()) === 0, 'a school admin must not see «Архивировать»');
    // municipal fields of the own school are shown read-only (the API lists them in readonly_fields)
    await school.page.getByRole('button', { name: t.common.edit }).click();
    const form = school.page.getByRole('dialog');
    await expect(form.getByLabel(t.organizations.lowResultsFull)).toBeDisabled();
    await expect(form.getByLabel(t.organizations.card.address)).toBeEnabled();
    check(school.seen.length === 0, school.seen.join('; '));
    await school.close();
  });

  test('a changed edit dialog asks before closing: «Продолжить редактирование» keeps the typing, «Закрыть без сохранения» drops it', async ({ page }) => {
    await page.goto(`${baseUrl}${await firstOrganization()}`);
    const edit = page.getByRole('button', { name: t.common.edit });
    await edit.click();
    const dialog = page.getByRole('dialog', { name: t.organizations.editTitle });
    const address = dialog.getByLabel(t.organizations.card.address, { exact: true });
    const before = await address.inputValue();
    const typed = `ул. Несохранённая, ${Date.now()}`;
    await address.fill(typed);
    const ask = page.getByRole('dialog', { name: t.common.discardTitle });

    await page.keyboard.press('Escape');
    await ask.waitFor();
    await shot(page, 'organization-unsaved-question');
    await ask.getByRole('button', { name: t.common.discardKeep }).click();
    await ask.waitFor({ state: 'detached' });
    await expect(dialog).toBeVisible();
    await expect(address).toHaveValue(typed);

    // While the dialog has changes, a reload asks too (beforeunload).
    let asked = false;
    page.once('dialog', async (d) => {
      asked = d.type() === 'beforeunload';
      await d.dismiss();
    });
    await page.reload({ timeout: 3000 }).catch(() => {});
    check(asked, 'a reload with an unsaved dialog must ask (beforeunload)');
    await expect(address).toHaveValue(typed);

    // «Отмена» asks as well; closing without saving drops the typing.
    await dialog.getByRole('button', { name: t.common.cancel }).click();
    await ask.getByRole('button', { name: t.common.discardClose }).click();
    await dialog.waitFor({ state: 'detached' });
    await edit.click();
    await expect(address).toHaveValue(before);
    // Nothing changed: Escape closes at once.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    check((await ask.count()) === 0, 'an unchanged dialog closes without a question');
  });
});

const firstOrganization = async () => {
  const { body } = await apiGet(await apiToken(ACCOUNTS.department), '/organizations?limit=1&sort=short_name');
  return `/organizations/${body.items[0].id}`;
};
accessibilityChecks('department', ['/organizations', firstOrganization]);
