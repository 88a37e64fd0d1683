/** The application shell: navigation per role, session, keyboard, API docs, tablet and phone layout. */
import { ACCOUNTS, apiGet, apiToken, baseUrl, check, DESKTOP, N, nav, navLink, PHONE, pageHeading, type Role, shot, t, TABLET, test } from './support';

const ALL_NAV = [N.home, N.organizations, N.events, N.eventSeries, N.teachers, N.myProfile, N.teachersImport, N.users, N.integrations, N.audit, N.municipality];
const EXPECTED_NAV: Record<Role, string[]> = {
  admin: [N.home, N.organizations, N.events, N.eventSeries, N.teachers, N.teachersImport, N.users, N.integrations, N.audit, N.municipality],
  department: [N.home, N.organizations, N.events, N.eventSeries, N.teachers, N.teachersImport, N.users, N.integrations, N.audit, N.municipality],
  methodologist: [N.home, N.organizations, N.events, N.eventSeries, N.teachers, N.teachersImport],
  school: [N.home, N.organizations, N.events, N.eventSeries, N.teachers, N.teachersImport],
  gmo: [N.home, N.organizations, N.events, N.eventSeries],
  teacher: [N.home, N.organizations, N.events, N.eventSeries, N.myProfile],
};

for (const role of Object.keys(EXPECTED_NAV) as Role[]) {
  test.describe(() => {
    test.use({ role });
    test(`${role}: navigation shows only what the role allows`, async ({ page }) => {
      await page.goto(`${baseUrl}/`);
      await nav(page).waitFor();
      await navLink(page, N.home).waitFor();
      for (const label of ALL_NAV) {
        const shouldSee = EXPECTED_NAV[role].includes(label);
        const count = await navLink(page, label).count();
        check(count === (shouldSee ? 1 : 0), `${role}: nav item «${label}» ${shouldSee ? 'missing' : 'must be hidden'}`);
      }
      const user = page.getByTestId('current-user');
      await user.waitFor();
      const { body: me } = await apiGet(await apiToken(ACCOUNTS[role]), '/auth/me');
      const text = await user.innerText();
      check(text.includes(me.name), `${role}: header lacks the user's name «${me.name}»: ${text}`);
      const scope = me.roles[0]?.scope_name;
      if (scope) check(text.includes(scope), `${role}: header lacks the scope «${scope}»: ${text}`);
    });
  });
}

test.describe('department', () => {
  test.use({ role: 'department' });

  test('session survives a reload', async ({ page }) => {
    await page.goto(`${baseUrl}/organizations`);
    await page.getByRole('heading', { name: t.organizations.title }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: t.organizations.title }).waitFor();
    check(!page.url().includes('/login'), 'reload sent the user to sign-in');
  });

  test('tablet 768×1024: navigation collapses behind the burger', async ({ page }) => {
    await page.setViewportSize(TABLET);
    await page.goto(`${baseUrl}/teachers`);
    await page.getByTestId('teachers-table').waitFor();
    const burger = page.getByRole('button', { name: t.nav.toggleNavigation });
    await burger.waitFor();
    const box = await navLink(page, N.organizations).boundingBox();
    check(!box || box.x + box.width <= 0, `navbar should be collapsed on a tablet, link at ${JSON.stringify(box)}`);
    await shot(page, 'tablet-teachers');
    await burger.click();
    await page.waitForFunction(
      (label) => Array.from(document.querySelectorAll('nav a')).some((a) => a.textContent === label && a.getBoundingClientRect().x >= 0),
      N.organizations,
    );
    await shot(page, 'tablet-menu');
    await navLink(page, N.organizations).click();
    await page.getByRole('heading', { name: t.organizations.title }).waitFor();
  });

  test('no page scrolls sideways at 1280, 768 or 375 px (wide tables scroll inside their frame)', async ({ page }) => {
    const token = await apiToken(ACCOUNTS.department);
    const { body: list } = await apiGet(token, '/teachers?limit=1');
    const paths = ['/', '/organizations', '/teachers', `/teachers/${list.items[0].id}`, `/teachers/${list.items[0].id}/edit`,
      '/teachers/import', '/users', '/integrations', '/audit', '/municipality'];
    for (const viewport of [DESKTOP, TABLET, PHONE]) {
      await page.setViewportSize(viewport);
      for (const path of paths) {
        await page.goto(`${baseUrl}${path}`);
        await pageHeading(page).waitFor();
        await page.waitForLoadState('networkidle');
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        check(overflow <= 1, `${path} at ${viewport.width}×${viewport.height} scrolls sideways by ${overflow}px`);
      }
      if (viewport === TABLET) await shot(page, 'tablet-municipality');
    }
  });
});

test.describe('methodologist', () => {
  test.use({ role: 'methodologist' });
  test('keyboard: skip link, navigation by Tab and Enter', async ({ page }) => {
    const skip = page.getByRole('link', { name: t.nav.skipToContent });
    const focusedText = () => page.evaluate(() => document.activeElement?.textContent ?? '');
    await page.goto(`${baseUrl}/`);
    await nav(page).waitFor();
    await page.keyboard.press('Tab');
    check(await skip.evaluate((el) => el === document.activeElement), 'the first Tab must reach «Перейти к содержимому»');
    await shot(page, 'keyboard-skip-link');
    // Past the header, Tab walks the navigation in order; Enter opens «Педагоги».
    let reached = false;
    for (let i = 0; i < 10 && !reached; i += 1) {
      await page.keyboard.press('Tab');
      reached = (await focusedText()) === N.teachers;
    }
    check(reached, '«Педагоги» must be reachable with Tab');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: t.teachers.title }).waitFor();
    // The skip link moves the focus to the page content.
    await skip.focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'main-content');
  });
});

test('API docs (/docs) render from self-hosted Swagger UI, without any CDN', async ({ page }) => {
  await page.goto(`${baseUrl}/docs`);
  // Swagger UI parses the whole document (~0.9 MB, every module's operations) before it draws: on two busy cores
  // that takes longer than the usual 15 s.
  await page.locator('.swagger-ui .info .title').getByText('API', { exact: false }).waitFor({ timeout: 60_000 });
  await page.getByRole('button', { name: /Authorize/ }).waitFor();
  await shot(page, 'api-docs');
});
