/** Teacher create/edit form: zod schema (Russian messages) and mapping to API bodies. */
import dayjs from 'dayjs';
import { z } from 'zod';
import type { Teacher, TeacherCreate, TeacherUpdate } from '../../api/types';
import { isInvalidDateText } from '../../components/DateField';
import { t } from './messages';

// Same rules as the backend (app/teachers/schemas.py) so most mistakes are caught before sending.
export const EMAIL_RE = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
export const PHONE_RE = /^\+?[0-9 ()-]{5,20}$/;

const v = t.validation;
const today = () => dayjs().format('YYYY-MM-DD');

const requiredText = (max: number) => z.string().trim().min(1, v.required).max(max, v.tooLong(max));
const optionalText = (max: number) => z.string().trim().max(max, v.tooLong(max));
// A DateField hands over the typed text when it is not a date: refused here with «ДД.ММ.ГГГГ», never dropped.
const date = z
  .string()
  .nullable()
  .refine((d) => !isInvalidDateText(d), v.date);
const requiredDate = date.refine((d) => Boolean(d), v.required);
const pastDate = date.refine((d) => !d || isInvalidDateText(d) || d <= today(), v.futureDate);

function parseRate(raw: string): number | null {
  const s = raw.trim().replace(',', '.');
  if (s === '') return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : Number.NaN;
}

export const employmentSchema = z
  .object({
    organization_id: z.string().nullable().refine((x) => Boolean(x), v.required),
    position_code: z.string().nullable().refine((x) => Boolean(x), v.required),
    kind: z.enum(['main', 'internal_part_time', 'external_part_time']),
    rate: z.string().refine((r) => {
      const n = parseRate(r);
      return n === null || (n >= 0 && n <= 3);
    }, v.rate),
    start_date: requiredDate,
    end_date: date,
  })
  .refine((e) => !e.end_date || !e.start_date || e.end_date >= e.start_date, {
    path: ['end_date'],
    message: v.endBeforeStart,
  });

export const categorySchema = z.object({
  category_code: z.string().nullable().refine((x) => Boolean(x), v.required),
  granted_on: requiredDate.refine((d) => !d || d <= today(), v.futureDate),
  legal_basis: optionalText(300),
});

export const teacherFormSchema = z.object({
  last_name: requiredText(100),
  first_name: requiredText(100),
  middle_name: optionalText(100),
  birth_date: pastDate,
  teaching_since: pastDate,
  email: z
    .string()
    .trim()
    .max(254, v.tooLong(254))
    .refine((e) => e === '' || EMAIL_RE.test(e), v.email),
  phone: z
    .string()
    .trim()
    .refine((p) => p === '' || PHONE_RE.test(p), v.phone),
  subjects: z.array(z.string()),
  employments: z.array(employmentSchema).min(1, v.employmentsMin),
  categories: z.array(categorySchema),
});

export type TeacherFormValues = z.input<typeof teacherFormSchema>;
export type EmploymentValues = TeacherFormValues['employments'][number];
export type CategoryValues = TeacherFormValues['categories'][number];

/** Top-level form fields; server errors under these paths are shown next to the field. */
export const TEACHER_FORM_FIELDS = [
  'last_name',
  'first_name',
  'middle_name',
  'birth_date',
  'teaching_since',
  'email',
  'phone',
  'subjects',
  'employments',
  'categories',
] as const;

export function emptyEmployment(organizationId: string | null = null): EmploymentValues {
  return { organization_id: organizationId, position_code: null, kind: 'main', rate: '1', start_date: null, end_date: null };
}

export function emptyCategory(): CategoryValues {
  return { category_code: null, granted_on: null, legal_basis: '' };
}

export function teacherToForm(teacher: Teacher): TeacherFormValues {
  return {
    last_name: teacher.last_name,
    first_name: teacher.first_name,
    middle_name: teacher.middle_name ?? '',
    birth_date: teacher.birth_date,
    teaching_since: teacher.teaching_since,
    email: teacher.email ?? '',
    phone: teacher.phone ?? '',
    subjects: [...teacher.subjects],
    employments: teacher.employments.map((e) => ({
      organization_id: e.organization_id,
      position_code: e.position_code,
      kind: e.kind,
      rate: e.rate ? String(Number(e.rate)).replace('.', ',') : '',
      start_date: e.start_date,
      end_date: e.end_date,
    })),
    categories: teacher.categories.map((c) => ({
      category_code: c.category_code,
      granted_on: c.granted_on,
      legal_basis: c.legal_basis ?? '',
    })),
  };
}

export function newTeacherForm(organizationId: string | null): TeacherFormValues {
  return {
    last_name: '',
    first_name: '',
    middle_name: '',
    birth_date: null,
    teaching_since: null,
    email: '',
    phone: '',
    subjects: [],
    employments: [emptyEmployment(organizationId)],
    categories: [],
  };
}

const blankToNull = (s: string) => (s.trim() === '' ? null : s.trim());

function employmentsBody(values: TeacherFormValues) {
  return values.employments.map((e) => {
    const rate = parseRate(e.rate);
    return {
      organization_id: e.organization_id ?? '',
      position_code: e.position_code ?? '',
      kind: e.kind,
      rate: rate === null || Number.isNaN(rate) ? null : rate,
      start_date: e.start_date ?? '',
      end_date: e.end_date || null,
    };
  });
}

function categoriesBody(values: TeacherFormValues) {
  return values.categories.map((c) => ({
    category_code: c.category_code ?? '',
    granted_on: c.granted_on ?? '',
    legal_basis: blankToNull(c.legal_basis),
  }));
}

export function toCreateBody(values: TeacherFormValues): TeacherCreate {
  return {
    last_name: values.last_name.trim(),
    first_name: values.first_name.trim(),
    middle_name: blankToNull(values.middle_name),
    birth_date: values.birth_date || null,
    teaching_since: values.teaching_since || null,
    email: blankToNull(values.email),
    phone: blankToNull(values.phone),
    subjects: values.subjects,
    employments: employmentsBody(values),
    categories: categoriesBody(values),
  };
}

type Dirty = Partial<Record<keyof TeacherFormValues, unknown>>;

/** PATCH body with only the fields the user changed (lists are sent whole: they replace history). */
export function toUpdateBody(values: TeacherFormValues, dirty: Dirty): TeacherUpdate {
  const full = toCreateBody(values);
  const body: TeacherUpdate = {};
  const isDirty = (k: keyof TeacherFormValues) => Boolean(dirty[k]);
  if (isDirty('last_name')) body.last_name = full.last_name;
  if (isDirty('first_name')) body.first_name = full.first_name;
  if (isDirty('middle_name')) body.middle_name = full.middle_name;
  if (isDirty('birth_date')) body.birth_date = full.birth_date;
  if (isDirty('teaching_since')) body.teaching_since = full.teaching_since;
  if (isDirty('email')) body.email = full.email;
  if (isDirty('phone')) body.phone = full.phone;
  if (isDirty('subjects')) body.subjects = full.subjects;
  if (isDirty('employments')) body.employments = full.employments;
  if (isDirty('categories')) body.categories = full.categories;
  return body;
}
