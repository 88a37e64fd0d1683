import { readFileSync } from 'node:fs';
import {
  accessibilityChecks, ACCOUNTS, apiGet, apiPatch, apiToken, baseUrl, check, expect, expectSearchNotInUrl, fillDate, shot, t,
  test, titleOf, uniquePhone, waitForTexts, waitForValue,
} from './support';

const someTeacher = async (query = 'limit=1&offset=3&sort=last_name') => {
  const { body } = await apiGet(await apiToken(ACCOUNTS.department), `/teachers?${query}`);
  return body.items[0];
};

test.describe('department', () => {
  test.use({ role: 'department' });

  test('find a teacher, edit the phone, see it after reload', async ({ page }) => {
    const target = await someTeacher('limit=1&sort=-last_name');
    const fullName = [target.last_name, target.first_name, target.middle_name].filter(Boolean).join(' ');
    await page.goto(`${baseUrl}/teachers`);
    await expect(page).toHaveTitle(titleOf(t.teachers.title));
    await page.getByTestId('teachers-table').waitFor();
    await shot(page, 'teachers');
    const typed = `${target.last_name} ${target.first_name}`;
    await page.getByLabel(t.teachers.searchLabel).fill(typed);
    await waitForTexts(page.getByTestId('teachers-table').locator('tbody tr'), (row) => row.includes(target.last_name));
    expectSearchNotInUrl(page, target.last_name);
    // A card and back: the list still shows what was typed, and the name is in no address of the history.
    await page.getByTestId('teachers-table').getByRole('link', { name: fullName }).first().click();
    await page.getByTestId('teacher-name').getByText(fullName).waitFor();
    await expect(page).toHaveTitle(titleOf(fullName));
    expectSearchNotInUrl(page, target.last_name);
    await page.goBack();
    await waitForValue(page.getByLabel(t.teachers.searchLabel), typed);
    expectSearchNotInUrl(page, target.last_name);
    await page.getByTestId('teachers-table').getByRole('link', { name: fullName }).first().click();
    await page.getByTestId('teacher-name').getByText(fullName).waitFor();
    const birth = await page.getByText(/^\d{2}\.\d{2}\.\d{4}$/).first().innerText();
    check(/^\d{2}\.\d{2}\.\d{4}$/.test(birth), `dates must be ДД.ММ.ГГГГ, got ${birth}`);
    await shot(page, 'teacher-card');
    await page.getByRole('link', { name: t.common.edit }).click();
    const phone = uniquePhone();
    await page.getByLabel(t.teachers.form.phone, { exact: true }).fill(phone);
    await shot(page, 'teacher-edit');
    await page.getByRole('button', { name: t.common.save }).click();
    await page.getByTestId('teacher-phone').getByText(phone).waitFor();
    await page.reload();
    await page.getByTestId('teacher-phone').getByText(phone).waitFor();
  });

  test('bad input shows Russian errors next to the fields', async ({ page }) => {
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
    // Nothing was saved: leave without saving (the unsaved-changes question answers «Уйти»).
    await page.getByRole('button', { name: t.common.cancel }).click();
    await page.getByRole('dialog', { name: t.common.unsavedTitle }).getByRole('button', { name: t.common.unsavedLeave }).click();
    await page.getByTestId('teacher-name').waitFor();
  });

  test('a concurrent change shows the 412 conflict with «Обновить»', async ({ page }) => {
    const token = await apiToken(ACCOUNTS.department);
    const { id } = await someTeacher();
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
  });

  test('unsaved changes: leaving the form asks first (in-app link and page unload); staying keeps the typing', async ({ page }) => {
    const { id } = await someTeacher('limit=1&offset=5&sort=last_name');
    await page.goto(`${baseUrl}/teachers/${id}/edit`);
    const phone = page.getByLabel(t.teachers.form.phone, { exact: true });
    await phone.waitFor();
    await phone.fill('+7 999 111-22-33');
    // A link inside the app: the router's blocker asks.
    await page.getByRole('navigation', { name: t.nav.label }).getByRole('link', { name: t.nav.organizations, exact: true }).click();
    const ask = page.getByRole('dialog', { name: t.common.unsavedTitle });
    await ask.waitFor();
    await ask.getByRole('button', { name: t.common.unsavedStay }).click();
    await ask.waitFor({ state: 'detached' });
    check(page.url().endsWith(`/teachers/${id}/edit`), `stayed on the form: ${page.url()}`);
    await waitForValue(phone, '+7 999 111-22-33');
    // Reload / closing the tab: the browser's own question (beforeunload).
    let asked = false;
    page.once('dialog', async (dialog) => {
      asked = dialog.type() === 'beforeunload';
      await dialog.dismiss();
    });
    await page.reload({ timeout: 3000 }).catch(() => {});
    check(asked, 'a reload with unsaved changes must ask (beforeunload)');
    // Leaving for real.
    await page.getByRole('navigation', { name: t.nav.label }).getByRole('link', { name: t.nav.organizations, exact: true }).click();
    await ask.getByRole('button', { name: t.common.unsavedLeave }).click();
    await page.getByRole('heading', { name: t.organizations.title }).waitFor();
  });

  test('dates: ДД.ММ.ГГГГ typed by hand is accepted; an impossible date stays in the field with an error', async ({ page }) => {
    const { id } = await someTeacher('limit=1&offset=6&sort=last_name');
    await page.goto(`${baseUrl}/teachers/${id}/edit`);
    const birth = page.getByLabel(t.teachers.form.birthDate, { exact: true });
    await birth.waitFor();
    await fillDate(birth, '31.02.1990');
    await waitForValue(birth, '31.02.1990'); // never silently erased
    await page.getByText(t.validation.date).first().waitFor();
    await page.getByRole('button', { name: t.common.save }).click();
    await page.getByText(t.validation.date).first().waitFor();
    check(page.url().endsWith('/edit'), 'an invalid date must not be saved');
    await fillDate(birth, '05.03.1990');
    await waitForValue(birth, '05.03.1990');
    await expect(page.getByText(t.validation.date)).toHaveCount(0);
    await page.getByRole('button', { name: t.common.save }).click();
    await page.getByText('05.03.1990', { exact: true }).waitFor();
  });

  test('phone 375 px: filters fold into «Фильтры», results come first, the table scrolls inside its frame', async ({ page }) => {
    await page.setViewportSize({ width: 375, height: 740 });
    await page.goto(`${baseUrl}/teachers`);
    const table = page.getByTestId('teachers-table');
    await table.waitFor();
    const toggle = page.getByRole('button', { name: t.teachers.filtersToggle });
    await toggle.waitFor();
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    // The search stays visible; the other filters are folded away; the first results are on the first screen.
    await page.getByLabel(t.teachers.searchLabel).waitFor();
    await expect(page.getByRole('combobox', { name: t.teachers.organizationLabel })).toBeHidden();
    const firstRow = await table.locator('tbody tr').first().boundingBox();
    check(firstRow && firstRow.y < 740, `the first result is below the first screen: ${JSON.stringify(firstRow)}`);
    await shot(page, 'teachers-phone');
    await toggle.click();
    await expect(page.getByRole('combobox', { name: t.teachers.organizationLabel })).toBeVisible();
    await shot(page, 'teachers-phone-filters');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    check(overflow <= 1, `the page scrolls sideways by ${overflow}px`);
  });
});

test.describe('school admin', () => {
  test.use({ role: 'school' });

  test('create a teacher with validation, then archive with a reason', async ({ page }) => {
    // A unique Cyrillic surname per run, so the test can be re-run on the same database.
    const suffix = String(Date.now()).slice(-6).replace(/\d/g, (d) => 'абвгдежзик'[Number(d)] ?? 'а');
    const lastName = `Проверкина${suffix}`;
    await page.goto(`${baseUrl}/teachers`);
    await page.getByRole('link', { name: t.teachers.create }).click();
    await page.getByRole('heading', { name: t.teachers.form.createTitle }).first().waitFor();
    await expect(page).toHaveTitle(titleOf(t.teachers.form.createTitle));
    // Saving an empty form shows Russian messages and sends nothing.
    await page.getByRole('button', { name: t.common.save }).click();
    await page.getByText(t.validation.required).first().waitFor();
    check(page.url().endsWith('/teachers/new'), `an invalid form must not be sent, at ${page.url()}`);

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
    await dialog.getByLabel(t.teachers.archiveReason, { exact: false }).fill('Тестовая запись, перевод в другой район');
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
  });
});

test.describe('methodologist', () => {
  test.use({ role: 'methodologist' });

  test('the filtered teacher list downloads as an Excel file with a Russian name', async ({ page }) => {
    await page.goto(`${baseUrl}/teachers?young=yes`);
    await page.getByTestId('teachers-table').waitFor();
    await page.getByRole('button', { name: t.export.button }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: t.export.xlsx }).click()]);
    const name = download.suggestedFilename();
    check(name.startsWith('Педагоги') && name.endsWith('.xlsx'), `unexpected file name ${name}`);
    check(readFileSync(await download.path()).subarray(0, 2).toString() === 'PK', 'an XLSX file is a zip archive');
    await page.getByRole('button', { name: t.export.button }).click();
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: t.export.csv }).click()]);
    const text = readFileSync(await csv.path(), 'utf8').replace(/^\uFEFF/, '');
    const rows = text.trim().split(/\r?\n/);
    check(rows[0]?.startsWith('Табельный номер;Фамилия;Имя;Отчество'), `CSV header: ${rows[0]}`);
    const young = rows[0]!.split(';').indexOf('Молодой педагог');
    check(young > 0 && rows.slice(1).every((r) => r.split(';')[young] === 'да'), 'the «young» filter must carry into the file');
  });
});

const teacherPaths = [
  '/teachers',
  '/teachers/new',
  async () => `/teachers/${(await someTeacher()).id}`,
  async () => `/teachers/${(await someTeacher()).id}/edit`,
];
accessibilityChecks('department', teacherPaths);
