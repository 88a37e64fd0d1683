/** Attestation: an application and its decision — a granted category appears in the teacher's card; the plan. */
import { readFileSync } from 'node:fs';
import { accessibilityChecks, ACCOUNTS, apiGet, apiToken, baseUrl, check, expect, fillDate, N, navLink, selectOption, shot, t, test, titleOf, waitForTexts } from './support';
import { attestation as a, attestationPlan as p } from '../src/modules/attestation/messages';

type Teacher = { id: string; last_name: string; first_name: string; middle_name: string | null; current_organization_name: string | null };
const fullName = (x: Teacher) => [x.last_name, x.first_name, x.middle_name].filter(Boolean).join(' ');
const todayRu = () => new Date().toLocaleDateString('ru-RU', { day: '2-digit', month: '2-digit', year: 'numeric' });

/** A Kostroma teacher at a school without an application under consideration (one is allowed at a time) and without
 * a category granted today. */
async function teacherWithoutPendingApplication(): Promise<Teacher> {
  const token = await apiToken(ACCOUNTS.methodologist);
  const { body: pending } = await apiGet(token, '/attestations?status=pending&limit=200');
  const busy = new Set((pending.items as { teacher_id: string }[]).map((x) => x.teacher_id));
  const { body } = await apiGet(token, '/teachers?limit=50&offset=60&sort=last_name');
  const today = new Date().toLocaleDateString('sv-SE'); // YYYY-MM-DD, local
  for (const x of body.items as Teacher[]) {
    if (!x.current_organization_name || busy.has(x.id)) continue;
    // A category granted today already (an earlier run) would not be written twice: the check needs a fresh one.
    const { body: card } = await apiGet(token, `/teachers/${x.id}`);
    if (!(card.categories as { granted_on: string }[]).some((c) => c.granted_on === today)) return x;
  }
  throw new Error('no demo teacher without a pending application');
}

test.describe('methodologist', () => {
  test.use({ role: 'methodologist' });

  test('records an application and a granted decision; the teacher card shows the new category', async ({ page }) => {
    const teacher = await teacherWithoutPendingApplication();
    const label = `${fullName(teacher)}, ${teacher.current_organization_name}`;
    const order = `приказ № ${String(Date.now()).slice(-6)}-а`;
    await page.goto(`${baseUrl}/`);
    await navLink(page, N.attestation).click();
    await expect(page).toHaveTitle(titleOf(a.title));
    await page.getByTestId('attestations-table').waitFor();
    await shot(page, 'attestations');

    await page.getByRole('button', { name: a.create }).click();
    const dialog = page.getByRole('dialog', { name: a.createTitle });
    await dialog.getByRole('combobox', { name: a.form.teacher, exact: true }).fill(teacher.last_name);
    await page.getByRole('option', { name: label, exact: true }).click();
    await selectOption(page, a.form.category, a.categories.first!, dialog);
    await fillDate(dialog.getByLabel(a.form.appliedOn, { exact: false }), todayRu());
    await dialog.getByRole('button', { name: t.common.create }).click();
    await dialog.waitFor({ state: 'detached' });

    // Only this teacher's applications (the filter goes into the URL as an id, never the name).
    const filter = page.getByRole('combobox', { name: a.teacher, exact: true });
    await filter.fill(teacher.last_name);
    await page.getByRole('option', { name: label, exact: true }).click();
    await page.waitForURL(/teacher_id=/);
    const table = page.getByTestId('attestations-table');
    await waitForTexts(table.locator('tbody tr').first(), (row) => row.includes(a.statuses.pending!) && row.includes(todayRu()));

    await table.getByRole('button', { name: `${a.decide}: ${fullName(teacher)}` }).first().click();
    const decision = page.getByRole('dialog', { name: a.decision.title });
    await decision.getByRole('button', { name: a.decision.submit }).click();
    await decision.getByText(a.decision.orderRequired).waitFor(); // a grant needs its order
    await decision.getByLabel(a.decision.orderNumber, { exact: false }).fill(order);
    await shot(page, 'attestation-decision');
    await decision.getByRole('button', { name: a.decision.submit }).click();
    await decision.waitFor({ state: 'detached' });
    const result = page.getByTestId('decision-result');
    await expect(result).toContainText(a.decision.savedGranted);
    await waitForTexts(table.locator('tbody tr').first(), (row) => row.includes(a.statuses.granted!) && row.includes(order));
    await shot(page, 'attestation-granted');

    // The category is in the teacher's card, with the order as its basis.
    await result.getByRole('link', { name: a.decision.openCard }).click();
    await page.getByTestId('teacher-name').waitFor();
    const categories = page.getByTestId('categories-table');
    await expect(categories).toContainText(order);
    const row = categories.locator('tbody tr', { hasText: order });
    await expect(row).toContainText(todayRu());
    await expect(row).toContainText(/перв/i);
  });

  test('the 5-year plan-schedule by academic year, printable', async ({ page }) => {
    await page.goto(`${baseUrl}/attestations`);
    await page.getByRole('navigation', { name: a.sectionNav }).getByRole('link', { name: a.tabs.plan }).click();
    await expect(page).toHaveTitle(titleOf(p.title));
    const plan = page.getByTestId('attestation-plan');
    await plan.waitFor();
    const total = Number(await page.getByTestId('plan-total').locator('p').nth(1).innerText());
    check(total > 0, `teachers in the plan: ${total}`);
    const years = await plan.getByRole('heading', { level: 4 }).allInnerTexts();
    check(years.length === 5 && years.every((y) => /^\d{4}\/\d{4} учебный год — \d+$/.test(y)), years.join(' | '));
    await shot(page, 'attestation-plan');
    await page.getByRole('button', { name: t.export.button }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: t.export.xlsx }).click()]);
    check(download.suggestedFilename().startsWith('План-график аттестации'), download.suggestedFilename());
    check(readFileSync(await download.path()).subarray(0, 2).toString() === 'PK', 'an XLSX file');
  });
});

accessibilityChecks('methodologist', ['/attestations', '/attestations/plan']);
