import { accessibilityChecks, ACCOUNTS, apiGet, apiPatch, apiToken, baseUrl, check, expect, N, navLink, shot, t, test, titleOf, waitForValue } from './support';
import { municipality as muniText } from '../src/modules/municipality/messages';

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

  test('the municipality settings carry the mentoring rules, saved with the young-teacher rule', async ({ page }) => {
    const token = await apiToken(ACCOUNTS.department);
    const { body: me } = await apiGet(token, '/auth/me');
    const path = `/municipalities/${me.municipality_ids[0]}`;
    const { body: before } = await apiGet(token, path);
    try {
      await page.goto(`${baseUrl}/municipality`);
      const section = page.getByRole('region', { name: muniText.mentoringTitle });
      const max = section.getByLabel(muniText.maxMentees, { exact: false });
      await expect(max).toHaveValue(String(before.mentoring_max_mentees));
      await expect(section.getByLabel(muniText.youngMentorsAllowed)).not.toBeChecked();
      const save = page.getByRole('button', { name: t.common.save });
      await expect(save).toBeDisabled();
      await max.fill('25');
      await save.click();
      await section.getByText(t.validation.between(1, 20)).waitFor();
      await max.fill(String(before.mentoring_max_mentees + 1));
      await save.click();
      await page.getByText(muniText.mentoringSaved).waitFor();
      const { body: after } = await apiGet(token, path);
      check(after.mentoring_max_mentees === before.mentoring_max_mentees + 1, `saved: ${after.mentoring_max_mentees}`);
      check(after.young_age_limit === before.young_age_limit && after.young_rule === before.young_rule, 'the young-teacher rule is kept');
    } finally {
      const { etag } = await apiGet(token, path);
      await apiPatch(token, path, etag, { mentoring_max_mentees: before.mentoring_max_mentees });
    }
  });
});

accessibilityChecks('department', ['/municipality']);
