/** Documents: a school files and approves its plan — the checklist's gap closes; a teacher reads only approved documents. */
import { accessibilityChecks, ACCOUNTS, apiGet, apiToken, baseUrl, expect, N, navLink, shot, t, test, titleOf } from './support';
import { checklist as c, documents as d, requirements as r, TYPE_LABELS } from '../src/modules/documents/messages';

type Doc = { id: string; version: number; title: string; status: string; organization_id: string | null };

async function archive(token: string, doc: Doc) {
  const res = await fetch(`${baseUrl}/api/v1/documents/${doc.id}/archive`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'If-Match': `"${doc.version}"`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ reason: 'Создан для проверки' }),
  });
  if (!res.ok) throw new Error(`archive ${doc.id}: ${res.status} ${await res.text()}`);
}

test.describe('school administrator', () => {
  test.use({ role: 'school' });

  test('files the school’s PD plan by link, approves it: the checklist cell turns ✓', async ({ page }) => {
    const token = await apiToken(ACCOUNTS.school);
    const title = `План-график повышения квалификации (проверка ${Date.now()})`;
    let created: Doc | null = null;
    try {
      await page.goto(`${baseUrl}/`);
      await navLink(page, N.documents).click();
      await expect(page).toHaveTitle(titleOf(d.title));
      await page.getByTestId('documents-table').waitFor();

      // the checklist: the school's row only, its PD plan only a draft so far
      await page.getByRole('navigation', { name: d.sectionNav }).getByRole('link', { name: d.tabs.checklist }).click();
      await expect(page).toHaveTitle(titleOf(c.title));
      const grid = page.getByTestId('checklist-table');
      await expect(grid.locator('tbody tr')).toHaveCount(1);
      const pdColumn = (await grid.locator('thead th').allInnerTexts()).findIndex((x) => x.includes(TYPE_LABELS.pd_plan!));
      expect(pdColumn).toBeGreaterThan(0);
      const cell = grid.locator('tbody tr').first().locator('th, td').nth(pdColumn);
      await expect(cell).toHaveAttribute('data-state', 'draft');
      await shot(page, 'documents-checklist-school');

      // a new document: the link is checked before it is sent
      await page.getByRole('navigation', { name: d.sectionNav }).getByRole('link', { name: d.tabs.list }).click();
      await page.getByRole('button', { name: d.create }).click();
      const dialog = page.getByRole('dialog', { name: d.createTitle });
      await dialog.getByRole('textbox', { name: d.fields.title }).fill(title);
      await dialog.getByRole('combobox', { name: d.fields.type, exact: true }).click();
      await page.getByRole('option', { name: TYPE_LABELS.pd_plan!, exact: true }).click();
      await dialog.getByRole('textbox', { name: d.fields.url }).fill('school22.ru/plan.pdf');
      await dialog.getByRole('button', { name: t.common.create }).click();
      await dialog.getByText(d.url).waitFor();
      await dialog.getByRole('textbox', { name: d.fields.url }).fill('https://docs.demo.mms/kostroma/s22/pd-plan-check.pdf');
      await dialog.getByRole('button', { name: t.common.create }).click();
      await dialog.waitFor({ state: 'detached' });
      const { body: mine } = await apiGet(token, `/documents?q=${encodeURIComponent(title)}`);
      created = mine.items[0] as Doc;
      expect(created.status).toBe('draft');

      // approve it (the version on screen)
      await page.getByRole('searchbox', { name: d.search }).fill(title);
      const row = page.getByTestId('documents-table').locator('tbody tr', { hasText: title });
      await row.getByRole('button', { name: `${d.approve}: ${title}` }).click();
      const confirm = page.getByRole('dialog', { name: d.approveTitle });
      await confirm.getByRole('button', { name: d.approve }).click();
      await confirm.waitFor({ state: 'detached' });
      await expect(row).toContainText(d.statuses.approved!);
      await shot(page, 'documents-approved');
      created = (await apiGet(token, `/documents/${created.id}`)).body as Doc;

      await page.getByRole('navigation', { name: d.sectionNav }).getByRole('link', { name: d.tabs.checklist }).click();
      await expect(page.getByTestId('checklist-table').locator('tbody tr').first().locator('th, td').nth(pdColumn)).toHaveAttribute('data-state', 'approved');
    } finally {
      if (created) await archive(token, created);
    }
  });
});

test.describe('teacher', () => {
  test.use({ role: 'teacher' });

  test('reads the approved documents of the school and the city, writes nothing', async ({ page }) => {
    await page.goto(`${baseUrl}/`);
    await navLink(page, N.documents).click();
    const table = page.getByTestId('documents-table');
    await table.waitFor();
    await expect(table.locator('tbody tr').first()).toBeVisible();
    await expect(table.getByText(d.statuses.draft!, { exact: true })).toHaveCount(0);
    await expect(page.getByRole('button', { name: d.create })).toHaveCount(0);
    await expect(page.getByRole('navigation', { name: d.sectionNav })).toHaveCount(0);
  });
});

test.describe('methodologist', () => {
  test.use({ role: 'methodologist' });

  test('sees every school’s gaps in the checklist and the city’s required set', async ({ page }) => {
    await page.goto(`${baseUrl}/documents/checklist`);
    const grid = page.getByTestId('checklist-table');
    await grid.waitFor();
    expect(await grid.locator('tbody tr').count()).toBeGreaterThan(3);
    await expect(grid.locator('td[data-state="missing"]').first()).toBeVisible();
    await expect(page.getByTestId('checklist-totals')).toContainText('Требуется документов');
    await shot(page, 'documents-checklist');
    await page.getByRole('navigation', { name: d.sectionNav }).getByRole('link', { name: d.tabs.requirements }).click();
    await expect(page).toHaveTitle(titleOf(r.title));
    await expect(page.getByTestId('requirements-table')).toContainText(TYPE_LABELS.regulation!);
  });
});

accessibilityChecks('methodologist', ['/documents', '/documents/checklist', '/documents/requirements']);
