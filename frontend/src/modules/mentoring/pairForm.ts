/** The mentoring pair forms: zod schemas (Russian messages, the API's rules) and the bodies. */
import { z } from 'zod';
import type { MentoringPair, MentoringPairCreate, MentoringPairUpdate } from '../../api/types';
import { isInvalidDateText } from '../../components/DateField';
import { formatDate } from '../../lib/format';
import { t } from './messages';
import { MENTORING_FORMS, PAIR_STATUSES } from './search';

const v = t.validation;

const date = z
  .string()
  .nullable()
  .refine((d) => !isInvalidDateText(d), v.date);
const realDate = (d: string | null | undefined): d is string => Boolean(d) && !isInvalidDateText(d);

export const pairFormSchema = z
  .object({
    mentee_id: z.string().nullable().refine((x) => Boolean(x), v.required),
    mentor_id: z.string().nullable().refine((x) => Boolean(x), v.required),
    form: z.enum(MENTORING_FORMS),
    goal: z.string().trim().max(2000, v.tooLong(2000)),
    start_date: date.refine((d) => Boolean(d), v.required),
    end_date: date,
    status: z.enum(PAIR_STATUSES),
    outcome: z.string().trim().max(4000, v.tooLong(4000)),
  })
  .superRefine((x, ctx) => {
    if (x.mentor_id && x.mentor_id === x.mentee_id) {
      ctx.addIssue({ code: 'custom', path: ['mentor_id'], message: t.mentoring.samePerson });
    }
    if (realDate(x.start_date) && realDate(x.end_date) && x.end_date < x.start_date) {
      ctx.addIssue({ code: 'custom', path: ['end_date'], message: v.endBeforeStart });
    }
  });

export type PairFormValues = z.input<typeof pairFormSchema>;
export const PAIR_FORM_FIELDS = ['mentee_id', 'mentor_id', 'form', 'goal', 'start_date', 'end_date', 'status', 'outcome'] as const;

export function emptyPairValues(menteeId: string | null, today: string): PairFormValues {
  return {
    mentee_id: menteeId,
    mentor_id: null,
    form: 'teacher_teacher',
    goal: '',
    start_date: today,
    end_date: null,
    status: 'active',
    outcome: '',
  };
}

export function pairToValues(pair: MentoringPair): PairFormValues {
  return {
    mentee_id: pair.mentee_id,
    mentor_id: pair.mentor_id,
    form: MENTORING_FORMS.find((f) => f === pair.form) ?? 'teacher_teacher',
    goal: pair.goal ?? '',
    start_date: pair.start_date,
    end_date: pair.end_date ?? null,
    status: PAIR_STATUSES.find((s) => s === pair.status) ?? 'active',
    outcome: pair.outcome ?? '',
  };
}

export function toPairCreate(values: PairFormValues): MentoringPairCreate {
  return {
    mentee_id: values.mentee_id ?? '',
    mentor_id: values.mentor_id ?? '',
    form: values.form,
    goal: values.goal.trim() || null,
    start_date: values.start_date ?? '',
    end_date: values.end_date || null,
    status: values.status,
    outcome: values.outcome.trim() || null,
  };
}

/**
 * Only what changed: an unchanged mentor is not sent (the API re-checks a mentor it is given — the limit and the
 * young-mentor rule — and the pair's own mentor needs no new check).
 */
export function toPairUpdate(values: PairFormValues, pair: MentoringPair): MentoringPairUpdate {
  const next = toPairCreate(values);
  const before = toPairCreate(pairToValues(pair));
  const body: MentoringPairUpdate = {};
  if (next.mentor_id !== before.mentor_id) body.mentor_id = next.mentor_id;
  if (next.form !== before.form) body.form = next.form;
  if (next.goal !== before.goal) body.goal = next.goal;
  if (next.start_date !== before.start_date) body.start_date = next.start_date;
  if (next.end_date !== before.end_date) body.end_date = next.end_date;
  if (next.status !== before.status) body.status = next.status;
  if (next.outcome !== before.outcome) body.outcome = next.outcome;
  return body;
}

/** Finishing a pair: how it ended, when (empty — today, the API's default) and its outcome. */
export function finishSchema(startDate: string) {
  return z
    .object({
      status: z.enum(['finished', 'cancelled']),
      end_date: date,
      outcome: z.string().trim().max(4000, v.tooLong(4000)),
    })
    .superRefine((x, ctx) => {
      if (realDate(x.end_date) && x.end_date < startDate) {
        ctx.addIssue({ code: 'custom', path: ['end_date'], message: t.mentoring.finishBeforeStart(formatDate(startDate)) });
      }
    });
}
export type FinishValues = z.input<ReturnType<typeof finishSchema>>;
export const FINISH_FIELDS = ['status', 'end_date', 'outcome'] as const;

export function toFinish(values: FinishValues, pair: MentoringPair): MentoringPairUpdate {
  const body: MentoringPairUpdate = { status: values.status };
  if (values.end_date) body.end_date = values.end_date;
  const outcome = values.outcome.trim();
  if (outcome !== (pair.outcome ?? '')) body.outcome = outcome || null;
  return body;
}
