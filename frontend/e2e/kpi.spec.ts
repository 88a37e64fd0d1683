type Snapshot = { id: string; status: string; version: number; actions: string[] };

/** A re-run starts clean: an open (draft or submitted) snapshot of the period left by an earlier run is discarded. */
async function discardOpenSnapshots(period: string) {
  const token = await apiToken(ACCOUNTS.department);
  const { body } = await apiGet(token, `/kpi/snapshots?period=${encodeURIComponent(period)}&limit=50`);
  for (const x of body.items as Snapshot[]) {
    if (!x.actions.includes('discard')) continue;
    const res = await fetch(`${baseUrl}/api/v1/kpi/snapshots/${x.id}/discard`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'If-Match': `"${x.version}"` } });
    if (!res.ok) throw new Error(`discard ${x.id}: ${res.status} ${await res.text()}`);
  }
}

/** KPIs: the methodologist sees the municipality's indicators with numbers, the per-school breakdown, the teachers
 * behind a value, exports the values, and builds an own indicator with a live preview. */
import { accessibilityChecks, ACCOUNTS, apiGet, apiToken, baseUrl, expect, N, navLink, pageAs, selectOption, shot, test, titleOf } from './support';
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

    // An indicator of records: the practices counted, with their dates and schools.
    await page.goto(`${baseUrl}/kpi?period=2021%2F2022`);
    await page.locator('[data-testid="kpi-card"][data-code="K-4.1.1"]').getByRole('button', { name: k.whatCountedOf('K-4.1.1') }).click();
    const records = page.getByRole('dialog', { name: k.drilldown.recordsTitle('K-4.1.1') });
    await expect(records.getByTestId('kpi-drilldown-table').locator('tbody tr').first()).toBeVisible();
    await expect(records.getByTestId('kpi-explain')).toBeVisible();
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
    // A share of records over teachers: the preview's 422 is shown at the denominator field, in the API's words.
    const denominator = dialog.getByRole('combobox', { name: k.editor.denominator });
    await denominator.click();
    await page.getByRole('option', { name: 'Опубликованные практики', exact: true }).click();
    await expect(dialog.getByText('Доля считается из мер одного вида', { exact: false }).first()).toBeVisible();
    await expect(denominator).toHaveAttribute('aria-invalid', 'true');
    await denominator.click();
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

test.describe('snapshot of a period', () => {
  test.use({ role: 'methodologist' });

  test('the methodologist forms and submits a snapshot, the department approves it; the dashboard shows approved values', async ({ page, browser }) => {
    const period = '2022/2023';
    await discardOpenSnapshots(period);
    await page.goto(`${baseUrl}/kpi`);
    // The approved values of the period are shown by default, with the date they were approved.
    await expect(page.getByTestId('kpi-snapshot-state')).toBeVisible();
    await page.getByText(k.modes.live!, { exact: true }).click();
    await expect(page.getByTestId('kpi-snapshot-state')).toHaveText(k.snapshotState.live);

    await page.getByRole('navigation', { name: k.sectionNav }).getByRole('link', { name: k.tabs.snapshots }).click();
    await expect(page).toHaveTitle(titleOf(k.snapshots.title));
    await page.getByRole('button', { name: k.snapshots.create }).click();
    const dialog = page.getByRole('dialog', { name: k.snapshots.createTitle });
    await selectOption(page, k.period, period, dialog);
    await dialog.getByRole('button', { name: k.snapshots.create }).click();
    // The values of every indicator and school are computed now: it takes a moment.
    await expect(dialog).toBeHidden({ timeout: 60_000 });
    await expect(page.getByRole('heading', { level: 2, name: k.snapshots.cardTitle('город Кострома', period) })).toBeVisible();
    await expect(page.getByTestId('kpi-snapshot-status')).toContainText(k.snapshots.statuses.draft!);
    await expect(page.getByTestId('kpi-snapshot-rows').locator('tbody tr').first()).toBeVisible();
    await page.getByRole('button', { name: k.snapshots.actions.submit }).click();
    await expect(page.getByTestId('kpi-snapshot-status')).toContainText(k.snapshots.statuses.submitted!);
    // Four eyes: the one who submitted cannot approve.
    await expect(page.getByRole('button', { name: k.snapshots.actions.approve })).toHaveCount(0);
    const url = page.url();
    await shot(page, 'kpi-snapshot-submitted');

    const department = await pageAs(browser, 'department');
    try {
      await department.page.goto(url);
      await department.page.getByRole('button', { name: k.snapshots.actions.approve }).click();
      await expect(department.page.getByTestId('kpi-snapshot-status')).toContainText(k.snapshots.statuses.approved!);
      await expect(department.page.getByTestId('kpi-snapshot-history')).toContainText(k.snapshots.historyActions.approved!);
      await shot(department.page, 'kpi-snapshot-approved');
      expect(department.seen).toEqual([]);
    } finally {
      await department.close();
    }
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

accessibilityChecks('methodologist', ['/kpi', '/kpi?indicator=PD-3Y', '/kpi/indicators', '/kpi/snapshots', '/kpi/settings']);
accessibilityChecks('school', ['/kpi']);
