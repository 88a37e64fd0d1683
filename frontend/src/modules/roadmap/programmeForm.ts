/** The programme form: values, checks (the API's limits) and the bodies it sends. Pure: tested without a browser. */
import { z } from 'zod';
import { t } from './messages';
import type { Programme, ProgrammeCreate, ProgrammeUpdate } from './api';

const v = t.validation;
const f = t.roadmap.programmeForm;
const text = (max: number) => z.string().trim().max(max, v.tooLong(max));
const date = z.string().nullable().refine((x) => Boolean(x), v.required);

export const PROGRAMME_STATUSES = ['draft', 'approved', 'running', 'finished'] as const;

const stage = z
  .object({ title: z.string().trim().min(2, v.tooShort(2)).max(300, v.tooLong(300)), starts_on: date, ends_on: date })
  .superRefine((x, ctx) => {
    if (x.starts_on && x.ends_on && x.ends_on < x.starts_on) ctx.addIssue({ code: 'custom', path: ['ends_on'], message: f.stageEndsBeforeStart });
  });

export const programmeFormSchema = z
  .object({
    title: z.string().trim().min(3, v.tooShort(3)).max(500, v.tooLong(500)),
    period_start: date,
    period_end: date,
    status: z.enum(PROGRAMME_STATUSES),
    goal: text(4000),
    tasks: text(8000),
    expected_results: text(8000),
    basis_text: text(1000),
    stages: z.array(stage).max(20),
  })
  .superRefine((x, ctx) => {
    if (x.period_start && x.period_end && x.period_end < x.period_start) ctx.addIssue({ code: 'custom', path: ['period_end'], message: f.endBeforeStart });
  });

export type ProgrammeFormValues = z.input<typeof programmeFormSchema>;

/** Fields a server error under `body.<field>` is shown next to. */
export const PROGRAMME_FORM_FIELDS = ['title', 'period_start', 'period_end', 'status', 'goal', 'tasks', 'expected_results', 'basis_text', 'stages'] as const;

export function emptyProgrammeValues(): ProgrammeFormValues {
  return { title: '', period_start: null, period_end: null, status: 'approved', goal: '', tasks: '', expected_results: '', basis_text: '', stages: [] };
}

export function programmeToValues(p: Programme): ProgrammeFormValues {
  return {
    title: p.title,
    period_start: p.period_start,
    period_end: p.period_end,
    status: PROGRAMME_STATUSES.find((s) => s === p.status) ?? 'draft',
    goal: p.goal ?? '',
    tasks: p.tasks ?? '',
    expected_results: p.expected_results ?? '',
    basis_text: p.basis_text ?? '',
    stages: (p.stages ?? []).map((s) => ({ title: s.title, starts_on: s.starts_on, ends_on: s.ends_on })),
  };
}

const orNull = (s: string) => s.trim() || null;

export function toProgrammeUpdate(values: ProgrammeFormValues): ProgrammeUpdate {
  return {
    title: values.title.trim(),
    period_start: values.period_start ?? undefined,
    period_end: values.period_end ?? undefined,
    status: values.status,
    goal: orNull(values.goal),
    tasks: orNull(values.tasks),
    expected_results: orNull(values.expected_results),
    basis_text: orNull(values.basis_text),
    stages: values.stages.map((s) => ({ title: s.title.trim(), starts_on: s.starts_on ?? '', ends_on: s.ends_on ?? '' })),
  };
}

export function toProgrammeCreate(values: ProgrammeFormValues, municipalityId: string): ProgrammeCreate {
  const body = toProgrammeUpdate(values);
  return { ...body, municipality_id: municipalityId, title: body.title ?? '', period_start: body.period_start ?? '', period_end: body.period_end ?? '', status: values.status };
}
