import { activePair } from './testPair';
import { t } from './messages';
import { emptyPairValues, finishSchema, pairFormSchema, pairToValues, toFinish, toPairCreate, toPairUpdate } from './pairForm';
import { parsePairSearch, parseYoungSearch, toPairQuery, toYoungQuery } from './search';

const v = t.validation;

function errorsOf(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
  return result.success ? {} : Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.join('.'), i.message]));
}

describe('pair form', () => {
  it('asks for both people and the start; the same person cannot mentor themself', () => {
    expect(errorsOf(pairFormSchema.safeParse({ ...emptyPairValues(null, '2026-09-01'), start_date: null }))).toMatchObject({
      mentee_id: v.required,
      mentor_id: v.required,
      start_date: v.required,
    });
    expect(errorsOf(pairFormSchema.safeParse({ ...emptyPairValues('x', '2026-09-01'), mentor_id: 'x' })).mentor_id).toBe(t.mentoring.samePerson);
    expect(errorsOf(pairFormSchema.safeParse({ ...pairToValues(activePair), end_date: '2026-08-31' })).end_date).toBe(v.endBeforeStart);
  });

  it('a new pair sends empty texts as nothing', () => {
    expect(toPairCreate({ ...emptyPairValues('mentee-1', '2026-09-01'), mentor_id: 'mentor-2', goal: '  ' })).toEqual({
      mentee_id: 'mentee-1',
      mentor_id: 'mentor-2',
      form: 'teacher_teacher',
      goal: null,
      start_date: '2026-09-01',
      end_date: null,
      status: 'active',
      outcome: null,
    });
  });

  it('an edit sends only what changed: the pair’s own mentor is not re-sent (the API would re-check the limit)', () => {
    expect(toPairUpdate(pairToValues(activePair), activePair)).toEqual({});
    expect(toPairUpdate({ ...pairToValues(activePair), goal: 'Классное руководство' }, activePair)).toEqual({ goal: 'Классное руководство' });
    expect(toPairUpdate({ ...pairToValues(activePair), mentor_id: 'mentor-2', end_date: '2027-05-31' }, activePair)).toEqual({
      mentor_id: 'mentor-2',
      end_date: '2027-05-31',
    });
  });

  it('finishing: the end date may be left for the API (today), never before the start', () => {
    const schema = finishSchema(activePair.start_date);
    expect(errorsOf(schema.safeParse({ status: 'finished', end_date: '2026-08-01', outcome: '' })).end_date).toBe(
      t.mentoring.finishBeforeStart('01.09.2026'),
    );
    expect(toFinish({ status: 'cancelled', end_date: null, outcome: 'Наставник уволился' }, activePair)).toEqual({
      status: 'cancelled',
      outcome: 'Наставник уволился',
    });
    expect(toFinish({ status: 'finished', end_date: '2027-05-31', outcome: '' }, activePair)).toEqual({ status: 'finished', end_date: '2027-05-31' });
  });
});

describe('mentoring URLs', () => {
  it('keep known statuses and forms; the young list sorts by organization by default', () => {
    const s = parsePairSearch({ status: ['active', 'lost'], form: 'group', period: '2026/2027' });
    expect(s).toEqual({ status: ['active'], form: ['group'], period: '2026/2027' });
    expect(toPairQuery(s)).toMatchObject({ status: ['active'], form: ['group'], sort: '-start_date' });
    expect(toYoungQuery(parseYoungSearch({ on: '2026-12-01' }))).toMatchObject({ on: '2026-12-01', sort: 'organization_name' });
  });
});
