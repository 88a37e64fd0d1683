import dayjs from 'dayjs';
import { applicationSchema, decisionSchema, toDecision } from './attestationForm';
import { t } from './messages';
import { parseAttestationSearch, parsePlanSearch, toAttestationQuery, toPlanQuery } from './search';

const v = t.validation;
const d = t.attestation.decision;
const tomorrow = dayjs().add(1, 'day').format('YYYY-MM-DD');

function errorsOf(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
  return result.success ? {} : Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.join('.'), i.message]));
}

describe('application form', () => {
  it('asks for the teacher, the category and a date that is not in the future', () => {
    expect(errorsOf(applicationSchema.safeParse({ teacher_id: null, category_sought: null, applied_on: null }))).toMatchObject({
      teacher_id: v.required,
      category_sought: v.required,
      applied_on: v.required,
    });
    expect(errorsOf(applicationSchema.safeParse({ teacher_id: 't1', category_sought: 'highest', applied_on: tomorrow })).applied_on).toBe(v.futureDate);
    expect(applicationSchema.safeParse({ teacher_id: 't1', category_sought: 'highest', applied_on: '2026-10-01' }).success).toBe(true);
  });
});

describe('decision form', () => {
  const schema = decisionSchema('2026-10-01');

  it('a granted category needs the order: it becomes the basis in the teacher card', () => {
    expect(errorsOf(schema.safeParse({ result: 'granted', decided_on: '2026-11-20', order_number: ' ' })).order_number).toBe(d.orderRequired);
    expect(schema.safeParse({ result: 'refused', decided_on: '2026-11-20', order_number: '' }).success).toBe(true);
  });

  it('the decision is not dated before the application nor in the future', () => {
    expect(errorsOf(schema.safeParse({ result: 'refused', decided_on: '2026-09-30', order_number: '' })).decided_on).toBe(d.beforeApplied('01.10.2026'));
    expect(errorsOf(decisionSchema('2020-01-01').safeParse({ result: 'refused', decided_on: tomorrow, order_number: '' })).decided_on).toBe(v.futureDate);
    expect(errorsOf(schema.safeParse({ result: 'refused', decided_on: '20.11.2026', order_number: '' })).decided_on).toBe(v.date);
  });

  it('sends the order trimmed, or nothing for a refusal without one', () => {
    expect(toDecision({ result: 'granted', decided_on: '2026-11-20', order_number: ' приказ № 1234 ' })).toEqual({
      result: 'granted',
      decided_on: '2026-11-20',
      order_number: 'приказ № 1234',
    });
    expect(toDecision({ result: 'refused', decided_on: '2026-11-20', order_number: '' }).order_number).toBeNull();
  });
});

describe('attestation URLs', () => {
  it('keep only known categories and statuses', () => {
    const s = parseAttestationSearch({ category: ['highest', 'bogus'], status: 'pending', period: '2025/2026' });
    expect(s).toEqual({ category: ['highest'], status: ['pending'], period: '2025/2026' });
    expect(toAttestationQuery(s)).toMatchObject({ category_sought: ['highest'], status: ['pending'], sort: '-applied_on' });
    expect(toPlanQuery(parsePlanSearch({ from_year: '2026', organization_id: 'o1' }))).toEqual({ from_year: 2026, organization_id: 'o1' });
    expect(parsePlanSearch({ from_year: 'next' })).toEqual({});
  });
});
