import { describe, expect, it } from 'vitest';
import {
  emptyAssociationValues,
  meetingFromPlan,
  meetingToValues,
  planToValues,
  SUBJECT_OR_PROBLEM,
  toAssociationCreate,
  toMeetingCreate,
  toMeetingUpdate,
  toPlanUpdate,
  validateAssociation,
  validateMeeting,
  type MeetingFormValues,
} from './associationForm';
import { parseAssociationSearch, toAssociationQuery } from './search';

const EMPTY: MeetingFormValues = { held_on: null, plan_id: null, topic: '', form: '', attendance: [], minutes: '', decisions: '' };
const PLAN = { id: 'p1', planned_date: '2025-10-15', topic: 'Анализ ВПР', form: 'круглый стол' };

describe('association form', () => {
  it('a school administrator starts a ШМО of their school; a municipality a ГМО', () => {
    expect(emptyAssociationValues('2025/2026', 'org-1')).toMatchObject({ level: 'school', organization_id: 'org-1' });
    expect(emptyAssociationValues('2025/2026', null)).toMatchObject({ level: 'city', organization_id: null });
  });

  it('asks for a subject or a problem, and a school for a ШМО', () => {
    const v = { ...emptyAssociationValues('2025/2026', null), title: 'ГМО учителей математики' };
    expect(validateAssociation(v)).toEqual({ subject_code: SUBJECT_OR_PROBLEM });
    expect(validateAssociation({ ...v, problem: 'Функциональная грамотность' })).toEqual({});
    expect(validateAssociation({ ...v, subject_code: 'mathematics', level: 'school' })).toHaveProperty('organization_id');
  });

  it('a ГМО is sent without a school, empty texts as null', () => {
    const body = toAssociationCreate({
      ...emptyAssociationValues('2025/2026', null),
      organization_id: 'stale',
      title: ' ГМО учителей математики ',
      subject_code: 'mathematics',
    });
    expect(body).toMatchObject({ level: 'city', organization_id: null, title: 'ГМО учителей математики', problem: null });
  });
});

describe('meeting form', () => {
  it('recording a planned meeting takes its topic, form and date unless typed', () => {
    expect(meetingFromPlan(EMPTY, PLAN)).toMatchObject({ plan_id: 'p1', topic: 'Анализ ВПР', form: 'круглый стол', held_on: '2025-10-15' });
    const typed = meetingFromPlan({ ...EMPTY, topic: 'Своя тема', held_on: '2025-10-20' }, PLAN);
    expect(typed).toMatchObject({ topic: 'Своя тема', held_on: '2025-10-20' });
    expect(meetingFromPlan(typed, null).plan_id).toBeNull();
  });

  it('needs a date and a topic; sends the attendance as chosen', () => {
    expect(Object.keys(validateMeeting(EMPTY)).sort()).toEqual(['held_on', 'topic']);
    const body = toMeetingCreate({ ...meetingFromPlan(EMPTY, PLAN), attendance: ['t1', 't2'], minutes: ' ' });
    expect(body).toMatchObject({ plan_id: 'p1', attendance: ['t1', 't2'], minutes: null });
  });
});

describe('associations list URL', () => {
  it('keeps only known values and asks for active associations by default', () => {
    const s = parseAssociationSearch({ academic_year: '2025/2026', level: 'region', status: 'archived', sort: 'bogus' });
    expect(s).toEqual({ academic_year: '2025/2026', status: 'archived' });
    expect(toAssociationQuery({})).toMatchObject({ status: 'active', sort: 'title', offset: 0 });
  });
});

describe('edit bodies carry only what changed', () => {
  it('a plan line', () => {
    const saved = { planned_date: '2025-10-15', topic: 'Анализ ВПР', form: null };
    const v = planToValues(saved);
    expect(toPlanUpdate(v, saved)).toEqual({});
    expect(toPlanUpdate({ ...v, topic: ' Анализ ВПР и ОГЭ ', form: 'семинар' }, saved)).toEqual({ topic: 'Анализ ВПР и ОГЭ', form: 'семинар' });
    expect(toPlanUpdate({ ...planToValues({ ...saved, form: 'семинар' }), form: ' ' }, { ...saved, form: 'семинар' })).toEqual({ form: null });
  });

  it('a meeting: attendance in another order is no change; an unlinked plan is sent as null', () => {
    const saved = {
      held_on: '2025-10-16',
      plan_id: 'p1',
      topic: 'Анализ ВПР',
      form: null,
      attendance: [{ teacher_id: 't1' }, { teacher_id: 't2' }],
      minutes: null,
      decisions: 'Решили',
    };
    const v = meetingToValues(saved);
    expect(v.attendance).toEqual(['t1', 't2']);
    expect(toMeetingUpdate({ ...v, attendance: ['t2', 't1'] }, saved)).toEqual({});
    expect(toMeetingUpdate({ ...v, plan_id: null, attendance: ['t1'], decisions: '' }, saved)).toEqual({
      plan_id: null,
      attendance: ['t1'],
      decisions: null,
    });
    expect(toMeetingUpdate(v, saved, true)).toEqual({ minutes_file_id: null });
  });
});
