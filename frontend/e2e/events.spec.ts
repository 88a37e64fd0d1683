import dayjs from 'dayjs';
import {
  accessibilityChecks, ACCOUNTS, apiGet, apiPatch, apiPost, apiToken, baseUrl, check, expect, fillDate, PHONE, shot, test, titleOf,
} from './support';
import { t as shared } from '../src/i18n/messages';
import { events as ev } from '../src/modules/events/messages';

const t = { ...shared, events: ev };

/** A series made through the API (the tests that are not about creating one). */
async function apiSeries(title: string) {
  const token = await apiToken(ACCOUNTS.methodologist);
  const today = dayjs();
  const start = today.month() >= 8 ? today.year() : today.year() - 1;
  return apiPost(token, '/event-series', {
    title,
    academic_year: `${start}/${start + 1}`,
    goal: 'Повышение профессионального уровня управленческих команд',
    order_number: '178-рз/IV',
    order_date: today.format('YYYY-MM-DD'),
  });
}

async function apiEvent(title: string, extra: Record<string, unknown> = {}) {
  const token = await apiToken(ACCOUNTS.methodologist);
  return apiPost(token, '/events', {
    type: 'seminar',
    level: 'municipal',
    title,
    start_date: dayjs().format('YYYY-MM-DD'),
    start_time: '14:00:00',
    ...extra,
  });
}

test.describe('methodologist', () => {
  test.use({ role: 'methodologist' });

  test('creates a series, adds a session to it and sees the session in the month and list views', async ({ page }) => {
    const stamp = Date.now();
    const seriesTitle = `Постоянно действующий семинар ${stamp}`;
    const sessionTitle = `Практики методической работы ${stamp}`;
    const today = dayjs();

    await page.goto(`${baseUrl}/event-series`);
    await expect(page).toHaveTitle(titleOf(t.events.series.title));
    await page.getByRole('link', { name: t.events.series.create }).click();
    const seriesForm = page.getByRole('form', { name: t.events.series.createTitle });
    await seriesForm.getByLabel(t.events.series.columns.title, { exact: false }).first().fill(seriesTitle);
    await seriesForm.getByLabel(t.events.series.goal, { exact: true }).fill('Распространение успешных практик');
    await seriesForm.getByLabel(t.events.series.orderNumber, { exact: true }).fill('178-рз/IV');
    await fillDate(seriesForm.getByLabel(t.events.series.orderDate, { exact: true }), today.format('DD.MM.YYYY'));
    await seriesForm.getByRole('button', { name: t.common.create }).click();
    await page.getByTestId('series-title').getByText(seriesTitle).waitFor();
    await expect(page).toHaveTitle(titleOf(seriesTitle));
    await page.getByText(`№ 178-рз/IV от ${today.format('DD.MM.YYYY')}`).waitFor();

    await page.getByRole('link', { name: t.events.series.addSession }).click();
    const form = page.getByRole('form', { name: t.events.form.sessionTitle });
    await form.waitFor();
    // The session's type and the series come preset; the number follows the series' last one.
    await expect(form.getByRole('combobox', { name: t.events.form.type, exact: true })).toHaveValue(t.events.types.pds_session ?? '');
    await expect(form.getByLabel(t.events.form.sessionNumber, { exact: true })).toHaveValue('1');
    // Save without a title: Russian errors next to the fields.
    await form.getByRole('button', { name: t.common.create }).click();
    await form.getByText(t.validation.required).first().waitFor();
    await form.getByLabel(t.events.form.title, { exact: false }).first().fill(sessionTitle);
    await fillDate(form.getByLabel(t.events.form.startDate, { exact: false }).first(), today.format('DD.MM.YYYY'));
    await form.getByLabel(t.events.form.startTime, { exact: true }).fill('10:00');
    await form.getByLabel(t.events.form.endTime, { exact: true }).fill('12:00');
    await form.getByLabel(t.events.form.place, { exact: true }).fill('МБОУ «СОШ № 29», актовый зал');
    await form.getByRole('button', { name: t.events.form.addPerson }).click();
    await form.getByLabel(t.events.form.personName, { exact: false }).first().fill('Смирнова Анна Юрьевна');
    await form.getByLabel(t.events.form.personNote, { exact: true }).fill('заместитель директора');
    await shot(page, 'event-session-form');
    await form.getByRole('button', { name: t.common.create }).click();

    await page.getByTestId('event-title').getByText(sessionTitle).waitFor();
    await expect(page).toHaveTitle(titleOf(sessionTitle));
    await page.getByTestId('event-series-link').getByText(seriesTitle).waitFor();
    await page.getByText(`${today.format('DD.MM.YYYY')}, 10:00–12:00`).first().waitFor();
    await page.getByText('Смирнова Анна Юрьевна, заместитель директора').waitFor();
    await shot(page, 'event-card');

    // The series lists its session in order.
    await page.getByTestId('event-series-link').click();
    await page.getByTestId('series-sessions').getByRole('link', { name: sessionTitle }).waitFor();

    // Month view: the session on its day.
    await page.goto(`${baseUrl}/events`);
    await expect(page).toHaveTitle(titleOf(t.events.title));
    const grid = page.getByTestId('events-month-grid');
    const day = grid.locator(`td[data-date="${today.format('YYYY-MM-DD')}"]`);
    await day.getByRole('link', { name: new RegExp(sessionTitle) }).waitFor();
    await shot(page, 'events-month');

    // List view: the same event with its type and level in Russian.
    await page.getByText(t.events.calendar.list, { exact: true }).click();
    await page.waitForURL(/view=list/);
    const row = page.getByTestId('events-table').locator('tbody tr', { hasText: sessionTitle });
    await row.waitFor();
    await row.getByText(t.events.types.pds_session ?? '').waitFor();
    await row.getByText(t.events.levels.municipal ?? '').waitFor();
    await shot(page, 'events-list');

    // Filters go into the URL and apply to the list: another level hides the session.
    await page.getByRole('combobox', { name: t.events.filters.level, exact: true }).click();
    await page.getByRole('option', { name: t.events.levels.federal, exact: true }).click();
    await page.waitForURL(/level=.*federal/);
    await expect(page.getByTestId('events-table').locator('tbody tr', { hasText: sessionTitle })).toHaveCount(0);

    // A phone: the month is a list of days.
    await page.setViewportSize(PHONE);
    await page.goto(`${baseUrl}/events`);
    const agenda = page.getByTestId('events-month-agenda');
    await agenda.getByRole('link', { name: sessionTitle }).waitFor();
    await shot(page, 'events-month-phone');
  });

  test('event card: mark held, then a stale version answers 412 with «Обновить»; archive with a reason', async ({ page }) => {
    const title = `Семинар для проверки статусов ${Date.now()}`;
    const created = await apiEvent(title);
    await page.goto(`${baseUrl}/events/${created.id}`);
    await page.getByTestId('event-title').getByText(title).waitFor();
    await page.getByRole('button', { name: t.events.actions.markHeld }).click();
    await page.getByText(t.events.actions.markedHeld).waitFor();
    await page.getByRole('button', { name: t.events.actions.restore }).waitFor();
    // Someone else changes the event: the screen's version is stale.
    const token = await apiToken(ACCOUNTS.methodologist);
    const { etag } = await apiGet(token, `/events/${created.id}`);
    await apiPatch(token, `/events/${created.id}`, etag, { place: 'Другое место' });
    await page.getByRole('button', { name: t.events.actions.restore }).click();
    const conflict = page.getByTestId('conflict-alert');
    await conflict.waitFor();
    await conflict.getByRole('button', { name: t.concurrency.reload }).click();
    await page.getByText('Другое место').waitFor();
    await page.getByRole('button', { name: t.common.archive }).click();
    const dialog = page.getByRole('dialog', { name: t.events.actions.archiveTitle });
    await dialog.getByLabel(t.common.archiveReason, { exact: false }).fill('Внесено по ошибке');
    await dialog.getByRole('button', { name: t.common.archive }).click();
    await page.getByText(t.events.card.archivedReason('Внесено по ошибке')).waitFor();
    check((await page.getByRole('link', { name: t.common.edit }).count()) === 0, 'an archived event has no «Редактировать»');
  });

  test('edit form: ДД.ММ.ГГГГ, an end before the start refused, unsaved changes asked about', async ({ page }) => {
    const title = `Вебинар для проверки формы ${Date.now()}`;
    const created = await apiEvent(title, { type: 'webinar', format: 'online', url: 'https://example.org/webinar' });
    await page.goto(`${baseUrl}/events/${created.id}/edit`);
    const form = page.getByRole('form', { name: t.events.form.editTitle });
    const end = form.getByLabel(t.events.form.endDate, { exact: true });
    await end.waitFor();
    await fillDate(end, '31.02.2022');
    await form.getByText(t.validation.date).waitFor();
    await fillDate(end, '01.01.2000');
    await form.getByRole('button', { name: t.common.save }).click();
    await form.getByText(t.validation.endBeforeStart).waitFor();
    await shot(page, 'event-form-errors');
    await page.getByRole('navigation', { name: t.nav.label }).getByRole('link', { name: t.nav.events, exact: true }).click();
    const ask = page.getByRole('dialog', { name: t.common.unsavedTitle });
    await ask.getByRole('button', { name: t.common.unsavedLeave }).click();
    await page.getByTestId('events-month-grid').waitFor();
  });
});

test.describe('school administrator', () => {
  test.use({ role: 'school' });

  test('records an event for the own school; the municipal level is not offered', async ({ page }) => {
    const title = `Региональная конференция ${Date.now()}`;
    await page.goto(`${baseUrl}/events/new`);
    const form = page.getByRole('form', { name: t.events.form.createTitle });
    await form.waitFor();
    await form.getByRole('combobox', { name: t.events.form.level, exact: true }).click();
    await page.getByRole('option', { name: t.events.levels.regional, exact: true }).waitFor();
    await expect(page.getByRole('option', { name: t.events.levels.municipal, exact: true })).toHaveCount(0);
    await page.getByRole('option', { name: t.events.levels.regional, exact: true }).click();
    await form.getByRole('combobox', { name: t.events.form.type, exact: true }).click();
    await page.getByRole('option', { name: t.events.types.conference, exact: true }).click();
    await form.getByLabel(t.events.form.title, { exact: false }).first().fill(title);
    await fillDate(form.getByLabel(t.events.form.startDate, { exact: false }).first(), dayjs().add(3, 'day').format('DD.MM.YYYY'));
    await form.getByLabel(t.events.form.organizerName, { exact: true }).fill('КОИРО');
    await form.getByRole('button', { name: t.common.create }).click();
    await page.getByTestId('event-title').getByText(title).waitFor();
    await page.getByText('СОШ № 22').first().waitFor();
  });
});

const someEvent = async () => `/events/${(await apiEvent(`Мероприятие для проверки доступности ${Date.now()}`)).id}`;
const someSeries = async () => `/event-series/${(await apiSeries(`Серия для проверки доступности ${Date.now()}`)).id}`;
accessibilityChecks('methodologist', ['/events', '/events?view=list', '/events/new', someEvent, '/event-series', someSeries]);
