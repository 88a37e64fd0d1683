/** Diagnostics results: the methodologist sees Kostroma's corporate deficits with every group and opens the teachers
 * behind a figure; the department sees the figures, the late school hidden with the reason, and no drill-down. */
import { baseUrl, expect, shot, test } from './support';
import { results as r } from '../src/modules/diagnostics/results/messages';

test.describe('methodologist', () => {
  test.use({ role: 'methodologist' });

  test('sees the corporate deficits of the demo campaign and the teachers behind a figure', async ({ page }) => {
    await page.goto(`${baseUrl}/diagnostics/corporate`);
    const table = page.getByTestId('corporate-table');
    await table.waitFor();
    await expect(page.getByTestId('corporate-row').first()).toBeVisible();
    await expect(page.getByTestId('corporate-total')).toContainText(r.corporate.total);
    await expect(page.getByTestId('suppressed-cell')).toHaveCount(0); // the methodologist sees small groups too
    await expect(table).toContainText(`${r.bandShort.deficit}:`);
    await shot(page, 'diagnostics-corporate');
    await table.getByRole('button', { name: new RegExp(`^${r.bands.deficit}: [1-9]`) }).first().click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByTestId('drilldown-table').locator('tbody tr').first()).toBeVisible();
    await expect(dialog).toContainText(r.bands.deficit);
  });

  test('compares last year with this year', async ({ page }) => {
    await page.goto(`${baseUrl}/diagnostics/compare`);
    await expect(page.getByTestId('comparison-areas').locator('tbody tr').first()).toBeVisible();
    await expect(page.getByTestId('comparison-teachers').locator('tbody tr').first()).toBeVisible();
  });
});

test.describe('department', () => {
  test.use({ role: 'department' });

  test('sees the figures, a small group hidden with the reason, and no drill-down', async ({ page }) => {
    await page.goto(`${baseUrl}/diagnostics/corporate`);
    const table = page.getByTestId('corporate-table');
    await table.waitFor();
    await expect(page.getByTestId('suppressed-cell').first()).toContainText('менее 5 педагогов — данные скрыты');
    await expect(table).toContainText(`${r.bandShort.deficit}:`);
    await expect(table.getByRole('button')).toHaveCount(0);
    await expect(page.getByText(r.corporate.noDrill, { exact: false })).toBeVisible();
    await expect(page.getByRole('button', { name: r.corporate.report })).toBeVisible();
  });
});
