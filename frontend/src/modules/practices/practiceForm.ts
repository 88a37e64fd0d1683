/** The practice form and the review form: zod schemas (Russian messages, the API's limits) and the request bodies. */
import { z } from 'zod';
import type { Practice, PracticeCreate, PracticeCriterion, PracticeUpdate } from '../../api/types';
import { t } from './messages';
import { PRACTICE_KINDS } from './search';

const p = t.practices;
const v = t.validation;

export type AuthorChoice = { id: string; label: string };

export const practiceFormSchema = z.object({
  title: z.string().trim().min(3, p.validation.title).max(500, v.tooLong(500)),
  organization_id: z.string().nullable().refine((x) => Boolean(x), p.validation.organization),
  authors: z.array(z.object({ id: z.string(), label: z.string() })).min(1, p.validation.authors).max(20, v.tooLong(20)),
  kind: z.enum(PRACTICE_KINDS),
  level: z.string().min(1, v.required),
  description: z.string().trim().max(20000, v.tooLong(20000)),
  keywords: z.string().trim().max(500, v.tooLong(500)),
  competence_areas: z.array(z.string()),
  subjects: z.array(z.string()),
  participation_ids: z.array(z.string()),
  materials: z.array(
    z
      .object({
        title: z.string().trim().min(1, p.validation.materialTitle).max(300, v.tooLong(300)),
        url: z.string().trim(),
        file_id: z.string().nullable(),
      })
      .superRefine((m, ctx) => {
        if (!m.file_id && !/^https?:\/\/\S+$/.test(m.url)) ctx.addIssue({ code: 'custom', path: ['url'], message: p.validation.url });
      }),
  ),
});

export type PracticeFormValues = z.input<typeof practiceFormSchema>;
export const PRACTICE_FORM_FIELDS = [
  'title',
  'organization_id',
  'authors',
  'kind',
  'level',
  'description',
  'keywords',
  'competence_areas',
  'subjects',
  'materials',
  'participation_ids',
] as const;

export function emptyPracticeValues(organizationId: string | null, me: AuthorChoice | null): PracticeFormValues {
  return {
    title: '',
    organization_id: organizationId,
    authors: me ? [me] : [],
    kind: 'technique',
    level: 'school',
    description: '',
    keywords: '',
    competence_areas: [],
    subjects: [],
    materials: [],
    participation_ids: [],
  };
}

export function practiceToValues(x: Practice): PracticeFormValues {
  return {
    title: x.title,
    organization_id: x.organization_id,
    authors: (x.authors ?? []).map((a) => ({ id: a.teacher_id, label: a.full_name })),
    kind: PRACTICE_KINDS.find((k) => k === x.kind) ?? 'technique',
    level: x.level,
    description: x.description ?? '',
    keywords: x.keywords ?? '',
    competence_areas: [...x.competence_areas],
    subjects: [...x.subjects],
    materials: (x.materials ?? []).map((m) => ({ title: m.title, url: m.url ?? '', file_id: m.file_id ?? null })),
    participation_ids: (x.presentations ?? []).map((e) => e.participation_id),
  };
}

const blank = (s: string | undefined) => (s && s.trim() ? s.trim() : null);

export function toPracticeCreate(x: PracticeFormValues): PracticeCreate {
  return {
    title: x.title.trim(),
    organization_id: x.organization_id ?? '',
    author_ids: x.authors.map((a) => a.id),
    kind: x.kind,
    level: x.level,
    description: blank(x.description),
    keywords: blank(x.keywords),
    competence_areas: x.competence_areas,
    subjects: x.subjects,
    materials: x.materials.map((m) => (m.file_id ? { title: m.title.trim(), file_id: m.file_id } : { title: m.title.trim(), url: m.url.trim() })),
    participation_ids: x.participation_ids,
  };
}

/** Only what changed (lists are sent whole when they changed). */
export function toPracticeUpdate(x: PracticeFormValues, before: Practice): PracticeUpdate {
  const full = toPracticeCreate(x);
  const out: PracticeUpdate = {};
  if (full.title !== before.title) out.title = full.title;
  if (full.organization_id !== before.organization_id) out.organization_id = full.organization_id;
  if (full.author_ids.join() !== (before.authors ?? []).map((a) => a.teacher_id).join()) out.author_ids = full.author_ids;
  if (full.kind !== before.kind) out.kind = full.kind;
  if (full.level !== before.level) out.level = full.level;
  if (full.description !== (before.description ?? null)) out.description = full.description;
  if (full.keywords !== (before.keywords ?? null)) out.keywords = full.keywords;
  if ((full.competence_areas ?? []).join() !== before.competence_areas.join()) out.competence_areas = full.competence_areas;
  if ((full.subjects ?? []).join() !== before.subjects.join()) out.subjects = full.subjects;
  const key = (m: { title: string; url?: string | null; file_id?: string | null }) => [m.title, m.url ?? '', m.file_id ?? ''].join('|');
  const talks = (before.presentations ?? []).map((e) => e.participation_id).join();
  if ((full.participation_ids ?? []).join() !== talks) out.participation_ids = full.participation_ids;
  if ((full.materials ?? []).map(key).join() !== (before.materials ?? []).map(key).join()) out.materials = full.materials;
  return out;
}

/** The scores of a review: every active criterion, each 0…its maximum; the total as the expert types. */
export function reviewScores(criteria: PracticeCriterion[], scores: Record<string, number | string | undefined>) {
  const active = criteria.filter((c) => c.is_active);
  const errors: Record<string, string> = {};
  const out: Record<string, number> = {};
  for (const c of active) {
    const raw = scores[c.code];
    const n = typeof raw === 'number' ? raw : raw === undefined || raw === '' ? NaN : Number(raw);
    if (!Number.isInteger(n) || n < 0 || n > c.max_score) errors[c.code] = p.scoreError(c.max_score);
    else out[c.code] = n;
  }
  const total = Object.values(out).reduce((a, b) => a + b, 0);
  const max = active.reduce((a, c) => a + c.max_score, 0);
  return { scores: out, errors, total, max, complete: Object.keys(errors).length === 0 };
}
