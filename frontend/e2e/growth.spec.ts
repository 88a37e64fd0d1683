import { ACCOUNTS, apiGet, apiToken, baseUrl, check, pageAs, shot, t, test } from './support';

type Entry = { kind: string; kind_label: string; title: string; year: string };

/** The demo teacher's growth entries of the kinds kept by the practice bank, associations and help requests. */
async function newKinds(email: string, teacherId?: string): Promise<{ teacherId: string; entries: Entry[] }> {
  const token = await apiToken(email);
  const id = teacherId ?? (await apiGet(token, '/auth/me')).body.teacher_id;
  const { body: growth } = await apiGet(token, `/teachers/${id}/growth`);
  const entries: Entry[] = [];
  for (const y of growth.years) {
    for (const e of y.entries) {
      if (['practice', 'association', 'help'].includes(e.kind)) entries.push({ ...e, year: y.academic_year });
    }
  }
  return { teacherId: id, entries };
}

test.describe('teacher', () => {
  test.use({ role: 'teacher' });

  test('own growth shows the practice, the association and its meetings, and the help received', async ({ page, browser }) => {
    const { teacherId, entries } = await newKinds(ACCOUNTS.teacher);
    for (const kind of ['practice', 'association', 'help']) {
      check(entries.some((e) => e.kind === kind), `the demo teacher has a «${kind}» growth record`);
    }
    await page.goto(`${baseUrl}/profile`);
    const section = page.getByTestId('teacher-growth');
    await section.getByText(t.teachers.growth.title).waitFor();
    for (const kind of ['practice', 'association', 'help']) {
      const e = entries.find((x) => x.kind === kind)!;
      const row = section.getByTestId(`growth-year-${e.year}`).locator('tr', { hasText: e.title }).first();
      const badge = row.getByText(e.kind_label, { exact: true });
      await badge.waitFor();
      const hint = await badge.evaluate((el) => el.closest('[title]')?.getAttribute('title') ?? '');
      check(hint === t.teachers.growth.kinds[kind], `the «${kind}» badge explains itself: ${hint}`);
    }
    await section.getByTestId(`growth-year-${entries[0].year}`).scrollIntoViewIfNeeded();
    await shot(page, 'teacher-growth-sources');

    // The school's deputy head reads the same records on the teacher's card.
    const school = await pageAs(browser, 'school');
    const seen = await newKinds(ACCOUNTS.school, teacherId);
    await school.page.goto(`${baseUrl}/teachers/${teacherId}`);
    const card = school.page.getByTestId('teacher-growth');
    const practice = seen.entries.find((e) => e.kind === 'practice');
    check(practice !== undefined, 'the school reads its teacher’s practice');
    await card.locator('tr', { hasText: practice!.title }).first().getByText(practice!.kind_label, { exact: true }).waitFor();
    check(school.seen.length === 0, school.seen.join('; '));
    await school.close();
  });
});
