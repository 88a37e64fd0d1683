import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { accessibilityChecks, baseUrl, check, expect, expectSearchNotInUrl, fixtures, N, navLink, shot, t, test, titleOf, waitForValue } from './support';

test.describe('school admin', () => {
  test.use({ role: 'school' });

  test('import dry run lists the bad rows', async ({ page }) => {
    await page.goto(`${baseUrl}/`);
    await navLink(page, N.teachersImport).click();
    await expect(page).toHaveTitle(titleOf(t.teacherImport.title));
    const orgInput = page.getByRole('combobox', { name: t.teacherImport.organization });
    await orgInput.waitFor();
    await waitForValue(orgInput, 'СОШ № 22');
    await page.locator('input[type=file]').setInputFiles(join(fixtures, 'teachers_hr_export.csv'));
    await page.getByRole('button', { name: t.teacherImport.check }).click();
    const errors = page.getByTestId('import-errors');
    await errors.waitFor();
    const rows = await errors.locator('tbody tr').count();
    check(rows === 5, `expected 5 bad rows, got ${rows}`);
    await errors.getByText('Не указана фамилия').waitFor();
    await errors.getByText('31.02.1979', { exact: true }).waitFor(); // the cell value column
    await page.getByTestId('import-mapped').getByText('Табельный номер', { exact: true }).first().waitFor();
    check(await page.getByRole('button', { name: t.teacherImport.apply, exact: true }).isDisabled(), '«Загрузить» must be disabled while the file has errors');
    await shot(page, 'teacher-import');
  });

  test('a clean HR file is checked, then applied, and the teachers appear', async ({ page }) => {
    await page.goto(`${baseUrl}/teachers/import`);
    await waitForValue(page.getByRole('combobox', { name: t.teacherImport.organization }), 'СОШ № 22');
    await page.locator('input[type=file]').setInputFiles(join(fixtures, 'teachers_hr_export_clean.csv'));
    const apply = page.getByRole('button', { name: t.teacherImport.apply, exact: true });
    check(await apply.isDisabled(), '«Загрузить» must wait for a check');
    await page.getByRole('button', { name: t.teacherImport.check }).click();
    await page.getByText(t.teacherImport.noErrors).waitFor();
    await expect(apply).toBeEnabled();
    await apply.click();
    await page.getByText(t.teacherImport.appliedTitle).first().waitFor();
    await shot(page, 'teacher-import-applied');
    await navLink(page, N.teachers).click();
    await page.getByLabel(t.teachers.searchLabel).fill('Васильева Ольга');
    await page.getByTestId('teachers-table').getByRole('link', { name: 'Васильева Ольга Александровна' }).first().waitFor();
    expectSearchNotInUrl(page, 'Васильева');
  });

  test('a file with a bad row: error report, then only the good rows are applied', async ({ page }) => {
    await page.goto(`${baseUrl}/teachers/import`);
    await waitForValue(page.getByRole('combobox', { name: t.teacherImport.organization }), 'СОШ № 22');
    await page.locator('input[type=file]').setInputFiles(join(fixtures, 'teachers_hr_export_partial.csv'));
    await page.getByRole('button', { name: t.teacherImport.check }).click();
    const errors = page.getByTestId('import-errors');
    await errors.getByText('Не указана фамилия').waitFor();
    check((await errors.locator('tbody tr').count()) === 1, 'one bad row');
    check(await page.getByRole('button', { name: t.teacherImport.apply, exact: true }).isDisabled(), 'the whole file cannot be applied');
    await page.getByText(t.teacherImport.applyValidHint(1)).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: t.teacherImport.errorReport }).click()]);
    check(download.suggestedFilename().startsWith('Ошибки импорта педагогов'), `file name: ${download.suggestedFilename()}`);
    check(readFileSync(await download.path()).subarray(0, 2).toString() === 'PK', 'the error report is an XLSX file');
    await page.getByRole('button', { name: t.teacherImport.applyValid }).click();
    await page.getByText(t.teacherImport.partialTitle).first().waitFor();
    await page.getByText(t.teacherImport.skippedRows).waitFor();
    await shot(page, 'teacher-import-partial');
    await navLink(page, N.teachers).click();
    await page.getByLabel(t.teachers.searchLabel).fill('Частичная Вера');
    await page.getByTestId('teachers-table').getByRole('link', { name: 'Частичная Вера Игоревна' }).first().waitFor();
  });

  test('downloads the import template with the allowed values', async ({ page }) => {
    await page.goto(`${baseUrl}/teachers/import`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: t.teacherImport.template }).click()]);
    check(download.suggestedFilename() === 'Шаблон импорта педагогов.xlsx', `file name: ${download.suggestedFilename()}`);
    check(readFileSync(await download.path()).subarray(0, 2).toString() === 'PK', 'an XLSX file is a zip archive');
  });
});

accessibilityChecks('school', ['/teachers/import']);
