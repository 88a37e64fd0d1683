import { accessibilityChecks, ACCOUNTS, apiGet, apiToken, baseUrl, check, expect, shot, t, test, titleOf } from './support';

test.describe('department', () => {
  test.use({ role: 'department' });

  test('home shows municipality counts and a chart; the breakdown links to the teachers', async ({ page }) => {
    await page.goto(`${baseUrl}/`);
    await expect(page).toHaveTitle(titleOf(t.home.title));
    const cards = page.getByTestId('stats-cards');
    await cards.getByText(t.home.youngTeachers).waitFor();
    await cards.getByText(t.home.categoriesExpiring).waitFor();
    await page.getByTestId('stats-chart').locator('canvas').first().waitFor();
    const token = await apiToken(ACCOUNTS.department);
    const { body: stats } = await apiGet(token, '/teachers/stats');
    const text = await cards.innerText();
    check(text.includes(String(stats.teachers)), `teachers count ${stats.teachers} not shown: ${text}`);
    await page.waitForTimeout(600); // chart animation
    await shot(page, 'home-department');
    // The breakdown puts the most urgent school first; its «истекла» number opens exactly those teachers.
    const { body: byOrg } = await apiGet(token, '/teachers/stats/by-organization?limit=5');
    const first = byOrg.items[0];
    const table = page.getByTestId('by-organization');
    const row = table.getByRole('row').filter({ has: page.getByRole('link', { name: first.organization_name, exact: true }) });
    await row.scrollIntoViewIfNeeded();
    await shot(page, 'home-by-organization');
    check(first.categories_expired > 0, 'demo data should have an expired category');
    await row.getByRole('link', { name: String(first.categories_expired), exact: true }).last().click();
    await page.getByTestId('teachers-table').waitFor();
    const url = new URL(page.url());
    check(
      url.searchParams.get('category_status') === 'expired' && (url.searchParams.get('organization_id') ?? '').includes(first.organization_id),
      `bad link ${page.url()}`,
    );
    await page.getByText(t.common.shown(1, first.categories_expired, first.categories_expired)).waitFor();
  });

  test('phone 375 px: the chart labels do not overlap and the breakdown scrolls inside its frame', async ({ page }) => {
    await page.setViewportSize({ width: 375, height: 740 });
    await page.goto(`${baseUrl}/`);
    const chart = page.getByTestId('stats-chart');
    await chart.locator('canvas').first().waitFor();
    await page.waitForTimeout(800);
    // The chart lays its category labels out horizontally only when they fit; at phone width they go on the side.
    const layout = await chart.getAttribute('data-layout');
    check(layout === 'horizontal-bars', `phone layout of the chart: ${layout}`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    check(overflow <= 1, `home scrolls sideways by ${overflow}px at 375 px`);
    await shot(page, 'home-phone');
  });
});

test.describe('school admin', () => {
  test.use({ role: 'school' });
  test('home shows the school counts', async ({ page }) => {
    await page.goto(`${baseUrl}/`);
    await page.getByText(t.home.schoolTitle('СОШ № 22')).waitFor();
    await page.getByTestId('stats-chart').locator('canvas').first().waitFor();
    await page.waitForTimeout(600);
    await shot(page, 'home-school');
  });
});

test.describe('teacher', () => {
  test.use({ role: 'teacher' });
  test("home is the own profile; another teacher's card is «не найден»; the registry is closed", async ({ page }) => {
    const teacherToken = await apiToken(ACCOUNTS.teacher);
    const { body: me } = await apiGet(teacherToken, '/auth/me');
    const { body: own } = await apiGet(teacherToken, `/teachers/${me.teacher_id}`);
    await page.goto(`${baseUrl}/`);
    await page.getByTestId('teacher-name').getByText(own.last_name, { exact: false }).waitFor();
    await shot(page, 'teacher-profile');
    const deptToken = await apiToken(ACCOUNTS.department);
    const { body: list } = await apiGet(deptToken, '/teachers?limit=5');
    const other = list.items.find((x: { id: string }) => x.id !== me.teacher_id);
    await page.goto(`${baseUrl}/teachers/${other.id}`);
    await page.getByTestId('not-found-state').getByText(t.teachers.notFound).waitFor();
    check((await page.getByText(other.last_name).count()) === 0, "another teacher's data leaked");
    await shot(page, 'teacher-other-not-found');
    await page.goto(`${baseUrl}/teachers`);
    await page.getByText(t.common.forbiddenTitle).waitFor();
  });

  test('own growth: the years with their records and hours, and the portfolio as a DOCX', async ({ page }) => {
    const teacherToken = await apiToken(ACCOUNTS.teacher);
    const { body: me } = await apiGet(teacherToken, '/auth/me');
    const { body: growth } = await apiGet(teacherToken, `/teachers/${me.teacher_id}/growth`);
    check(growth.years.length > 0, 'the demo teacher has growth records');
    await page.goto(`${baseUrl}/`);
    const section = page.getByTestId('teacher-growth');
    await section.getByText(t.teachers.growth.title).waitFor();
    const first = growth.years[0];
    await section.getByTestId(`growth-year-${first.academic_year}`).getByText(first.entries[0].title).first().waitFor();
    const download = page.waitForEvent('download');
    await section.getByRole('button', { name: t.teachers.growth.portfolio }).click();
    const file = await download;
    check(file.suggestedFilename().endsWith('.docx'), `portfolio file name: ${file.suggestedFilename()}`);
    await shot(page, 'teacher-growth');
  });
});

accessibilityChecks('department', ['/']);
accessibilityChecks('teacher', ['/', '/profile']);
