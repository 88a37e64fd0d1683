/** The course form: zod schema (Russian messages, the API's limits) and the mapping to API bodies. */
import { z } from 'zod';
import type { Course, CourseCreate, CourseUpdate } from '../../api/types';
import { isInvalidDateText } from '../../components/DateField';
import { t } from './messages';
import { COURSE_FORMATS, PROGRAM_KINDS } from './search';

const v = t.validation;
const f = t.courses.form;

// A DateField hands over the typed text when it is not a date: refused here with «ДД.ММ.ГГГГ», never dropped.
const requiredDate = z
  .string()
  .nullable()
  .refine((d) => !isInvalidDateText(d), v.date)
  .refine((d) => Boolean(d), v.required);

export const courseFormSchema = z
  .object({
    teacher_id: z.string().nullable().refine((x) => Boolean(x), v.required),
    title: z.string().trim().min(2, v.tooShort(2)).max(500, v.tooLong(500)),
    program_kind: z.enum(PROGRAM_KINDS),
    provider_source: z.enum(['dictionary', 'text']),
    provider_organization_id: z.string().nullable(),
    provider_name: z.string().trim().max(500, v.tooLong(500)),
    provider_state_owned: z.enum(['unknown', 'yes', 'no']),
    hours: z.number({ error: v.required }).int(f.hoursRange).min(1, f.hoursRange).max(3000, f.hoursRange),
    start_date: requiredDate,
    end_date: requiredDate,
    format: z.enum(['', ...COURSE_FORMATS]),
    document_number: z.string().trim().max(100, v.tooLong(100)),
    competence_areas: z.array(z.string()).max(20),
  })
  .superRefine((x, ctx) => {
    if (x.provider_source === 'dictionary' && !x.provider_organization_id) {
      ctx.addIssue({ code: 'custom', path: ['provider_organization_id'], message: v.required });
    }
    if (x.provider_source === 'text' && x.provider_name !== '' && x.provider_name.length < 2) {
      ctx.addIssue({ code: 'custom', path: ['provider_name'], message: v.tooShort(2) });
    }
    // ISO dates compare as text; only real dates (the text of a bad one is refused above).
    if (x.start_date && x.end_date && !isInvalidDateText(x.start_date) && !isInvalidDateText(x.end_date) && x.end_date < x.start_date) {
      ctx.addIssue({ code: 'custom', path: ['end_date'], message: v.endBeforeStart });
    }
  });

export type CourseFormValues = z.input<typeof courseFormSchema>;

/** Form fields: a server error under `body.<field>` is shown next to it. */
export const COURSE_FORM_FIELDS = [
  'teacher_id',
  'title',
  'program_kind',
  'provider_organization_id',
  'provider_name',
  'provider_state_owned',
  'hours',
  'start_date',
  'end_date',
  'format',
  'document_number',
  'competence_areas',
] as const;

export function emptyCourseValues(teacherId: string | null = null): CourseFormValues {
  return {
    teacher_id: teacherId,
    title: '',
    program_kind: 'advanced_training',
    provider_source: 'text',
    provider_organization_id: null,
    provider_name: '',
    provider_state_owned: 'yes',
    hours: Number.NaN,
    start_date: null,
    end_date: null,
    format: '',
    document_number: '',
    competence_areas: [],
  };
}

const triState = (value: boolean | null | undefined) => (value === true ? 'yes' : value === false ? 'no' : 'unknown');

export function courseToValues(course: Course): CourseFormValues {
  return {
    teacher_id: course.teacher_id,
    title: course.title,
    program_kind: course.program_kind === 'retraining' ? 'retraining' : 'advanced_training',
    provider_source: course.provider_organization_id ? 'dictionary' : 'text',
    provider_organization_id: course.provider_organization_id ?? null,
    provider_name: course.provider_organization_id ? '' : (course.provider_name ?? ''),
    provider_state_owned: triState(course.provider_state_owned),
    hours: course.hours,
    start_date: course.start_date,
    end_date: course.end_date,
    format: COURSE_FORMATS.find((x) => x === course.format) ?? '',
    document_number: course.document_number ?? '',
    competence_areas: [...(course.competence_areas ?? [])],
  };
}

/** The provider as the API takes it: from the dictionary (its name and ownership come from the card), or by name. */
function providerFields(values: CourseFormValues) {
  if (values.provider_source === 'dictionary') {
    return { provider_organization_id: values.provider_organization_id, provider_name: null, provider_state_owned: null };
  }
  const stateOwned = values.provider_state_owned;
  return {
    provider_organization_id: null,
    provider_name: values.provider_name.trim() || null,
    provider_state_owned: stateOwned === 'yes' ? true : stateOwned === 'no' ? false : null,
  };
}

export function toCourseUpdate(values: CourseFormValues): CourseUpdate {
  return {
    title: values.title.trim(),
    program_kind: values.program_kind,
    ...providerFields(values),
    hours: values.hours,
    start_date: values.start_date ?? undefined,
    end_date: values.end_date ?? undefined,
    format: values.format || null,
    document_number: values.document_number.trim() || null,
    competence_areas: values.competence_areas,
  };
}

export function toCourseCreate(values: CourseFormValues): CourseCreate {
  const body = toCourseUpdate(values);
  return {
    ...body,
    teacher_id: values.teacher_id ?? '',
    title: body.title ?? '',
    program_kind: values.program_kind,
    hours: values.hours,
    start_date: values.start_date ?? '',
    end_date: values.end_date ?? '',
  };
}
