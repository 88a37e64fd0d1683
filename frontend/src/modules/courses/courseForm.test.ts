import { courseFormSchema, courseToValues, emptyCourseValues, toCourseCreate, toCourseUpdate, type CourseFormValues } from './courseForm';
import { t } from './messages';
import { parseCourseSearch, parsePdWindowSearch, toCourseQuery, toPdWindowQuery } from './search';
import type { Course } from '../../api/types';

const v = t.validation;

const filled: CourseFormValues = {
  ...emptyCourseValues('t1'),
  title: 'Формирование функциональной грамотности',
  hours: 36,
  start_date: '2026-10-05',
  end_date: '2026-10-16',
  provider_name: 'ОГБОУ ДПО «КОИРО»',
};

function errorsOf(values: CourseFormValues): Record<string, string> {
  const result = courseFormSchema.safeParse(values);
  if (result.success) return {};
  return Object.fromEntries(result.error.issues.map((i) => [i.path.join('.'), i.message]));
}

describe('course form', () => {
  it('asks for the teacher, the programme, the hours and both dates', () => {
    const errors = errorsOf(emptyCourseValues());
    expect(errors.teacher_id).toBe(v.required);
    expect(errors.title).toBe(v.tooShort(2));
    expect(errors.hours).toBeDefined();
    expect(errors.start_date).toBe(v.required);
    expect(errors.end_date).toBe(v.required);
  });

  it('refuses an end before the start and a date typed wrong, keeps what was typed', () => {
    expect(errorsOf({ ...filled, end_date: '2026-10-01' }).end_date).toBe(v.endBeforeStart);
    expect(errorsOf({ ...filled, start_date: '31.02.2026' }).start_date).toBe(v.date);
    expect(errorsOf(filled)).toEqual({});
  });

  it('a provider from the dictionary must be chosen; one typed by name is sent with its ownership', () => {
    expect(errorsOf({ ...filled, provider_source: 'dictionary' }).provider_organization_id).toBe(v.required);
    expect(toCourseCreate(filled)).toMatchObject({
      teacher_id: 't1',
      provider_organization_id: null,
      provider_name: 'ОГБОУ ДПО «КОИРО»',
      provider_state_owned: true,
      hours: 36,
      format: null,
      document_number: null,
    });
    const fromDictionary = toCourseCreate({ ...filled, provider_source: 'dictionary', provider_organization_id: 'o9', provider_state_owned: 'no' });
    // the name and ownership come from the organization's card on the server
    expect(fromDictionary).toMatchObject({ provider_organization_id: 'o9', provider_name: null, provider_state_owned: null });
    expect(toCourseCreate({ ...filled, provider_name: '  ', provider_state_owned: 'unknown' })).toMatchObject({
      provider_name: null,
      provider_state_owned: null,
    });
  });

  it('an edited course keeps its values and sends them without the teacher', () => {
    const course = {
      id: 'c1',
      teacher_id: 't1',
      title: 'Наставничество',
      program_kind: 'retraining',
      provider_organization_id: 'o9',
      provider_name: 'ЦНППМ',
      provider_state_owned: true,
      hours: 72,
      start_date: '2025-03-01',
      end_date: '2025-04-01',
      format: 'mixed',
      document_number: '44 0001',
      version: 2,
    } as Course;
    const values = courseToValues(course);
    expect(values).toMatchObject({ provider_source: 'dictionary', provider_organization_id: 'o9', provider_name: '', format: 'mixed' });
    const body = toCourseUpdate(values);
    expect(body).not.toHaveProperty('teacher_id');
    expect(body).toMatchObject({ program_kind: 'retraining', provider_organization_id: 'o9', hours: 72, document_number: '44 0001' });
  });
});

describe('course list and PD window URLs', () => {
  it('keep only valid filters and send the API its names', () => {
    const s = parseCourseSearch({ period: '2025/2026', eligible: 'no', archived: 'yes', sort: 'bogus', offset: '25', teacher_id: 't1' });
    expect(s).toEqual({ period: '2025/2026', eligible: 'no', archived: 'yes', offset: 25, teacher_id: 't1' });
    expect(toCourseQuery(s, 'ФГОС')).toMatchObject({
      q: 'ФГОС',
      period: '2025/2026',
      eligible: false,
      include_archived: true,
      teacher_id: 't1',
      sort: '-end_date',
      offset: 25,
    });
    expect(parseCourseSearch({ period: '2025' })).toEqual({});
  });

  it('the PD window defaults to 6 months ahead of today and keeps a real date only', () => {
    expect(toPdWindowQuery(parsePdWindowSearch({ on: '2026-13-01', months: '50' }))).toMatchObject({ months: 6, sort: 'full_name' });
    expect(toPdWindowQuery(parsePdWindowSearch({ on: '2026-09-01', months: '12', state: 'outside' }))).toMatchObject({
      on: '2026-09-01',
      months: 12,
      state: 'outside',
    });
  });
});
