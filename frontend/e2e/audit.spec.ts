import { accessibilityChecks, ACCOUNTS, apiGet, apiPatch, apiToken, baseUrl, check, expect, N, navLink, selectOption, shot, t, test, titleOf, uniquePhone, waitForTexts } from './support';

test.describe('admin', () => {
  test.use({ role: 'admin' });
  test('audit log with filters and paging', async ({ page }) => {
    // an update of a teacher to find (the test must not depend on what other tests did before it)
    const token = await apiToken(ACCOUNTS.admin);
    const { body: list } = await apiGet(token, '/teachers?limit=1&offset=5&sort=last_name');
    const { etag } = await apiGet(token, `/teachers/${list.items[0].id}`);
    await apiPatch(token, `/teachers/${list.items[0].id}`, etag, { phone: uniquePhone() });
    await page.goto(`${baseUrl}/`);
    await navLink(page, N.audit).click();
    const table = page.getByTestId('audit-table');
    await table.waitFor();
    await expect(page).toHaveTitle(titleOf(t.audit.title));
    await selectOption(page, t.audit.entityType, t.audit.entityTypes.teacher);
    await selectOption(page, t.audit.action, t.audit.actions.update);
    const actions = await waitForTexts(table.locator('tbody tr td:nth-child(3)'), (a) => a.includes(t.audit.actions.update));
    check(actions.length > 0 && actions.every((a) => a.includes(t.audit.actions.update)), `filter failed: ${actions.join(', ')}`);
    await shot(page, 'audit');
  });
});

test.describe('department', () => {
  test.use({ role: 'department' });

  test('the audit log reads in Russian — names, readable values, no ids or English field names', async ({ page }) => {
    const token = await apiToken(ACCOUNTS.department);
    const { body: list } = await apiGet(token, '/teachers?limit=1&offset=3&sort=last_name');
    const target = list.items[0];
    const { etag } = await apiGet(token, `/teachers/${target.id}`);
    const phone = uniquePhone();
    await apiPatch(token, `/teachers/${target.id}`, etag, { phone });
    await page.goto(`${baseUrl}/audit`);
    const table = page.getByTestId('audit-table');
    const fullName = [target.last_name, target.first_name, target.middle_name].filter(Boolean).join(' ');
    const row = table.getByRole('row').filter({ hasText: fullName }).filter({ hasText: t.audit.actions.update }).first();
    await row.waitFor();
    const rowText = await row.innerText();
    check(rowText.includes(phone), `the new phone is not shown: ${rowText}`);
    // Logins and uploaded file names are data, not interface text.
    const text = (await table.innerText()).replace(/\S+@\S+/g, '').replace(/\S+\.(csv|xlsx?)\b/gi, '');
    const uuid = text.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i);
    check(!uuid, `an id on the audit screen: ${uuid?.[0]}`);
    const english = text.match(/\b[a-z]+_[a-z_]+\b|\b(phone|email|name|roles|scopes|subjects|categories|employments|reason|source|true|false|null|update|create|teacher)\b/);
    check(!english, `English or a field name on the audit screen: ${english?.[0]}`);
    check(!/[{}[\]]/.test(text), 'raw JSON on the audit screen');
    await shot(page, 'audit-russian');
  });

  test('a teacher card links to its audit trail — who read and changed it', async ({ page }) => {
    const token = await apiToken(ACCOUNTS.department);
    const { body: list } = await apiGet(token, '/teachers?limit=1&offset=7&sort=last_name');
    const target = list.items[0];
    await page.goto(`${baseUrl}/teachers/${target.id}`);
    await page.getByTestId('teacher-name').waitFor();
    await page.getByRole('link', { name: t.teachers.card.auditTrail }).click();
    await page.getByTestId('audit-one-record').waitFor();
    const table = page.getByTestId('audit-table');
    await table.waitFor();
    const { body: me } = await apiGet(token, '/auth/me');
    await table.getByRole('row').filter({ hasText: me.name }).filter({ hasText: t.audit.actions.read }).first().waitFor();
    // the trail asked of the API after the page: another test may read the same teacher in between, so the page
    // shows at most as many entries as the API (an unfiltered journal would show far more), and at least ours
    const rows = await table.locator('tbody tr').count();
    const { body: trail } = await apiGet(token, `/audit-events?entity_id=${target.id}&limit=200`);
    check(
      rows >= 1 && rows <= Math.min(trail.total, 50),
      `the trail must list only this teacher's entries (${trail.total} by the API), got ${rows}`,
    );
    await shot(page, 'audit-trail');
    await page.getByRole('button', { name: t.audit.showAll }).click();
    await page.getByTestId('audit-one-record').waitFor({ state: 'detached' });
  });
});

accessibilityChecks('department', ['/audit']);
