/** The practice bank: a teacher describes a practice and submits it, the methodologist assigns an expert, the expert
 * scores it by the municipality's criteria, the methodologist publishes it, and another user finds it by a Russian
 * word form in the search. */
import { accessibilityChecks, ACCOUNTS, apiGet, apiToken, baseUrl, expect, N, navLink, pageAs, shot, t, test } from './support';
import { practices as p } from '../src/modules/practices/messages';

async function apiArchive(token: string, id: string, reason: string) {
  const { body } = await apiGet(token, `/practices/${id}`);
  if (body.archived_at) return;
  await fetch(`${baseUrl}/api/v1/practices/${id}/archive`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'If-Match': `"${body.version}"`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ reason }),
  });
}

test.describe('practice bank', () => {
  test.use({ role: 'teacher' });

  test('submitted, reviewed, published and found by search', async ({ page, browser }) => {
    const stamp = String(Date.now()).slice(-6);
    const title = `Проектная деятельность на уроках технологии: кейс ${stamp}`;
    const teacherToken = await apiToken(ACCOUNTS.teacher);
    const { body: me } = await apiGet(teacherToken, '/auth/me');
    const { body: teacher } = await apiGet(teacherToken, `/teachers/${me.teacher_id}`);
    const metodToken = await apiToken(ACCOUNTS.methodologist);
    let practiceId: string | null = null;
    try {
      // The teacher describes the practice (they are its author by default) and submits it.
      await page.goto(`${baseUrl}/`);
      await navLink(page, N.practices).click();
      await page.getByTestId('practices-table').waitFor();
      await page.getByRole('button', { name: p.create }).click();
      const form = page.getByRole('dialog', { name: p.createTitle });
      await form.getByLabel(p.fields.title, { exact: false }).first().fill(title);
      await form.getByRole('combobox', { name: p.fields.organization }).click();
      await page.getByRole('option', { name: teacher.current_organization_name, exact: true }).click();
      await expect(form.getByTestId('practice-author')).toHaveText(me.name);
      await form.getByLabel(p.fields.description).fill('Учащиеся выполняют учебные проекты в группах: от замысла до защиты изделия.');
      await form.getByRole('button', { name: t.common.create }).click();
      await page.waitForURL(/\/practices\/[0-9a-f-]{36}$/);
      practiceId = page.url().split('/').pop()!;
      await expect(page.getByRole('heading', { name: title })).toBeVisible();
      await page.getByRole('button', { name: p.actions.submit }).click();
      await expect(page.getByText(p.statuses.submitted!, { exact: true })).toBeVisible();
      await expect(page.getByRole('button', { name: p.actions.submit })).toHaveCount(0);
      await shot(page, 'practice-submitted');

      // The methodologist assigns the city association leader as the expert.
      const metod = await pageAs(browser, 'methodologist');
      await metod.page.goto(`${baseUrl}/practices/${practiceId}`);
      await metod.page.getByRole('button', { name: p.actions.startReview }).click();
      const assign = metod.page.getByRole('dialog', { name: p.startReviewTitle });
      await assign.getByRole('combobox', { name: p.reviewers }).click();
      await metod.page.getByRole('option', { name: 'Новикова Анна Петровна' }).click();
      await assign.getByText(p.startReviewIntro).click(); // closes the list
      await assign.getByRole('button', { name: p.actions.startReview }).click();
      await assign.waitFor({ state: 'detached' });
      await expect(metod.page.getByText(p.statuses.under_review!, { exact: true })).toBeVisible();

      // The expert scores every criterion and recommends publication.
      const gmo = await pageAs(browser, 'gmo');
      await gmo.page.goto(`${baseUrl}/practices/${practiceId}`);
      await gmo.page.getByRole('button', { name: p.actions.review }).click();
      const review = gmo.page.getByRole('dialog', { name: p.reviewTitle });
      for (const name of ['Актуальность', 'Новизна', 'Практическая значимость', 'Тиражируемость', 'Качество оформления']) {
        await review.getByRole('textbox', { name }).fill('3');
      }
      await expect(review.getByTestId('review-total')).toHaveText(p.totalLine(15, 15));
      await review.getByLabel(p.comment).fill('Практика готова к тиражированию');
      await shot(gmo.page, 'practice-review');
      await review.getByRole('button', { name: p.actions.review }).click();
      await review.waitFor({ state: 'detached' });
      await expect(gmo.page.getByTestId('practice-reviews')).toContainText('15 из 15 баллов');
      expect(gmo.seen).toEqual([]);
      await gmo.close();

      // The methodologist publishes it.
      await metod.page.reload();
      await metod.page.getByRole('button', { name: p.actions.publish }).click();
      await expect(metod.page.getByText(p.statuses.published!, { exact: true })).toBeVisible();
      await expect(metod.page.getByTestId('practice-reviews')).toContainText('Новикова Анна Петровна');
      await shot(metod.page, 'practice-published');
      expect(metod.seen).toEqual([]);
      await metod.close();

      // The school's administrator finds it by other word forms («проектной», «технологий»).
      const school = await pageAs(browser, 'school');
      await school.page.goto(`${baseUrl}/practices`);
      await school.page.getByRole('searchbox', { name: p.search }).fill(`проектной технологий ${stamp}`);
      await school.page.keyboard.press('Enter');
      const table = school.page.getByTestId('practices-table');
      await expect(table.getByRole('link', { name: title })).toBeVisible();
      await expect(table.locator('tbody tr')).toHaveCount(1);
      await expect(table.getByTestId('practice-snippet')).toContainText('«');
      await shot(school.page, 'practice-search');
      expect(school.seen).toEqual([]);
      await school.close();
    } finally {
      if (practiceId) await apiArchive(metodToken, practiceId, 'Создана для проверки');
    }
  });
});

accessibilityChecks('methodologist', ['/practices', '/practices/criteria']);
