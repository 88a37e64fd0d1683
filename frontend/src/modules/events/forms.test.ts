import { describe, expect, it } from 'vitest';
import type { EventRead, SeriesRead } from './api';
import { emptyEventForm, eventFormSchema, eventToForm, sessionPreset, toCreateBody, toUpdateBody } from './eventForm';
import { t } from './messages';
import { parseEventsSearch, toCalendarQuery, toEventQuery } from './search';
import { attendanceChanges } from './Participants';

const valid = () =>
  emptyEventForm({ type: 'seminar', level: 'municipal', title: 'Наставничество в школе', start_date: '2022-04-20' });

const messages = (values: ReturnType<typeof emptyEventForm>) => {
  const result = eventFormSchema.safeParse(values);
  return result.success ? {} : Object.fromEntries(result.error.issues.map((i) => [i.path.join('.'), i.message]));
};

describe('event form schema', () => {
  it('accepts a minimal event and asks for type, level, title and start date', () => {
    expect(messages(valid())).toEqual({});
    const errors = messages(emptyEventForm());
    expect(errors.type).toBe(t.validation.required);
    expect(errors.level).toBe(t.validation.required);
    expect(errors.start_date).toBe(t.validation.required);
    expect(errors.title).toBe(t.validation.tooShort(2));
  });

  it('refuses a date that is not ДД.ММ.ГГГГ, an end before the start and times out of order', () => {
    expect(messages({ ...valid(), start_date: '31.02.2022' }).start_date).toBe(t.validation.date);
    expect(messages({ ...valid(), end_date: '2022-04-19' }).end_date).toBe(t.validation.endBeforeStart);
    expect(messages({ ...valid(), start_time: '12:00', end_time: '10:00' }).end_time).toBe(t.events.form.timeOrder);
    // A multi-day event may end earlier in the day than it started.
    expect(messages({ ...valid(), end_date: '2022-04-21', start_time: '12:00', end_time: '10:00' })).toEqual({});
    expect(messages({ ...valid(), end_time: '10:00' }).start_time).toBe(t.events.form.timeNeedsStart);
  });

  it('checks links, session numbers and the rows of lists', () => {
    expect(messages({ ...valid(), url: 'ftp://x' }).url).toBe(t.events.form.urlInvalid);
    expect(messages({ ...valid(), series_id: 's1', session_number: '0' }).session_number).toBe(t.events.form.sessionNumberRange);
    const rows = messages({
      ...valid(),
      responsible_people: [{ user_id: null, teacher_id: null, name: ' ', note: '' }],
      responsible_organizations: [{ organization_id: null, note: '' }],
      materials: [{ title: 'Презентация', url: '', file_id: null }],
    });
    expect(rows['responsible_people.0.name']).toBe(t.validation.required);
    expect(rows['responsible_organizations.0.organization_id']).toBe(t.validation.required);
    expect(rows['materials.0.url']).toBe(t.validation.required);
  });
});

describe('event bodies', () => {
  it('sends times with seconds, blanks as null, linked people by id and files by id', () => {
    const body = toCreateBody({
      ...valid(),
      start_time: '10:00',
      place: '  ',
      series_id: 's1',
      session_number: '3',
      responsible_people: [
        { user_id: null, teacher_id: 't1', name: 'Иванова Мария Петровна', note: '' },
        { user_id: null, teacher_id: null, name: ' Смирнова А. Ю. ', note: 'директор' },
      ],
      materials: [
        { title: 'Программа', url: '', file_id: 'f1' },
        { title: 'Запись', url: 'https://example.org/rec', file_id: null },
      ],
    });
    expect(body).toMatchObject({
      start_time: '10:00:00',
      end_time: null,
      place: null,
      series_id: 's1',
      session_number: 3,
      municipality_id: undefined,
      responsible_people: [
        { teacher_id: 't1', user_id: null, note: null },
        { name: 'Смирнова А. Ю.', note: 'директор' },
      ],
      materials: [
        { title: 'Программа', file_id: 'f1' },
        { title: 'Запись', url: 'https://example.org/rec' },
      ],
    });
  });

  it('a PATCH carries only what changed (a list as a whole)', () => {
    const event = {
      ...valid(),
      id: 'e1',
      municipality_id: 'm1',
      owner_organization_id: null,
      type: 'seminar',
      level: 'municipal',
      level_rank: 2,
      format: 'offline',
      status: 'planned',
      title: 'Наставничество в школе',
      content: null,
      start_date: '2022-04-20',
      end_date: null,
      start_time: '10:00:00',
      end_time: null,
      place: null,
      url: null,
      organizer_organization_id: null,
      organizer_name: null,
      series_id: null,
      session_number: null,
      audience_note: null,
      responsible_people: [],
      responsible_organizations: [{ organization_id: 'o1', note: null }],
      materials: [],
      version: 1,
    } as unknown as EventRead;
    const initial = eventToForm(event);
    expect(initial.start_time).toBe('10:00');
    expect(toUpdateBody(initial, initial)).toEqual({});
    const changed = { ...initial, status: 'held' as const, responsible_organizations: [{ organization_id: 'o1', note: 'команда школы' }] };
    expect(toUpdateBody(changed, initial)).toEqual({
      status: 'held',
      responsible_organizations: [{ organization_id: 'o1', note: 'команда школы' }],
    });
  });

  it('a session of a series follows its last number and its organizer', () => {
    const series = {
      id: 's1',
      session_count: 2,
      sessions: [{ session_number: 5 }, { session_number: 2 }],
      organizer_organization_id: 'o29',
      organizer_name: null,
      owner_organization_id: null,
    } as unknown as SeriesRead;
    expect(sessionPreset(series, 'municipal', '2022-03-16')).toMatchObject({
      type: 'pds_session',
      series_id: 's1',
      session_number: '6',
      organizer_organization_id: 'o29',
      start_date: '2022-03-16',
    });
  });
});

describe('calendar search', () => {
  it('drops what is not valid in a hand-edited URL', () => {
    expect(parseEventsSearch({ view: 'week', month: '2022-13', type: ['seminar', 'party'], year: '2021/2023', level: 'regional' })).toEqual({
      type: ['seminar'],
      level: ['regional'],
    });
  });

  it('asks the calendar for the weeks of the grid and the list for a page, with the same filters', () => {
    const s = parseEventsSearch({ level: ['municipal'], year: '2021/2022', organizer: 'o1' });
    expect(toCalendarQuery(s, '2022-04')).toEqual({
      level: ['municipal'],
      organizer_organization_id: 'o1',
      period: '2021/2022',
      from: '2022-03-28',
      to: '2022-05-01',
    });
    expect(toEventQuery(s)).toMatchObject({ level: ['municipal'], period: '2021/2022', sort: 'start_date', offset: 0 });
    expect(toEventQuery({})).toMatchObject({ sort: '-start_date' });
  });
});

describe('attendance marking', () => {
  it('sends the changed ticks and every row still only registered, in one list', () => {
    const rows = [
      { id: 'a', attendance: 'registered' as const },
      { id: 'b', attendance: 'registered' as const },
      { id: 'c', attendance: 'attended' as const },
      { id: 'd', attendance: 'absent' as const },
      { id: 'e', attendance: 'attended' as const },
    ];
    expect(attendanceChanges(rows, { a: true, c: true, d: true, e: false })).toEqual([
      { participation_id: 'a', attended: true },
      { participation_id: 'b', attended: false },
      { participation_id: 'd', attended: true },
      { participation_id: 'e', attended: false },
    ]);
    expect(attendanceChanges(rows.slice(2, 4), { c: true })).toEqual([]);
  });
});
