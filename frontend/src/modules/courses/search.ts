import type { CourseQuery, PdWindowQuery } from '../../api/types';
import { compact, DEFAULT_LIMIT, int, oneOf, str, type TriState } from '../../lib/search';
import { parseAcademicYear, parseIsoDate } from '../../lib/periods';

export const COURSE_SORTS = ['-end_date', 'end_date', 'teacher_name', 'title', '-hours', '-updated_at'] as const;
export const PROGRAM_KINDS = ['advanced_training', 'retraining'] as const;
export const COURSE_FORMATS = ['offline', 'online', 'mixed'] as const;

/** What the course list keeps in the URL: filters, sort and paging (the typed search text stays in memory). */
export type CourseSearch = {
  period?: string;
  organization_id?: string;
  teacher_id?: string;
  provider_organization_id?: string;
  program_kind?: (typeof PROGRAM_KINDS)[number];
  eligible?: TriState;
  archived?: 'yes';
  sort?: (typeof COURSE_SORTS)[number];
  offset?: number;
  limit?: number;
};

export function parseCourseSearch(raw: Record<string, unknown>): CourseSearch {
  return compact({
    period: parseAcademicYear(raw.period),
    organization_id: str(raw.organization_id),
    teacher_id: str(raw.teacher_id),
    provider_organization_id: str(raw.provider_organization_id),
    program_kind: oneOf(raw.program_kind, PROGRAM_KINDS),
    eligible: oneOf(raw.eligible, ['yes', 'no'] as const),
    archived: oneOf(raw.archived, ['yes'] as const),
    sort: oneOf(raw.sort, COURSE_SORTS),
    offset: int(raw.offset),
    limit: int(raw.limit, { min: 1, max: 200 }),
  });
}

export function toCourseQuery(s: CourseSearch, q?: string): CourseQuery {
  return compact({
    q,
    period: s.period,
    organization_id: s.organization_id,
    teacher_id: s.teacher_id,
    provider_organization_id: s.provider_organization_id,
    program_kind: s.program_kind,
    eligible: s.eligible === undefined ? undefined : s.eligible === 'yes',
    include_archived: s.archived === 'yes' ? true : undefined,
    sort: s.sort ?? '-end_date',
    limit: s.limit ?? DEFAULT_LIMIT,
    offset: s.offset ?? 0,
  });
}

export const PD_SORTS = ['full_name', 'organization_name', 'last_course_end'] as const;
export const PD_STATES = ['outside', 'leaving'] as const;
export const DEFAULT_MONTHS = 6;

/** The PD-window page's URL: the date R, the months ahead, who is listed, where, sort and paging. */
export type PdWindowSearch = {
  on?: string;
  months?: number;
  state?: (typeof PD_STATES)[number];
  organization_id?: string;
  municipality_id?: string;
  sort?: (typeof PD_SORTS)[number];
  offset?: number;
  limit?: number;
};

export function parsePdWindowSearch(raw: Record<string, unknown>): PdWindowSearch {
  return compact({
    on: parseIsoDate(raw.on),
    months: int(raw.months, { min: 0, max: 36 }),
    state: oneOf(raw.state, PD_STATES),
    organization_id: str(raw.organization_id),
    municipality_id: str(raw.municipality_id),
    sort: oneOf(raw.sort, PD_SORTS),
    offset: int(raw.offset),
    limit: int(raw.limit, { min: 1, max: 200 }),
  });
}

export function toPdWindowQuery(s: PdWindowSearch): PdWindowQuery {
  return compact({
    on: s.on,
    months: s.months ?? DEFAULT_MONTHS,
    state: s.state,
    organization_id: s.organization_id,
    municipality_id: s.municipality_id,
    sort: s.sort ?? 'full_name',
    limit: s.limit ?? DEFAULT_LIMIT,
    offset: s.offset ?? 0,
  });
}
