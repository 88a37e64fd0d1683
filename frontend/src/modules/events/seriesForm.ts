/** Series create/edit form: zod schema and the mapping to and from API bodies. */
import { z } from 'zod';
import { isInvalidDateText } from '../../components/DateField';
import type { SeriesCreate, SeriesRead, SeriesUpdate } from './api';
import { isAcademicYear } from './calendar';
import { t } from './messages';

const v = t.validation;
const optionalText = (max: number) => z.string().trim().max(max, v.tooLong(max));

export const seriesFormSchema = z.object({
  municipality_id: z.string().nullable(),
  owner_organization_id: z.string().nullable(),
  title: z.string().trim().min(2, v.tooShort(2)).max(500, v.tooLong(500)),
  academic_year: z
    .string()
    .nullable()
    .refine((x) => Boolean(x), v.required)
    .refine((x) => !x || isAcademicYear(x), t.events.series.academicYearFormat),
  goal: optionalText(5000),
  tasks: optionalText(10000),
  audience_note: optionalText(1000),
  order_number: optionalText(100),
  order_date: z
    .string()
    .nullable()
    .refine((d) => !isInvalidDateText(d), v.date),
  organizer_organization_id: z.string().nullable(),
  organizer_name: optionalText(500),
});

export type SeriesFormValues = z.input<typeof seriesFormSchema>;
export const SERIES_FORM_FIELDS = Object.keys(seriesFormSchema.shape) as readonly string[];

export function emptySeriesForm(preset: Partial<SeriesFormValues> = {}): SeriesFormValues {
  return {
    municipality_id: null,
    owner_organization_id: null,
    title: '',
    academic_year: null,
    goal: '',
    tasks: '',
    audience_note: '',
    order_number: '',
    order_date: null,
    organizer_organization_id: null,
    organizer_name: '',
    ...preset,
  };
}

export function seriesToForm(s: SeriesRead): SeriesFormValues {
  return emptySeriesForm({
    municipality_id: s.municipality_id,
    owner_organization_id: s.owner_organization_id,
    title: s.title,
    academic_year: s.academic_year,
    goal: s.goal ?? '',
    tasks: s.tasks ?? '',
    audience_note: s.audience_note ?? '',
    order_number: s.order_number ?? '',
    order_date: s.order_date,
    organizer_organization_id: s.organizer_organization_id,
    organizer_name: s.organizer_name ?? '',
  });
}

const blankToNull = (s: string) => (s.trim() === '' ? null : s.trim());

function fieldsBody(values: SeriesFormValues) {
  return {
    title: values.title.trim(),
    academic_year: values.academic_year ?? '',
    goal: blankToNull(values.goal),
    tasks: blankToNull(values.tasks),
    audience_note: blankToNull(values.audience_note),
    order_number: blankToNull(values.order_number),
    order_date: values.order_date || null,
    organizer_organization_id: values.organizer_organization_id || null,
    organizer_name: blankToNull(values.organizer_name),
  };
}

export function toSeriesCreate(values: SeriesFormValues): SeriesCreate {
  return {
    ...fieldsBody(values),
    municipality_id: values.municipality_id || undefined,
    owner_organization_id: values.owner_organization_id || undefined,
  };
}

export function toSeriesUpdate(values: SeriesFormValues, initial: SeriesFormValues): SeriesUpdate {
  const now = fieldsBody(values);
  const before = fieldsBody(initial);
  const body: Record<string, unknown> = {};
  for (const key of Object.keys(now) as (keyof typeof now)[]) {
    if (JSON.stringify(now[key]) !== JSON.stringify(before[key])) body[key] = now[key];
  }
  return body as SeriesUpdate;
}
