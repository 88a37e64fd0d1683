import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import dayjs from 'dayjs';
import {
  accessibilityChecks, ACCOUNTS, apiGet, apiPatch, apiPost, apiToken, baseUrl, check, expect, fillDate, pageAs, PHONE, shot, test,
  titleOf,
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
    // The analytical report of the series downloads as a Word file.
    const report = page.waitForEvent('download');
    await page.getByRole('button', { name: t.events.series.report }).click();
    check((await report).suggestedFilename().endsWith('.docx'), 'the analytical report is a DOCX');

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
    await shot(page, 'series-card');

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
    await page.getByLabel(t.events.filters.search, { exact: true }).fill(String(stamp));
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
    // An award for the event: a letter of thanks to a school team.
    await page.getByRole('tab', { name: t.events.participants.awardsTab }).click();
    await page.getByRole('button', { name: t.events.awards.add }).click();
    const award = page.getByRole('dialog', { name: t.events.awards.addTitle });
    await award.getByText(t.events.awards.toOrganization, { exact: true }).click();
    await award.getByRole('combobox', { name: t.events.awards.organization, exact: true }).click();
    await page.getByRole('option', { name: 'СОШ № 22', exact: true }).click();
    await award.getByLabel(t.events.awards.recipientName, { exact: true }).fill('Козлова М. С., заместитель директора');
    await award.getByLabel(t.events.awards.orderNumber, { exact: true }).fill('517-рз/IV');
    await award.getByRole('button', { name: t.common.create }).click();
    await page.getByTestId('awards-table').getByText('Козлова М. С., заместитель директора, СОШ № 22').waitFor();
    await page.getByRole('tab', { name: t.events.participants.detailsTab }).click();
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

test.describe('materials', () => {
  test.use({ role: 'methodologist' });

  test('a file uploaded and a link added in the form; the card downloads the file', async ({ page }) => {
    const title = `Мастер-класс с материалами ${Date.now()}`;
    const created = await apiEvent(title, { type: 'master_class' });
    const dir = join(import.meta.dirname, '..', 'test-output');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'Программа мастер-класса.txt');
    writeFileSync(file, 'Программа мастер-класса: 1. Введение. 2. Практика.\n');
    await page.goto(`${baseUrl}/events/${created.id}/edit`);
    const form = page.getByRole('form', { name: t.events.form.editTitle });
    const chooser = page.waitForEvent('filechooser');
    await form.getByRole('button', { name: t.events.form.uploadFile }).click();
    await (await chooser).setFiles(file);
    await expect(form.getByLabel(t.events.form.materialTitle, { exact: false }).first()).toHaveValue('Программа мастер-класса');
    await form.getByRole('button', { name: t.events.form.addLink }).click();
    await form.getByLabel(t.events.form.materialTitle, { exact: false }).nth(1).fill('Запись трансляции');
    await form.getByRole('textbox', { name: t.events.form.materialUrl, exact: true }).fill('https://example.org/record');
    await form.getByRole('button', { name: t.common.save }).click();
    const materials = page.getByTestId('event-materials');
    await materials.getByRole('link', { name: 'Запись трансляции' }).waitFor();
    const download = page.waitForEvent('download');
    await materials.getByRole('button', { name: t.events.card.download('Программа мастер-класса') }).click();
    check((await download).suggestedFilename() === 'Программа мастер-класса.txt', 'the file keeps its Russian name');
  });
});

test.describe('teacher', () => {
  test.use({ role: 'teacher' });

  test('subscribes to the own calendar: the URL is shown once and serves iCalendar', async ({ page }) => {
    await page.goto(`${baseUrl}/events`);
    await page.getByRole('button', { name: t.events.feed.subscribe }).click();
    const dialog = page.getByRole('dialog', { name: t.events.feed.title });
    await dialog.getByRole('button', { name: t.events.feed.create }).click();
    const url = await dialog.getByTestId('feed-url').inputValue();
    check(/^https?:\/\/.+\.ics$/.test(url), `a feed URL ending in .ics, got ${url}`);
    await dialog.getByRole('button', { name: t.events.feed.copy }).waitFor();
    const res = await fetch(url.replace(/^https?:\/\/[^/]+/, baseUrl));
    check(res.ok && (res.headers.get('content-type') ?? '').startsWith('text/calendar'), `the feed answers ${res.status}`);
    check((await res.text()).startsWith('BEGIN:VCALENDAR'), 'an iCalendar body');
    // No «Добавить мероприятие» for a teacher (no events:write).
    await expect(page.getByRole('link', { name: t.events.create })).toHaveCount(0);
  });

  test('downloads the programme of a seminar session without the right to browse files', async ({ page }) => {
    const token = await apiToken(ACCOUNTS.teacher);
    const { body } = await apiGet(token, `/events?q=${encodeURIComponent('цифровых образовательных ресурсов')}&limit=5`);
    const event = (body.items as { id: string; session_number: number | null }[])[0];
    check(Boolean(event), 'the first session of the Kostroma seminar is visible to the teacher');
    await page.goto(`${baseUrl}/events/${event.id}`);
    const title = `Программа сессии № ${event.session_number}`;
    const download = page.waitForEvent('download');
    await page.getByTestId('event-materials').getByRole('button', { name: t.events.card.download(title) }).click();
    check((await download).suggestedFilename() === `${title}.docx`, 'the programme downloads under its Russian name');
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

/** The demo teacher behind teacher@kostroma.demo.mms (СОШ № 22) and two colleagues of the same school. */
const TEACHER = 'Кузьмин Михаил Юрьевич';

test.describe('participation', () => {
  test('methodologist adds a session, a school admin registers three teachers, the methodologist marks attendance and a speaker, the teacher sees it', async ({
    browser,
  }) => {
    const stamp = Date.now();
    const series = await apiSeries(`Постоянно действующий семинар ${stamp}`);
    const title = `Заседание для проверки участия ${stamp}`;
    const today = dayjs();

    // Methodologist: «Добавить занятие» in the series.
    const methodologist = await pageAs(browser, 'methodologist');
    const m = methodologist.page;
    await m.goto(`${baseUrl}/event-series/${series.id}`);
    await m.getByRole('link', { name: t.events.series.addSession }).click();
    const form = m.getByRole('form', { name: t.events.form.sessionTitle });
    await form.getByLabel(t.events.form.title, { exact: false }).first().fill(title);
    await fillDate(form.getByLabel(t.events.form.startDate, { exact: false }).first(), today.format('DD.MM.YYYY'));
    await form.getByRole('button', { name: t.common.create }).click();
    await m.getByTestId('event-title').getByText(title).waitFor();
    const eventUrl = m.url();

    // School administrator: three teachers of the school, picked in the list.
    const school = await pageAs(browser, 'school');
    const s = school.page;
    await s.goto(eventUrl);
    await s.getByRole('tab', { name: new RegExp(t.events.participants.tab) }).click();
    await s.getByRole('button', { name: t.events.participants.add }).click();
    const dialog = s.getByRole('dialog', { name: t.events.bulk.title });
    await dialog.getByLabel(t.events.bulk.search, { exact: true }).fill('Кузьмин');
    await dialog.getByRole('checkbox', { name: t.events.bulk.select(TEACHER) }).check();
    await dialog.getByLabel(t.events.bulk.search, { exact: true }).fill('');
    const picker = dialog.getByTestId('teacher-picker');
    const others = picker.getByRole('checkbox', { name: new RegExp(`^${t.events.bulk.select('')}(?!${TEACHER})`) });
    await others.nth(0).check();
    await others.nth(1).check();
    await dialog.getByTestId('picked-count').getByText(t.events.bulk.selected(3)).waitFor();
    await shot(s, 'event-bulk-add');
    await dialog.getByRole('button', { name: t.events.bulk.submit(3) }).click();
    await dialog.getByText(t.events.bulk.added(3)).waitFor();
    // The same teacher again: skipped as a duplicate, with the API's reason.
    await dialog.getByRole('button', { name: t.events.bulk.more }).click();
    await dialog.getByLabel(t.events.bulk.search, { exact: true }).fill('Кузьмин');
    await dialog.getByRole('checkbox', { name: t.events.bulk.select(TEACHER) }).check();
    await dialog.getByRole('button', { name: t.events.bulk.submit(1) }).click();
    await dialog.getByTestId('bulk-duplicates').getByText(TEACHER, { exact: false }).waitFor();
    await dialog.getByRole('button', { name: t.events.bulk.done }).click();
    await expect(s.getByTestId('participants-table').locator('tbody tr')).toHaveCount(3);
    await shot(s, 'event-participants');
    check(school.seen.length === 0, school.seen.join('; '));
    await school.close();

    // Methodologist: attendance in one request, then one speaker.
    await m.reload();
    await m.getByRole('tab', { name: new RegExp(t.events.participants.tab) }).click();
    await m.getByRole('button', { name: t.events.participants.markAttendance }).click();
    const attendance = m.getByTestId('attendance-form');
    await attendance.getByRole('checkbox', { name: t.events.participants.attendedCheckbox(TEACHER) }).check();
    await shot(m, 'event-attendance');
    await attendance.getByRole('button', { name: t.events.participants.saveAttendance }).click();
    await m.getByText(t.events.participants.attendanceSaved(3)).waitFor();
    const table = m.getByTestId('participants-table');
    const row = table.locator('tbody tr', { hasText: TEACHER });
    await row.getByText(t.events.participants.attendance.attended ?? '').waitFor();
    await expect(table.getByText(t.events.participants.attendance.absent ?? '')).toHaveCount(2);
    await row.getByRole('button', { name: t.events.participants.edit(TEACHER) }).click();
    const edit = m.getByRole('dialog', { name: t.events.participants.editTitle });
    await edit.getByRole('combobox', { name: t.events.participants.role, exact: true }).click();
    await m.getByRole('option', { name: t.events.participants.roles.speaker, exact: true }).click();
    await edit.getByLabel(t.events.participants.presentation, { exact: true }).fill('Цифровые сервисы в методической работе');
    await edit.getByLabel(t.events.participants.hours, { exact: true }).fill('2');
    await edit.getByRole('button', { name: t.common.save }).click();
    await row.getByText(t.events.participants.rolesShort.speaker ?? '').waitFor();
    check(methodologist.seen.length === 0, methodologist.seen.join('; '));
    await methodologist.close();

    // The teacher: the event in «Профессиональный рост» of their own profile, as a speaker, with its hours.
    const teacher = await pageAs(browser, 'teacher');
    await teacher.page.goto(`${baseUrl}/profile`);
    const timeline = teacher.page.getByTestId('teacher-growth');
    const line = timeline.locator('tr', { hasText: title });
    await line.getByText(/^выступающий/).waitFor();
    await line.getByText('2', { exact: true }).waitFor();
    await shot(teacher.page, 'teacher-timeline');
    check(teacher.seen.length === 0, teacher.seen.join('; '));
    await teacher.close();
  });

  test('a list of participants is checked (dry run), applied, and a second upload reports the duplicates', async ({ browser }) => {
    const token = await apiToken(ACCOUNTS.methodologist);
    const { body: found } = await apiGet(token, `/teachers?q=${encodeURIComponent('Кузьмин Михаил')}`);
    const { body: teacher } = await apiGet(token, `/teachers/${found.items[0].id}`);
    const dir = join(import.meta.dirname, '..', 'test-output');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'participants.csv');
    writeFileSync(
      file,
      `ФИО;Дата рождения;Роль\n${TEACHER};${dayjs(teacher.birth_date).format('DD.MM.YYYY')};слушатель\nНесуществующий Педагог Петрович;01.01.1970;слушатель\n`,
    );
    const created = await apiEvent(`Семинар со списком участников ${Date.now()}`);
    const { page, seen, close } = await pageAs(browser, 'methodologist');
    await page.goto(`${baseUrl}/events/${created.id}?tab=participants`);
    await page.getByRole('button', { name: t.events.participants.upload }).click();
    const dialog = page.getByRole('dialog', { name: t.events.upload.title });
    await dialog.locator('input[type=file]').setInputFiles(file);
    const apply = dialog.getByRole('button', { name: t.events.upload.apply });
    await expect(apply).toBeDisabled();
    await dialog.getByRole('button', { name: t.events.upload.check }).click();
    const rows = dialog.getByTestId('participant-import-rows');
    await rows.getByText(t.events.upload.statuses.matched ?? '', { exact: true }).first().waitFor();
    await rows.getByText(t.events.upload.statuses.not_found ?? '', { exact: true }).first().waitFor();
    await shot(page, 'event-upload-dry-run');
    await apply.click();
    await rows.getByText(t.events.upload.statuses.added ?? '', { exact: true }).first().waitFor();
    await dialog.getByRole('button', { name: t.events.bulk.done }).click();
    await page.getByTestId('participants-table').getByText(TEACHER).waitFor();
    await page.getByRole('button', { name: t.events.participants.upload }).click();
    await dialog.locator('input[type=file]').setInputFiles(file);
    await dialog.getByRole('button', { name: t.events.upload.check }).click();
    await rows.getByText(t.events.upload.statuses.duplicate ?? '', { exact: true }).first().waitFor();
    check(seen.length === 0, seen.join('; '));
    await close();
  });
});

const someEvent = async () => `/events/${(await apiEvent(`Мероприятие для проверки доступности ${Date.now()}`)).id}`;
const someSeries = async () => `/event-series/${(await apiSeries(`Серия для проверки доступности ${Date.now()}`)).id}`;
const someEventParticipants = async () => `${await someEvent()}?tab=participants`;
accessibilityChecks('methodologist', ['/events', '/events?view=list', '/events/new', someEvent, someEventParticipants, '/event-series', someSeries]);
