import { accessibilityChecks, ACCOUNTS, apiGet, apiPatch, apiPost, apiToken, baseUrl, check, expect, N, navLink, selectOption, shot, t, test, titleOf } from './support';

test.describe('admin', () => {
  test.use({ role: 'admin' });

  test('creating a machine client shows its secret once', async ({ page }) => {
    await page.goto(`${baseUrl}/`);
    await navLink(page, N.integrations).click();
    await expect(page).toHaveTitle(titleOf(t.clients.title));
    await page.getByRole('button', { name: t.clients.create }).click();
    const dialog = page.getByRole('dialog');
    const name = `Тестовая интеграция ${Date.now()}`;
    await dialog.getByLabel(t.clients.form.name, { exact: false }).first().fill(name);
    await selectOption(page, t.clients.form.municipality, 'город Кострома', dialog);
    await dialog.getByRole('button', { name: t.common.create }).click();
    const secret = page.getByTestId('client-secret');
    await secret.waitFor();
    const value = (await secret.innerText()).trim();
    check(value.length >= 16, `secret looks wrong: ${value}`);
    await page.getByText(t.clients.secretWarning).waitFor();
    await page.getByRole('button', { name: new RegExp(t.clients.copy) }).first().waitFor();
    await page.waitForTimeout(500); // modal transition
    await shot(page, 'client-secret');
    await page.getByRole('button', { name: t.clients.secretSaved }).click();
    await secret.waitFor({ state: 'detached' });
    await page.getByTestId('clients-table').getByText(name).waitFor();
    check((await page.getByText(value).count()) === 0, 'the secret is still visible after closing');
    await shot(page, 'integrations');
  });

  test('switch an integration off and on, then archive it', async ({ page }) => {
    const token = await apiToken(ACCOUNTS.admin);
    const { body: munis } = await apiGet(token, '/municipalities?limit=5');
    const name = `Отключаемая интеграция ${Date.now()}`;
    await apiPost(token, '/clients', { name, municipality_id: munis.items[0].id, scopes: ['kpi:read'] });
    await page.goto(`${baseUrl}/integrations`);
    const row = page.getByRole('row').filter({ hasText: name });
    await row.waitFor();
    await row.getByRole('button', { name: t.clients.disable }).click();
    await row.getByText(t.clients.inactive, { exact: true }).waitFor();
    await row.getByRole('button', { name: t.clients.enable }).click();
    await row.getByText(t.clients.active, { exact: true }).waitFor();
    await row.getByRole('button', { name: t.common.archive }).click();
    const dialog = page.getByRole('dialog', { name: t.clients.archiveTitle });
    await dialog.getByRole('button', { name: t.common.archive }).click();
    await dialog.getByText(t.validation.required).waitFor();
    await dialog.getByLabel(t.common.archiveReason, { exact: false }).fill('Система выведена из эксплуатации');
    await dialog.getByRole('button', { name: t.common.archive }).click();
    await row.waitFor({ state: 'detached' });
  });

  test('a change made elsewhere after the list was shown answers 412: switching off and archiving refuse, nothing overwritten', async ({ page }) => {
    const token = await apiToken(ACCOUNTS.admin);
    const { body: munis } = await apiGet(token, '/municipalities?limit=5');
    const name = `Параллельная интеграция ${Date.now()}`;
    const created = await apiPost(token, '/clients', { name, municipality_id: munis.items[0].id, scopes: ['kpi:read'] });
    await page.goto(`${baseUrl}/integrations`);
    const row = page.getByRole('row').filter({ hasText: name });
    await row.getByRole('button', { name: t.clients.disable }).waitFor();
    // Another administrator renames it while this screen still shows the old version.
    const { etag } = await apiGet(token, `/clients/${created.id}`);
    await apiPatch(token, `/clients/${created.id}`, etag, { name: `${name} (переименована)` });
    await row.getByRole('button', { name: t.clients.disable }).click();
    await page.getByText(t.concurrency.conflict).first().waitFor();
    const { body: after } = await apiGet(token, `/clients/${created.id}`);
    check(after.is_active === true, 'a stale switch-off must not be applied');
    await shot(page, 'integration-conflict');
  });
});

accessibilityChecks('admin', ['/integrations']);
