/** The application and decision forms: zod schemas with the API's rules (Russian messages) and the bodies. */
import { z } from 'zod';
import type { AttestationCreate, AttestationDecision } from '../../api/types';
import { isInvalidDateText } from '../../components/DateField';
import { todayIso } from '../../lib/periods';
import { formatDate } from '../../lib/format';
import { t } from './messages';
import { CATEGORIES_SOUGHT } from './search';

const v = t.validation;

// A DateField hands over the typed text when it is not a date: refused with «ДД.ММ.ГГГГ», never dropped.
const pastDate = z
  .string()
  .nullable()
  .refine((d) => !isInvalidDateText(d), v.date)
  .refine((d) => Boolean(d), v.required)
  .refine((d) => !d || isInvalidDateText(d) || d <= todayIso(), v.futureDate);

export const applicationSchema = z.object({
  teacher_id: z.string().nullable().refine((x) => Boolean(x), v.required),
  category_sought: z.enum(CATEGORIES_SOUGHT).nullable().refine((x) => Boolean(x), v.required),
  applied_on: pastDate,
});
export type ApplicationValues = z.input<typeof applicationSchema>;
export const APPLICATION_FIELDS = ['teacher_id', 'category_sought', 'applied_on'] as const;

export function toAttestationCreate(values: ApplicationValues): AttestationCreate {
  return { teacher_id: values.teacher_id ?? '', category_sought: values.category_sought ?? 'first', applied_on: values.applied_on ?? '' };
}

/** The decision of an application made on `appliedOn`: not before it, not in the future, an order for a grant. */
export function decisionSchema(appliedOn: string) {
  return z
    .object({
      result: z.enum(['granted', 'refused']),
      decided_on: pastDate,
      order_number: z.string().trim().max(100, v.tooLong(100)),
    })
    .superRefine((x, ctx) => {
      if (x.result === 'granted' && !x.order_number) {
        ctx.addIssue({ code: 'custom', path: ['order_number'], message: t.attestation.decision.orderRequired });
      }
      if (x.decided_on && !isInvalidDateText(x.decided_on) && x.decided_on < appliedOn) {
        ctx.addIssue({ code: 'custom', path: ['decided_on'], message: decidedBeforeApplied(appliedOn) });
      }
    });
}
export type DecisionValues = z.input<ReturnType<typeof decisionSchema>>;
export const DECISION_FIELDS = ['result', 'decided_on', 'order_number'] as const;

const decidedBeforeApplied = (appliedOn: string) => t.attestation.decision.beforeApplied(formatDate(appliedOn));

export function toDecision(values: DecisionValues): AttestationDecision {
  return {
    result: values.result,
    decided_on: values.decided_on ?? '',
    order_number: values.order_number.trim() || null,
  };
}
