/** Methodological associations: the leader plans a meeting, records it held with attendance and sees the share of
 * the plan held change; the list shows the share and exports. */
import { accessibilityChecks, ACCOUNTS, apiGet, apiToken, baseUrl, expect, fillDate, N, navLink, shot, t, test } from './support';
import { associations as a } from '../src/modules/associations/messages';

type Row = { id: string; title: string; planned: number; held: number; share: number | null };
type Card = Row & {
  plans: { id: string; topic: string; version: number; archived_at: string | null }[];
  meetings: { id: string; topic: string; version: number; archived_at: string | null }[];
  members: { teacher_name: string; left_on: string | null }[];
};

const pct = (held: number, planned: number) => `${String(Math.round((1000 * held) / planned) / 10).replace('.', ',')} %`;
const ru = (iso: string) => iso.split('-').reverse().join('.');

async function apiArchive(token: string, path: string, version: number) {
  const res = await fetch(`${baseUrl}/api/v1${path}/archive`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'If-Match': `"${version}"`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ reason: 'Создано для проверки' }),
  });
  if (!res.ok) throw new Error(`archive ${path}: ${res.status} ${await res.text()}`);
}

test.describe('association leader', () => {
  test.use({ role: 'gmo' });

  test('plans a meeting, records it held with attendance, the share of the plan held changes', async ({ page }) => {
    const token = await apiToken(ACCOUNTS.gmo);
    const { body: list } = await apiGet(token, '/associations');
    expect(list.items).toHaveLength(1);
    const before = list.items[0] as Row;
    const stamp = Date.now();
    const draft = `Взаимопосещение ${stamp}`;
    const topic = `Взаимопосещение уроков ${stamp}`;
    const today = new Date().toISOString().slice(0, 10);
    try {
      await page.goto(`${baseUrl}/`);
      await navLink(page, N.associations).click();
      const table = page.getByTestId('associations-table');
      await expect(table.locator('tbody tr')).toHaveCount(1);
      await expect(table.getByTestId('association-share')).toContainText(a.share(before.held, before.planned));
      await shot(page, 'associations');
      await table.getByRole('link', { name: before.title }).click();
      await expect(page.getByRole('heading', { level: 2, name: before.title })).toBeVisible();
      const share = page.getByRole('region', { name: a.shareTitle }).getByTestId('association-share');
      await expect(share).toContainText(a.share(before.held, before.planned));

      // plan: one more meeting in the plan-schedule — the denominator grows
      await page.getByRole('button', { name: a.plans.add }).click();
      const planDialog = page.getByRole('dialog', { name: a.plans.addTitle });
      await fillDate(planDialog.getByLabel(a.plans.date, { exact: false }), ru(today));
      await planDialog.getByLabel(a.plans.topic, { exact: false }).fill(draft);
      await planDialog.getByLabel(a.plans.form, { exact: false }).fill('семинар-практикум');
      await planDialog.getByRole('button', { name: t.common.save }).click();
      await planDialog.waitFor({ state: 'detached' });
      await expect(share).toContainText(a.share(before.held, before.planned + 1));

      // the leader corrects the planned meeting's topic; the change is there after a reload
      await page.getByRole('button', { name: `${a.plans.edit}: ${draft}` }).click();
      const editDialog = page.getByRole('dialog', { name: a.plans.editTitle });
      const topicField = editDialog.getByLabel(a.plans.topic, { exact: false });
      await expect(topicField).toHaveValue(draft);
      await expect(editDialog.getByLabel(a.plans.form, { exact: false })).toHaveValue('семинар-практикум');
      await topicField.fill(topic);
      await editDialog.getByRole('button', { name: t.common.save }).click();
      await editDialog.waitFor({ state: 'detached' });
      await page.reload();
      const plansTable = page.getByTestId('association-plans');
      await expect(plansTable.locator('tr', { hasText: topic })).toContainText('семинар-практикум');
      await expect(plansTable.locator('tr', { hasText: draft })).toHaveCount(0);
      await expect(share).toContainText(a.share(before.held, before.planned + 1));
      await expect(page.getByTestId('association-plans').locator('tr', { hasText: topic })).toContainText(a.plans.notHeld);

      // record it held, with attendance: the numerator grows
      await page.getByRole('button', { name: `${a.plans.record}: ${topic}` }).click();
      const meetingDialog = page.getByRole('dialog', { name: a.meetings.addTitle });
      await expect(meetingDialog.getByLabel(a.plans.topic, { exact: false })).toHaveValue(topic);
      const attendance = meetingDialog.getByTestId('meeting-attendance').getByRole('checkbox');
      await attendance.first().check();
      await meetingDialog.getByLabel(a.meetings.minutes).fill('Слушали: руководителя ШМО. Постановили: провести взаимопосещение.');
      await meetingDialog.getByLabel(a.meetings.decisions).fill('1. Провести взаимопосещение уроков до конца четверти.');
      await shot(page, 'association-record-meeting');
      await meetingDialog.getByRole('button', { name: t.common.save }).click();
      await meetingDialog.waitFor({ state: 'detached' });
      await expect(share).toContainText(a.share(before.held + 1, before.planned + 1));
      await expect(share).toContainText(pct(before.held + 1, before.planned + 1));
      await expect(page.getByTestId('association-plans').locator('tr', { hasText: topic })).toContainText(a.plans.held);
      const held = page.getByTestId('association-meetings').locator('tr', { hasText: topic });
      await expect(held).toContainText(a.meetings.attendanceCount(1, (await apiGet(token, `/associations/${before.id}`)).body.members.filter((m: Card['members'][number]) => !m.left_on).length));
      // the minutes as a file
      const [chooser] = await Promise.all([
        page.waitForEvent('filechooser'),
        held.getByRole('button', { name: `${a.meetings.uploadMinutes}: ${topic}` }).click(),
      ]);
      await chooser.setFiles({ name: 'Протокол заседания.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') });
      await expect(held).toContainText(a.meetings.minutesFile('Протокол заседания.pdf'));
      await shot(page, 'association');

      // the leader reads a member's growth
      await page.getByRole('link', { name: new RegExp(`^${a.members.growth}: `) }).first().click();
      await expect(page.getByRole('heading', { level: 2 })).toContainText(a.growth.title(''));
    } finally {
      const { body: card } = (await apiGet(token, `/associations/${before.id}`)) as { body: Card };
      for (const m of card.meetings.filter((x) => x.topic === topic && !x.archived_at)) await apiArchive(token, `/association-meetings/${m.id}`, m.version);
      for (const p of card.plans.filter((x) => (x.topic === topic || x.topic === draft) && !x.archived_at)) await apiArchive(token, `/association-plans/${p.id}`, p.version);
    }
  });
});

accessibilityChecks('gmo', [
  '/associations',
  async () => {
    const { body } = await apiGet(await apiToken(ACCOUNTS.gmo), '/associations');
    return `/associations/${body.items[0].id}`;
  },
]);
