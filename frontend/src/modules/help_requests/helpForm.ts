/** The help-request forms: zod schemas (Russian messages, the API's rules) and the request bodies. */
import { z } from 'zod';
import type { ConsultationCreate, HelpRequestClose, HelpRequestCreate, HelpRequestUpdate } from '../../api/types';
import { isInvalidDateText } from '../../components/DateField';
import { t } from './messages';

const v = t.validation;
const h = t.help.validation;

export const DESIRED_FORMS = ['consultation', 'visit', 'materials'] as const;
export const CONSULTATION_FORMS = ['consultation', 'online', 'visit', 'materials', 'group'] as const;
export const RESOLUTIONS = ['full', 'partial', 'none'] as const;

export const askSchema = z.object({
  teacher_id: z.string().nullable(),
  topic_code: z
    .string()
    .nullable()
    .refine((x) => Boolean(x), h.topic),
  description: z.string().trim().min(5, h.description).max(4000, v.tooLong(4000)),
  desired_form: z.enum(DESIRED_FORMS),
});
export type AskValues = z.input<typeof askSchema>;
export const ASK_FIELDS = ['teacher_id', 'organization_id', 'topic_code', 'description', 'desired_form'] as const;

/** The body of a new request: a teacher asks for themselves (no ids); a school for a teacher or for itself. */
export function toAsk(values: AskValues, schoolId: string | null): HelpRequestCreate {
  const body: HelpRequestCreate = {
    topic_code: values.topic_code ?? '',
    description: values.description.trim(),
    desired_form: values.desired_form,
  };
  if (values.teacher_id) body.teacher_id = values.teacher_id;
  if (schoolId) body.organization_id = schoolId;
  return body;
}

/** The changes of a new request (only what changed is sent). */
export function toUpdate(values: AskValues, dirty: Partial<Record<keyof AskValues, unknown>>): HelpRequestUpdate {
  const body: HelpRequestUpdate = {};
  if (dirty.topic_code && values.topic_code) body.topic_code = values.topic_code;
  if (dirty.description) body.description = values.description.trim();
  if (dirty.desired_form) body.desired_form = values.desired_form;
  return body;
}

export const consultSchema = z.object({
  held_on: z
    .string()
    .nullable()
    .refine((d) => !isInvalidDateText(d), v.date),
  form: z.enum(CONSULTATION_FORMS),
  consultant_name: z.string().trim().max(300, v.tooLong(300)),
  notes: z.string().trim().max(4000, v.tooLong(4000)),
});
export type ConsultValues = z.input<typeof consultSchema>;
export const CONSULT_FIELDS = ['held_on', 'form', 'consultant_name', 'notes'] as const;

export function toConsultation(values: ConsultValues): ConsultationCreate {
  return {
    held_on: values.held_on || null,
    form: values.form,
    consultant_name: values.consultant_name.trim() || null,
    notes: values.notes.trim() || null,
  };
}

export const closeSchema = z.object({
  resolution: z
    .enum(RESOLUTIONS)
    .nullable()
    .refine((x) => x !== null, h.resolution),
  comment: z.string().trim().min(3, h.comment).max(4000, v.tooLong(4000)),
});
export type CloseValues = z.input<typeof closeSchema>;
export const CLOSE_FIELDS = ['resolution', 'comment'] as const;

export function toClose(values: CloseValues): HelpRequestClose {
  return { resolution: values.resolution ?? 'full', comment: values.comment.trim() };
}
