/** Help requests: a teacher asks for help, a methodologist takes it, records a consultation and closes it in full;
 * the teacher is notified in the header and sees the answer (and until when the request can be reopened). */
import { accessibilityChecks, baseUrl, expect, N, navLink, pageAs, selectOption, shot, t, test, titleOf } from './support';
import { help as m } from '../src/modules/help_requests/messages';
import { notificationTexts as n } from '../src/modules/notifications/messages';

const TOPIC = 'Оценка образовательных результатов';

test.describe('teacher and methodologist', () => {
  test.use({ role: 'teacher' });

  test('a teacher asks for help, a methodologist resolves it in full, the teacher sees the answer', async ({ page, browser }) => {
    const description = `Как составить контрольную работу с критериями оценивания (${Date.now()})`;

    // The teacher asks.
    await page.goto(`${baseUrl}/`);
    await navLink(page, N.myHelpRequests).click();
    await expect(page).toHaveTitle(titleOf(m.myTitle));
    await page.getByRole('button', { name: m.create }).click();
    const dialog = page.getByRole('dialog', { name: m.createTitle });
    await selectOption(page, m.fields.topic, TOPIC, dialog);
    await dialog.getByLabel(m.fields.description).fill(description);
    await selectOption(page, m.fields.desiredForm, m.forms.materials ?? '', dialog);
    await dialog.getByRole('button', { name: m.create }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect(page).toHaveURL(/\/help-requests\/[0-9a-f-]{36}$/);
    const requestUrl = page.url();
    await expect(page.getByText(description)).toBeVisible();
    await expect(page.getByText(m.states.new ?? '', { exact: true })).toBeVisible();
    await shot(page, 'help-request-asked');

    // The methodologist finds it among the new ones, takes it, consults and closes it in full.
    const methodologist = await pageAs(browser, 'methodologist');
    const mp = methodologist.page;
    try {
      await mp.goto(`${baseUrl}/`);
      await navLink(mp, N.helpRequests).click();
      await expect(mp).toHaveTitle(titleOf(m.title));
      await expect(mp.getByRole('radio', { name: m.queues.new })).toBeChecked();
      const row = mp.getByTestId('help-requests-table').getByRole('row').filter({ hasText: description });
      await row.getByRole('link').click();
      await mp.getByRole('button', { name: m.actions.take }).click();
      await expect(mp.getByText(m.states.in_progress ?? '', { exact: true })).toBeVisible();

      await mp.getByRole('button', { name: m.actions.consult }).click();
      const consult = mp.getByRole('dialog', { name: m.consultTitle });
      await selectOption(mp, m.fields.consultationForm, m.consultationForms.online ?? '', consult);
      await consult.getByLabel(m.fields.notes).fill('Разобрали структуру работы и критерии, направлены образцы');
      await consult.getByRole('button', { name: t.common.save }).click();
      await consult.waitFor({ state: 'detached' });
      await expect(mp.getByTestId('help-consultations')).toContainText('Разобрали структуру работы и критерии');

      await mp.getByRole('button', { name: m.actions.close }).click();
      const close = mp.getByRole('dialog', { name: m.closeTitle });
      await close.getByLabel(m.resolutions.full ?? '').check();
      await close.getByLabel(m.fields.comment).fill('Контрольная работа составлена, критерии согласованы');
      await close.getByRole('button', { name: m.actions.close }).click();
      await close.waitFor({ state: 'detached' });
      await expect(mp.getByTestId('help-resolution')).toContainText(m.resolutions.full ?? '');
      await expect(mp.getByRole('button', { name: m.actions.reopen })).toHaveCount(0);
      await shot(mp, 'help-request-closed');
    } finally {
      await methodologist.close();
    }

    // The teacher is told in the header and sees the answer; the request can be reopened until a date.
    await page.goto(`${baseUrl}/`);
    const bell = page.getByRole('button', { name: /^Уведомления: непрочитанных \d+$/ });
    await bell.click();
    await expect(page.getByRole('menu').getByText(n.title, { exact: true })).toBeVisible();
    // newest first: the closing of this request
    await page.getByRole('menuitem').filter({ hasText: 'Обращение закрыто: решено в полном объёме' }).first().click();
    await expect(page).toHaveURL(requestUrl);
    const answer = page.getByTestId('help-resolution');
    await expect(answer).toContainText(m.resolutions.full ?? '');
    await expect(answer).toContainText('Контрольная работа составлена, критерии согласованы');
    await expect(answer).toContainText(/можно открыть снова до \d{2}\.\d{2}\.\d{4} включительно/);
    await expect(page.getByRole('button', { name: m.actions.reopen })).toBeVisible();
    await expect(page.getByTestId('help-consultations')).toContainText(m.consultationForms.online ?? '');
    await shot(page, 'help-request-answer');
  });
});

accessibilityChecks('methodologist', ['/help-requests']);
