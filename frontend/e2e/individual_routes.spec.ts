/** Individual routes (ИОМ): the methodologist opens a demo draft and approves it; the teacher, on a phone, marks an
 * action of their route done with a link as evidence. */
import { ACCOUNTS, apiGet, apiToken, baseUrl, expect, N, navLink, PHONE, shot, test, titleOf } from './support';
import { routes as m } from '../src/modules/individual_routes/messages';

type Item = { id: string; status: string };

/** A draft to approve: the demo's, or (when an earlier run approved it) a new one from a deficit profile. */
async function aDraft(): Promise<string> {
  const token = await apiToken(ACCOUNTS.methodologist);
  // Not a draft of the demo teacher's: the diagnostics spec makes and approves that one in its own flow.
  const { body: own } = await apiGet(await apiToken(ACCOUNTS.teacher), '/assignments?limit=1');
  const demoTeacher = (own.items as { teacher_id: string }[])[0]?.teacher_id;
  const { body: drafts } = await apiGet(token, '/individual-routes?status=draft&limit=50');
  const draft = (drafts.items as (Item & { teacher_id: string })[]).find((x) => x.teacher_id !== demoTeacher);
  if (draft) return draft.id;
  const { body: profiles } = await apiGet(token, '/deficit-profiles?band=deficit&limit=100');
  for (const p of (profiles.items as { assignment_id: string; teacher_id: string }[]).filter((x) => x.teacher_id !== demoTeacher)) {
    const res = await fetch(`${baseUrl}/api/v1/individual-routes/draft`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ assignment_id: p.assignment_id }),
    });
    if (res.status === 201) return ((await res.json()) as Item).id;
  }
  throw new Error('no deficit profile without a route');
}

test.describe('methodologist', () => {
  test.use({ role: 'methodologist' });

  test('opens a draft and approves it', async ({ page }) => {
    const id = await aDraft();
    await page.goto(`${baseUrl}/`);
    await navLink(page, N.individualRoutes).click();
    await expect(page).toHaveTitle(titleOf(m.title));
    await page.getByTestId('routes-list').waitFor();
    await shot(page, 'individual-routes');
    await page.goto(`${baseUrl}/individual-routes/${id}`);
    await expect(page.getByText(m.statuses.draft ?? '', { exact: true }).first()).toBeVisible();
    await expect(page.getByTestId('route-goal').first()).toBeVisible();
    await page.getByRole('button', { name: m.actions.approve }).click();
    await expect(page.getByText(m.approved)).toBeVisible();
    await expect(page.getByText(m.statuses.approved ?? '', { exact: true }).first()).toBeVisible();
    await expect(page.getByRole('button', { name: m.actions.approve })).toHaveCount(0);
    await shot(page, 'individual-route-approved');
  });
});

test.describe('teacher on a phone', () => {
  test.use({ role: 'teacher', viewport: PHONE });

  test('marks an action of their route done with a link', async ({ page }) => {
    await page.goto(`${baseUrl}/individual-routes`);
    await expect(page).toHaveTitle(titleOf(m.myTitle));
    const row = page.getByTestId('route-row').first();
    await row.getByRole('link').click();
    await expect(page).toHaveURL(/\/individual-routes\/[0-9a-f-]{36}$/);
    await page.getByTestId('route-goal').first().waitFor();
    const progressBefore = await page.getByTestId('route-progress').textContent();
    const action = page.getByTestId('route-action').filter({ has: page.getByRole('button', { name: m.actions.markDone }) }).first();
    const title = (await action.locator('p').first().textContent()) ?? '';
    await action.getByRole('button', { name: m.actions.markDone }).click();
    const dialog = page.getByRole('dialog', { name: m.done.title });
    const link = `https://example.org/evidence/${Date.now()}`;
    await dialog.getByLabel(m.done.url).fill(link);
    await dialog.getByRole('button', { name: m.done.submit }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect(page.getByText(m.markedDone)).toBeVisible();
    await expect(page.getByRole('link', { name: link })).toBeVisible();
    await expect(page.getByTestId('route-progress')).not.toHaveText(progressBefore ?? '');
    expect(title.length).toBeGreaterThan(0);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(PHONE.width + 1);
    await shot(page, 'individual-route-teacher-phone');
  });
});
