/** KPIs: the methodologist sees the municipality's indicators with numbers, the per-school breakdown, the teachers
 * behind a value, exports the values, and builds an own indicator with a live preview. */
import { accessibilityChecks, baseUrl, expect, N, navLink, shot, test, titleOf } from './support';
import { kpi as k } from '../src/modules/kpi/messages';

test.describe('methodologist', () => {
  test.use({ role: 'methodologist' });

  test('opens «Показатели»: cards with numbers, the trend and breakdown, who is counted, CSV export', async ({ page }) => {
    await page.goto(`${baseUrl}/`);
    await navLink(page, N.kpi).click();
    await expect(page).toHaveTitle(titleOf(k.title));
    const cards = page.getByTestId('kpi-cards').getByTestId('kpi-card');
    await expect(cards.first()).toBeVisible();
    expect(await cards.count()).toBeGreaterThan(3);
    // A share shows its numerator and denominator («110 из 177»), and every card says its status in words.
    const pd = page.locator('[data-testid="kpi-card"][data-code="PD-3Y"]');
    await expect(pd.getByTestId('kpi-card-fraction')).toContainText(' из ');
    await expect(pd.getByTestId('kpi-card-value')).toContainText('%');
    await expect(pd.getByTestId('kpi-card-status')).not.toBeEmpty();
    await shot(page, 'kpi-dashboard');

    await pd.getByRole('button', { name: k.detailsOf('PD-3Y') }).click();
    await expect(page.getByRole('heading', { name: k.trendTitle('PD-3Y') })).toBeVisible();
    await expect(page.getByTestId('kpi-trend-table').locator('tbody tr')).toHaveCount(5);
    const breakdown = page.getByTestId('kpi-breakdown-table');
    await expect(breakdown.getByRole('button', { name: 'СОШ № 22' })).toBeVisible();
    await page.getByTestId('kpi-breakdown-chart').waitFor();
    // Sorting by the value puts the biggest first.
    await breakdown.getByRole('button', { name: k.sortBy(k.columns.value) }).click();
    await expect(breakdown.locator('thead th').nth(3)).toHaveAttribute('aria-sort', 'descending');
    await shot(page, 'kpi-breakdown');

    // The teachers behind the school's value, with how it was obtained; the denominator switch.
    await breakdown.getByRole('button', { name: 'СОШ № 22' }).click();
    const dialog = page.getByRole('dialog', { name: k.drilldown.title('PD-3Y') });
    await expect(dialog.getByTestId('kpi-explain')).toContainText(k.drilldown.referenceDate);
    await expect(dialog.getByTestId('kpi-drilldown-table').locator('tbody tr').first()).toBeVisible();
    await dialog.getByText(k.drilldown.denominator, { exact: true }).click();
    await expect(dialog.getByTestId('kpi-drilldown-table').locator('tbody tr').first()).toBeVisible();
    await shot(page, 'kpi-drilldown');
    await page.keyboard.press('Escape');

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Выгрузить' }).click();
    await page.getByRole('menuitem', { name: 'CSV для Excel' }).click();
    expect((await download).suggestedFilename()).toMatch(/\.csv$/);
  });

  test('creates an own indicator after seeing its values in the preview', async ({ page }) => {
    const code = `E2E-${Date.now().toString(36).toUpperCase()}`;
    await page.goto(`${baseUrl}/kpi/indicators`);
    await expect(page).toHaveTitle(titleOf(k.catalogue.title));
    await expect(page.getByTestId('kpi-indicators-table')).toContainText('PD-3Y');
    await page.getByRole('button', { name: k.catalogue.create }).click();
    const dialog = page.getByRole('dialog', { name: k.editor.title });
    await dialog.getByRole('textbox', { name: k.editor.code }).fill(code);
    await dialog.getByRole('textbox', { name: k.editor.name }).fill('Доля педагогов, выступавших на региональных мероприятиях');
    await dialog.getByRole('textbox', { name: k.editor.description }).fill('Учитываемые педагоги — докладчики на мероприятиях регионального уровня и выше.');
    await dialog.getByRole('combobox', { name: k.editor.numerator }).click();
    await page.getByRole('option', { name: 'Участники мероприятий', exact: true }).click();
    await dialog.getByLabel('Роли участия', { exact: true }).click();
    await page.getByRole('option', { name: 'докладчик', exact: true }).click();
    await dialog.getByRole('combobox', { name: k.editor.denominator }).click();
    await page.getByRole('option', { name: 'Учитываемые педагоги', exact: true }).click();
    const preview = dialog.getByTestId('kpi-preview');
    await expect(preview.getByTestId('kpi-preview-total')).toContainText(' из ');
    await expect(preview.getByTestId('kpi-preview-table')).toContainText('СОШ № 22');
    await shot(page, 'kpi-editor');
    await dialog.getByRole('button', { name: k.editor.save }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('kpi-indicators-table')).toContainText(code);
  });
});

test.describe('school administrator', () => {
  test.use({ role: 'school' });

  test('sees the values of the own school only, without a breakdown', async ({ page }) => {
    await page.goto(`${baseUrl}/kpi`);
    await expect(page.getByTestId('kpi-cards').getByTestId('kpi-card').first()).toBeVisible();
    await expect(page.getByRole('heading', { level: 2 })).toHaveText(k.title);
    await expect(page.getByText('СОШ № 22').first()).toBeVisible();
    await expect(page.getByTestId('kpi-breakdown-table')).toHaveCount(0);
  });
});

accessibilityChecks('methodologist', ['/kpi', '/kpi?indicator=PD-3Y', '/kpi/indicators']);
accessibilityChecks('school', ['/kpi']);
