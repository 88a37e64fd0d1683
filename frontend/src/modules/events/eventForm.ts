/** Event create/edit form: zod schema (Russian messages, the API's rules) and the mapping to and from API bodies. */
import { z } from 'zod';
import { isInvalidDateText } from '../../components/DateField';
import type { EventCreate, EventRead, EventUpdate, SeriesRead } from './api';
import { EVENT_FORMATS, EVENT_LEVELS, EVENT_STATUSES, EVENT_TYPES } from './search';
import { t } from './messages';

const v = t.validation;
const m = t.events.form;

export const URL_RE = /^https?:\/\/\S+$/;
const TIME_RE = /^([01]\d|2[0-3]):[0-5]\d$/;

const optionalText = (max: number) => z.string().trim().max(max, v.tooLong(max));
const date = z
  .string()
  .nullable()
  .refine((d) => !isInvalidDateText(d), v.date);
const time = z.string().refine((x) => x === '' || TIME_RE.test(x), m.timeNeedsStart);
const url = optionalText(1000).refine((x) => x === '' || URL_RE.test(x), m.urlInvalid);

const person = z
  .object({
    user_id: z.string().nullable(),
    teacher_id: z.string().nullable(),
    name: optionalText(500),
    note: optionalText(500),
  })
  .refine((p) => Boolean(p.user_id || p.teacher_id || p.name.trim()), { path: ['name'], message: v.required });

const responsibleOrganization = z.object({
  organization_id: z.string().nullable().refine((x) => Boolean(x), v.required),
  note: optionalText(500),
});

const material = z
  .object({
    title: z.string().trim().min(1, v.required).max(300, v.tooLong(300)),
    url,
    file_id: z.string().nullable(),
  })
  .refine((x) => Boolean(x.file_id) || x.url.trim() !== '', { path: ['url'], message: v.required });

export const eventFormSchema = z
  .object({
    municipality_id: z.string().nullable(),
    owner_organization_id: z.string().nullable(),
    type: z.enum(EVENT_TYPES).nullable().refine((x) => x !== null, v.required),
    level: z.enum(EVENT_LEVELS).nullable().refine((x) => x !== null, v.required),
    format: z.enum(EVENT_FORMATS),
    status: z.enum(EVENT_STATUSES),
    title: z.string().trim().min(2, v.tooShort(2)).max(500, v.tooLong(500)),
    content: optionalText(20000),
    start_date: date.refine((d) => Boolean(d), v.required),
    end_date: date,
    start_time: time,
    end_time: time,
    place: optionalText(500),
    url,
    organizer_organization_id: z.string().nullable(),
    organizer_name: optionalText(500),
    series_id: z.string().nullable(),
    session_number: z.string().refine((x) => {
      if (x.trim() === '') return true;
      const n = Number(x);
      return Number.isInteger(n) && n >= 1 && n <= 999;
    }, m.sessionNumberRange),
    audience_positions: z.array(z.string()),
    audience_subjects: z.array(z.string()),
    competence_areas: z.array(z.string()).max(20),
    audience_young: z.boolean(),
    audience_note: optionalText(1000),
    responsible_people: z.array(person).max(50),
    responsible_organizations: z.array(responsibleOrganization).max(50),
    materials: z.array(material).max(100),
  })
  .refine((x) => !x.end_date || !x.start_date || isInvalidDateText(x.end_date) || x.end_date >= x.start_date, {
    path: ['end_date'],
    message: v.endBeforeStart,
  })
  .refine((x) => !x.end_time || Boolean(x.start_time), { path: ['start_time'], message: m.timeNeedsStart })
  .refine(
    (x) =>
      !x.start_time || !x.end_time || (x.end_date && x.end_date !== x.start_date) || x.end_time >= x.start_time,
    { path: ['end_time'], message: m.timeOrder },
  );

export type EventFormValues = z.input<typeof eventFormSchema>;
export type PersonValues = EventFormValues['responsible_people'][number];
export type MaterialValues = EventFormValues['materials'][number] & { file_name?: string };

/** Form fields; server errors under these paths (`body.<field>…`) are shown next to the field. */
export const EVENT_FORM_FIELDS = Object.keys(eventFormSchema.shape) as readonly string[];

export function emptyEventForm(preset: Partial<EventFormValues> = {}): EventFormValues {
  return {
    municipality_id: null,
    owner_organization_id: null,
    type: null,
    level: null,
    format: 'offline',
    status: 'planned',
    title: '',
    content: '',
    start_date: null,
    end_date: null,
    start_time: '',
    end_time: '',
    place: '',
    url: '',
    organizer_organization_id: null,
    organizer_name: '',
    series_id: null,
    session_number: '',
    audience_positions: [],
    audience_subjects: [],
    competence_areas: [],
    audience_young: false,
    audience_note: '',
    responsible_people: [],
    responsible_organizations: [],
    materials: [],
    ...preset,
  };
}

/** «Добавить занятие»: a session of the series, numbered after its last one, organised as the series is. */
export function sessionPreset(series: SeriesRead, level: EventFormValues['level'], date: string | null = null): Partial<EventFormValues> {
  const numbers = (series.sessions ?? []).map((s) => s.session_number ?? 0);
  const next = Math.max(series.session_count, ...numbers, 0) + 1;
  return {
    type: 'pds_session',
    level,
    series_id: series.id,
    session_number: String(next),
    organizer_organization_id: series.organizer_organization_id,
    organizer_name: series.organizer_name ?? '',
    owner_organization_id: series.owner_organization_id,
    start_date: date,
  };
}

export function eventToForm(event: EventRead): EventFormValues {
  return emptyEventForm({
    municipality_id: event.municipality_id,
    owner_organization_id: event.owner_organization_id,
    type: event.type,
    level: event.level,
    format: event.format,
    status: event.status,
    title: event.title,
    content: event.content ?? '',
    start_date: event.start_date,
    end_date: event.end_date,
    start_time: event.start_time?.slice(0, 5) ?? '',
    end_time: event.end_time?.slice(0, 5) ?? '',
    place: event.place ?? '',
    url: event.url ?? '',
    organizer_organization_id: event.organizer_organization_id,
    organizer_name: event.organizer_name ?? '',
    series_id: event.series_id,
    session_number: event.session_number ? String(event.session_number) : '',
    audience_positions: [...event.audience_positions],
    audience_subjects: [...event.audience_subjects],
    competence_areas: [...(event.competence_areas ?? [])],
    audience_young: event.audience_young,
    audience_note: event.audience_note ?? '',
    responsible_people: (event.responsible_people ?? []).map((p) => ({
      user_id: p.user_id,
      teacher_id: p.teacher_id,
      name: p.name,
      note: p.note ?? '',
    })),
    responsible_organizations: (event.responsible_organizations ?? []).map((o) => ({ organization_id: o.organization_id, note: o.note ?? '' })),
    materials: (event.materials ?? []).map((x) => ({ title: x.title, url: x.url ?? '', file_id: x.file_id, file_name: x.file_id ? x.title : undefined })),
  });
}

const blankToNull = (s: string) => (s.trim() === '' ? null : s.trim());
const timeOrNull = (s: string) => (s ? `${s}:00` : null);

/** Everything but the create-only fields (municipality, owning school), as both bodies carry it. */
function fieldsBody(values: EventFormValues) {
  return {
    type: values.type ?? 'seminar', // required by the form; never sent empty
    level: values.level ?? 'municipal',
    format: values.format,
    status: values.status,
    title: values.title.trim(),
    content: blankToNull(values.content),
    start_date: values.start_date ?? '',
    end_date: values.end_date || null,
    start_time: timeOrNull(values.start_time),
    end_time: timeOrNull(values.end_time),
    place: blankToNull(values.place),
    url: blankToNull(values.url),
    organizer_organization_id: values.organizer_organization_id || null,
    organizer_name: blankToNull(values.organizer_name),
    series_id: values.series_id || null,
    session_number: values.series_id && values.session_number.trim() ? Number(values.session_number) : null,
    audience_positions: values.audience_positions,
    audience_subjects: values.audience_subjects,
    competence_areas: values.competence_areas,
    audience_young: values.audience_young,
    audience_note: blankToNull(values.audience_note),
    responsible_people: values.responsible_people.map((p) =>
      p.teacher_id || p.user_id
        ? { teacher_id: p.teacher_id, user_id: p.user_id, note: blankToNull(p.note) }
        : { name: p.name.trim(), note: blankToNull(p.note) },
    ),
    responsible_organizations: values.responsible_organizations.map((o) => ({
      organization_id: o.organization_id ?? '',
      note: blankToNull(o.note),
    })),
    materials: values.materials.map((x) =>
      x.file_id ? { title: x.title.trim(), file_id: x.file_id } : { title: x.title.trim(), url: x.url.trim() },
    ),
  };
}

export function toCreateBody(values: EventFormValues): EventCreate {
  return {
    ...fieldsBody(values),
    municipality_id: values.municipality_id || undefined,
    owner_organization_id: values.owner_organization_id || undefined,
  };
}

/** PATCH body with only what differs from the record as it was loaded (lists are sent whole: they replace). */
export function toUpdateBody(values: EventFormValues, initial: EventFormValues): EventUpdate {
  const now = fieldsBody(values);
  const before = fieldsBody(initial);
  const body: Record<string, unknown> = {};
  for (const key of Object.keys(now) as (keyof typeof now)[]) {
    if (JSON.stringify(now[key]) !== JSON.stringify(before[key])) body[key] = now[key];
  }
  return body as EventUpdate;
}
