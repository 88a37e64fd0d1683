/** Professional development: a course recorded, found, changed and archived; the 3-year window; a provider's list. */
import { readFileSync } from 'node:fs';
import { accessibilityChecks, ACCOUNTS, apiGet, apiToken, baseUrl, check, expect, fillDate, N, navLink, selectOption, shot, t, test, titleOf, waitForTexts } from './support';
import { courseImport, courses as c, pdWindow as w } from '../src/modules/courses/messages';

type Teacher = { id: string; last_name: string; first_name: string; middle_name: string | null; birth_date: string | null; current_organization_name: string | null };

const fullName = (x: Teacher) => [x.last_name, x.first_name, x.middle_name].filter(Boolean).join(' ');
const ru = (iso: string) => iso.split('-').reverse().join('.');

/** A Kostroma teacher (with a birth date and a current school) from the methodologist's registry. */
async function someTeacher(offset: number): Promise<Teacher> {
  const token = await apiToken(ACCOUNTS.methodologist);
  const { body } = await apiGet(token, `/teachers?limit=20&offset=${offset}&sort=last_name`);
  for (const x of body.items as Teacher[]) {
    if (!x.current_organization_name) continue;
    const { body: card } = await apiGet(token, `/teachers/${x.id}`);
    if (card.birth_date) return { ...x, birth_date: card.birth_date };
  }
  throw new Error('no demo teacher with a birth date and a school');
}

test.describe('methodologist', () => {
  test.use({ role: 'methodologist' });

  test('records a course, finds it in the list, changes it and archives it', async ({ page }) => {
    const teacher = await someTeacher(10);
    const title = `Проверка записи курса ${Date.now()}`;
    await page.goto(`${baseUrl}/`);
    await navLink(page, N.courses).click();
    await expect(page).toHaveTitle(titleOf(c.title));
    await page.getByTestId('courses-table').waitFor();
    await shot(page, 'courses');

    await page.getByRole('button', { name: c.create }).click();
    const dialog = page.getByRole('dialog', { name: c.createTitle });
    await dialog.getByRole('button', { name: t.common.create }).click();
    await dialog.getByText(t.validation.required).first().waitFor(); // nothing is sent half-filled

    await dialog.getByRole('combobox', { name: c.form.teacher, exact: true }).fill(teacher.last_name);
    await page.getByRole('option', { name: `${fullName(teacher)}, ${teacher.current_organization_name}`, exact: true }).click();
    await dialog.getByLabel(c.form.title, { exact: false }).fill(title);
    await dialog.getByLabel(c.form.hours, { exact: false }).fill('36');
    await fillDate(dialog.getByLabel(c.form.startDate, { exact: false }), '06.10.2025');
    await fillDate(dialog.getByLabel(c.form.endDate, { exact: false }), '03.10.2025');
    await dialog.getByRole('button', { name: t.common.create }).click();
    await dialog.getByText(t.validation.endBeforeStart).waitFor();
    await fillDate(dialog.getByLabel(c.form.endDate, { exact: false }), '17.10.2025');
    await dialog.getByLabel(c.form.providerName).fill('ОГБОУ ДПО «Костромской областной институт развития образования»');
    await dialog.getByLabel(c.form.documentNumber).fill(`44${String(Date.now()).slice(-8)}`);
    await shot(page, 'course-create');
    await dialog.getByRole('button', { name: t.common.create }).click();
    await dialog.waitFor({ state: 'detached' });

    // The search text finds it (programme, provider or certificate number) and stays out of the URL.
    await page.getByLabel(c.searchLabel).fill(title);
    const table = page.getByTestId('courses-table');
    const rows = await waitForTexts(table.locator('tbody tr'), (row) => row.includes(title));
    check(rows.length === 1, `the new course is listed once: ${rows.join(' | ')}`);
    check(rows[0]!.includes(fullName(teacher)) && rows[0]!.includes('36') && rows[0]!.includes('06.10.2025 – 17.10.2025'), rows[0]!);
    check(!decodeURIComponent(page.url()).includes(title), 'the search text is not in the URL');

    // The same course again is refused, naming the recorded one.
    await page.getByRole('button', { name: c.create }).click();
    const again = page.getByRole('dialog', { name: c.createTitle });
    await again.getByRole('combobox', { name: c.form.teacher, exact: true }).fill(teacher.last_name);
    await page.getByRole('option', { name: `${fullName(teacher)}, ${teacher.current_organization_name}`, exact: true }).click();
    await again.getByLabel(c.form.title, { exact: false }).fill(title);
    await again.getByLabel(c.form.hours, { exact: false }).fill('36');
    await fillDate(again.getByLabel(c.form.startDate, { exact: false }), '06.10.2025');
    await fillDate(again.getByLabel(c.form.endDate, { exact: false }), '17.10.2025');
    await again.getByRole('button', { name: t.common.create }).click();
    await again.getByText(/Этот курс педагога уже записан/).waitFor();
    await again.getByRole('button', { name: t.common.cancel }).click();
    await page.getByRole('button', { name: t.common.discardClose }).click();
    await again.waitFor({ state: 'detached' });

    // Change it (sent with the version on screen), then archive it with a reason.
    await table.getByRole('button', { name: `${t.common.edit}: ${title}` }).click();
    const edit = page.getByRole('dialog', { name: c.editTitle });
    await expect(edit.getByRole('combobox', { name: c.form.teacher, exact: true })).toBeDisabled();
    await edit.getByLabel(c.form.hours, { exact: false }).fill('72');
    await edit.getByRole('button', { name: t.common.save }).click();
    await edit.waitFor({ state: 'detached' });
    await waitForTexts(table.locator('tbody tr'), (row) => row.includes(title) && row.includes('72'));

    await table.getByRole('button', { name: `${t.common.archive}: ${title}` }).click();
    const archive = page.getByRole('dialog', { name: c.archiveTitle });
    await archive.getByLabel(t.common.archiveReason, { exact: false }).fill('Внесён для проверки');
    await archive.getByRole('button', { name: t.common.archive }).click();
    await page.getByTestId('empty-state').waitFor(); // archived courses leave the list
    await page.getByLabel(t.common.includeArchived).check();
    await table.getByText(t.common.archived).waitFor();
  });

  test('the 3-year window: counts, the share, who is outside it, export', async ({ page }) => {
    await page.goto(`${baseUrl}/courses`);
    await page.getByRole('navigation', { name: c.sectionNav }).getByRole('link', { name: c.tabs.window }).click();
    await expect(page).toHaveTitle(titleOf(w.title));
    const counted = Number(await page.getByTestId('pd-counted').locator('p').nth(1).innerText());
    check(counted > 0, `teachers counted: ${counted}`);
    await expect(page.getByTestId('pd-share')).toContainText('%');
    await page.getByTestId('pd-window-table').waitFor();
    await shot(page, 'pd-window');
    await selectOption(page, w.state, w.states.outside!);
    await page.waitForURL(/state=outside/);
    const states = await waitForTexts(page.getByTestId('pd-window-table').locator('tbody tr td:nth-child(4)'), (s) => s === w.stateLabels.outside);
    check(states.length > 0 && states.every((s) => s === w.stateLabels.outside), `only outside: ${states.join(', ')}`);
    await page.getByRole('button', { name: t.export.button }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: t.export.xlsx }).click()]);
    check(download.suggestedFilename().endsWith('.xlsx'), download.suggestedFilename());
    check(readFileSync(await download.path()).subarray(0, 2).toString() === 'PK', 'an XLSX file');
  });

  test("a provider's list: checked, then loaded; the same list again loads nothing twice", async ({ page }) => {
    const teacher = await someTeacher(30);
    const title = `Проверка загрузки списка ${Date.now()}`;
    const csv = [
      'ФИО;Дата рождения;Программа;Часы;Дата начала;Дата окончания;№ удостоверения',
      `${fullName(teacher)};${ru(teacher.birth_date!)};${title};24;01.10.2025;10.10.2025;E2E-${Date.now()}`,
      `Несуществующий Педагог Иванович;01.01.1980;${title};24;01.10.2025;10.10.2025;`,
    ].join('\r\n');
    const file = { name: 'список КОИРО.csv', mimeType: 'text/csv', buffer: Buffer.from(`\ufeff${csv}`, 'utf8') };
    await page.goto(`${baseUrl}/courses/import`);
    await expect(page).toHaveTitle(titleOf(courseImport.title));
    await page.getByLabel(c.form.providerAsText).check();
    await page.getByLabel(c.form.providerName).fill('ОГБОУ ДПО «КОИРО»');
    await page.locator('input[type=file]').setInputFiles(file);
    await page.getByRole('button', { name: courseImport.check }).click();
    const errors = page.getByTestId('import-errors');
    await errors.waitFor();
    check((await errors.locator('tbody tr').count()) === 1, 'the unknown person is the one bad row');
    await expect(page.getByRole('button', { name: courseImport.apply, exact: true })).toBeDisabled();
    await shot(page, 'course-import');
    await page.getByRole('button', { name: courseImport.applyValid }).click();
    await page.getByText(courseImport.partialTitle).first().waitFor();
    await page.locator('input[type=file]').setInputFiles(file);
    await page.getByRole('button', { name: courseImport.check }).click();
    await page.getByText(courseImport.alreadyRecorded).waitFor();
    await page.getByTestId('import-notices').waitFor();

    await page.getByRole('navigation', { name: c.sectionNav }).getByRole('link', { name: c.tabs.list }).click();
    await page.getByLabel(c.searchLabel).fill(title);
    await waitForTexts(page.getByTestId('courses-table').locator('tbody tr'), (row) => row.includes(fullName(teacher)));
  });
});

test.describe('phone', () => {
  test.use({ role: 'methodologist', viewport: { width: 375, height: 740 } });

  test('the list comes first: filters fold into «Фильтры»', async ({ page }) => {
    await page.goto(`${baseUrl}/courses`);
    await page.getByTestId('courses-table').waitFor();
    const toggle = page.getByRole('button', { name: t.common.filters });
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await expect(page.getByRole('combobox', { name: c.period, exact: true })).toBeHidden();
    await toggle.click();
    await expect(page.getByRole('combobox', { name: c.period, exact: true })).toBeVisible();
    await shot(page, 'courses-phone');
  });
});

accessibilityChecks('methodologist', ['/courses', '/courses/pd-window', '/courses/import']);
