/** Mentoring: a pair for a young teacher shrinks the «without a mentor» list; the API's refusals read clearly. */
import { accessibilityChecks, ACCOUNTS, apiGet, apiToken, baseUrl, expect, N, navLink, shot, t, test, titleOf, waitForTexts } from './support';
import { mentoring as m, youngWithoutMentor as y } from '../src/modules/mentoring/messages';

type Young = { teacher_id: string; full_name: string; organization_id: string | null; organization_name: string | null };
type Teacher = { id: string; last_name: string; first_name: string; middle_name: string | null; current_organization_name: string | null; municipality_id: string };
const fullName = (x: Teacher) => [x.last_name, x.first_name, x.middle_name].filter(Boolean).join(' ');
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

async function apiArchive(token: string, path: string, version: number, reason: string) {
  const res = await fetch(`${baseUrl}/api/v1${path}/archive`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'If-Match': `"${version}"`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ reason }),
  });
  if (!res.ok) throw new Error(`archive ${path}: ${res.status} ${await res.text()}`);
}

/** The young teacher to pair, another young one (not allowed to mentor), and an experienced mentor with room. */
async function cast() {
  const token = await apiToken(ACCOUNTS.methodologist);
  const { body: young } = await apiGet(token, '/mentoring-pairs/young-without-mentor?limit=50');
  const list = (young.items as Young[]).filter((x) => x.organization_id);
  if (list.length < 2) throw new Error('the demo needs two young teachers without a mentor');
  const mentee = list[0]!;
  const youngMentor = list[1]!;
  const { body: muni } = await apiGet(token, `/municipalities/${young.items.length ? (await apiGet(token, `/teachers/${mentee.teacher_id}`)).body.municipality_id : ''}`);
  const { body: staff } = await apiGet(token, `/teachers?organization_id=${mentee.organization_id}&young=false&limit=100&sort=last_name`);
  for (const x of staff.items as Teacher[]) {
    const { body: pairs } = await apiGet(token, `/mentoring-pairs?mentor_id=${x.id}&status=active&limit=1`);
    if (pairs.total < muni.mentoring_max_mentees) return { token, mentee, youngMentor, mentor: x, total: young.total as number };
  }
  throw new Error('no experienced teacher with room for a mentee');
}

test.describe('methodologist', () => {
  test.use({ role: 'methodologist' });

  test('pairs a young teacher with a mentor: the list without a mentor shrinks; refusals say why', async ({ page }) => {
    const { token, mentee, youngMentor, mentor, total } = await cast();
    const mentorLabel = `${fullName(mentor)}, ${mentor.current_organization_name}`;
    let created: { id: string; version: number } | null = null;
    try {
      await page.goto(`${baseUrl}/`);
      await navLink(page, N.mentoring).click();
      await expect(page).toHaveTitle(titleOf(m.title));
      await page.getByTestId('mentoring-table').waitFor();
      await shot(page, 'mentoring');
      await page.getByRole('navigation', { name: m.sectionNav }).getByRole('link', { name: m.tabs.young }).click();
      await expect(page).toHaveTitle(titleOf(y.title));
      const without = page.getByTestId('young-without').locator('p').nth(1);
      await expect(without).toHaveText(String(total));
      await expect(page.getByTestId('young-share')).toContainText('%');
      await shot(page, 'young-without-mentor');

      await page.getByRole('button', { name: `${y.assign}: ${mentee.full_name}` }).click();
      const dialog = page.getByRole('dialog', { name: m.createTitle });
      await expect(dialog.getByRole('combobox', { name: m.fields.mentee, exact: true })).toHaveValue(new RegExp(`^${escape(mentee.full_name)}`));
      await dialog.getByTestId('mentoring-rules').waitFor();

      // A young teacher may not mentor (the municipality does not allow it): said at the mentor field.
      const mentorBox = dialog.getByRole('combobox', { name: m.fields.mentor, exact: true });
      await mentorBox.fill(youngMentor.full_name.split(' ')[0]!);
      await page.getByRole('option', { name: new RegExp(`^${escape(youngMentor.full_name)}, `) }).first().click();
      await dialog.getByRole('button', { name: t.common.create }).click();
      await dialog.getByText(/— молодой педагог на \d{2}\.\d{2}\.\d{4}: по правилам муниципалитета/).waitFor();
      await shot(page, 'mentoring-young-mentor-refused');

      await mentorBox.fill(mentor.last_name);
      await page.getByRole('option', { name: mentorLabel, exact: true }).click();
      await dialog.getByRole('button', { name: t.common.create }).click();
      await dialog.waitFor({ state: 'detached' });
      await expect(without).toHaveText(String(total - 1));
      await expect(page.getByTestId('young-table').getByText(mentee.full_name, { exact: true })).toHaveCount(0);
      const { body: pairs } = await apiGet(token, `/mentoring-pairs?mentee_id=${mentee.teacher_id}&status=active`);
      created = pairs.items[0];

      // A second active mentor for the same mentee is refused, naming the pair that exists.
      await page.getByRole('navigation', { name: m.sectionNav }).getByRole('link', { name: m.tabs.list }).click();
      await page.getByRole('button', { name: m.create }).click();
      const again = page.getByRole('dialog', { name: m.createTitle });
      await again.getByRole('combobox', { name: m.fields.mentee, exact: true }).fill(mentee.full_name.split(' ')[0]!);
      await page.getByRole('option', { name: new RegExp(`^${escape(mentee.full_name)}, `) }).first().click();
      await again.getByRole('combobox', { name: m.fields.mentor, exact: true }).fill(mentor.last_name);
      await page.getByRole('option', { name: mentorLabel, exact: true }).click();
      await again.getByRole('button', { name: t.common.create }).click();
      const refusal = again.getByTestId('pair-refusal');
      await expect(refusal).toContainText('уже есть действующий наставник');
      await expect(refusal).toContainText(fullName(mentor));
      await shot(page, 'mentoring-second-mentor-refused');
      await again.getByRole('button', { name: t.common.cancel }).click();
      await page.getByRole('button', { name: t.common.discardClose }).click();
      await again.waitFor({ state: 'detached' });

      // Finish the pair, then archive it (recorded for the check): the teacher is without a mentor again.
      const filter = page.getByRole('combobox', { name: m.teacher, exact: true });
      await filter.fill(mentee.full_name.split(' ')[0]!);
      await page.getByRole('option', { name: new RegExp(`^${escape(mentee.full_name)}, `) }).first().click();
      await page.waitForURL(/teacher_id=/);
      const table = page.getByTestId('mentoring-table');
      const row = table.locator('tbody tr', { hasText: m.statuses.active! });
      await row.getByRole('button', { name: `${m.finish}: ${mentee.full_name}` }).click();
      const finish = page.getByRole('dialog', { name: m.finishTitle });
      await finish.getByLabel(m.fields.outcome).fill('Программа адаптации выполнена');
      await finish.getByRole('button', { name: m.finish }).click();
      await finish.waitFor({ state: 'detached' });
      await waitForTexts(table.locator('tbody tr').first(), (text) => text.includes(m.statuses.finished!) && text.includes('Программа адаптации выполнена'));
      await table.locator('tbody tr').first().getByRole('button', { name: `${t.common.archive}: ${mentee.full_name}` }).click();
      const archive = page.getByRole('dialog', { name: m.archiveTitle });
      await archive.getByLabel(t.common.archiveReason, { exact: false }).fill('Создана для проверки');
      await archive.getByRole('button', { name: t.common.archive }).click();
      await archive.waitFor({ state: 'detached' });
      created = null;
      await page.getByRole('navigation', { name: m.sectionNav }).getByRole('link', { name: m.tabs.young }).click();
      await expect(page.getByTestId('young-without').locator('p').nth(1)).toHaveText(String(total));
    } finally {
      if (created) await apiArchive(token, `/mentoring-pairs/${created.id}`, created.version, 'Создана для проверки');
    }
  });
});

accessibilityChecks('methodologist', ['/mentoring', '/mentoring/young-without-mentor']);
