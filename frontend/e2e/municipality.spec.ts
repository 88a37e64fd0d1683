import { accessibilityChecks, ACCOUNTS, apiGet, apiPatch, apiToken, check, expect, N, navLink, shot, t, test, titleOf, waitForValue } from './support';

test.describe('department', () => {
  test.use({ role: 'department' });

  test('the young-teacher rule of the municipality — bad input in Russian, saved, home counts follow', async ({ page }) => {
    const token = await apiToken(ACCOUNTS.department);
    const { body: me } = await apiGet(token, '/auth/me');
    const muni = me.municipality_ids[0];
    const youngCount = async () => (await apiGet(token, `/teachers/stats?municipality_id=${muni}`)).body.young_teachers;
    const before = await youngCount();
    try {
      await page.goto('/');
      await navLink(page, N.municipality).click();
      await expect(page).toHaveTitle(titleOf(t.municipality.title));
      const age = page.getByLabel(t.municipality.ageLimit, { exact: false }).first();
      await waitForValue(age, '35');
      await age.fill('10');
      await page.getByRole('button', { name: t.common.save }).click();
      await page.getByText(t.validation.between(18, 70)).waitFor();
      await age.fill('30');
      await page.getByLabel(t.municipality.ruleAnd).check({ force: true });
      await page.getByTestId('young-rule-preview').getByText('младше 30 лет и со стажем меньше 3 лет', { exact: false }).waitFor();
      await shot(page, 'municipality-settings');
      await page.getByRole('button', { name: t.common.save }).click();
      await page.getByText(t.municipality.saved).waitFor();
      await page.reload();
      await waitForValue(page.getByLabel(t.municipality.ageLimit, { exact: false }).first(), '30');
      const stricter = await youngCount();
      check(stricter < before, `a stricter rule must count fewer young teachers: ${before} → ${stricter}`);
      const { body: m } = await apiGet(token, `/municipalities/${muni}`);
      check(m.young_age_limit === 30, 'saved value must be 30');
    } finally {
      // Put the demo rule back for the other tests.
      const { etag } = await apiGet(token, `/municipalities/${muni}`);
      await apiPatch(token, `/municipalities/${muni}`, etag, { young_age_limit: 35, young_rule: 'or' });
    }
  });
});

accessibilityChecks('department', ['/municipality']);
