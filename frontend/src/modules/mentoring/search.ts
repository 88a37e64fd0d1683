import type { MentoringPairQuery, YoungWithoutMentorQuery } from '../../api/types';
import { compact, DEFAULT_LIMIT, int, oneOf, str, strList } from '../../lib/search';
import { parseAcademicYear, parseIsoDate } from '../../lib/periods';

export const PAIR_SORTS = ['-start_date', 'start_date', 'mentee_name', 'mentor_name', 'status', '-updated_at'] as const;
export const PAIR_STATUSES = ['active', 'finished', 'cancelled'] as const;
export const MENTORING_FORMS = ['teacher_teacher', 'leader_teacher', 'group', 'student_teacher', 'employer_teacher'] as const;

type Status = (typeof PAIR_STATUSES)[number];
type Form = (typeof MENTORING_FORMS)[number];

/** What the pairs list keeps in the URL. */
export type PairSearch = {
  period?: string;
  organization_id?: string;
  teacher_id?: string;
  status?: Status[];
  form?: Form[];
  archived?: 'yes';
  sort?: (typeof PAIR_SORTS)[number];
  offset?: number;
  limit?: number;
};

const only = <T extends string>(values: string[] | undefined, allowed: readonly T[]): T[] | undefined => {
  const kept = (values ?? []).filter((v): v is T => (allowed as readonly string[]).includes(v));
  return kept.length ? kept : undefined;
};

export function parsePairSearch(raw: Record<string, unknown>): PairSearch {
  return compact({
    period: parseAcademicYear(raw.period),
    organization_id: str(raw.organization_id),
    teacher_id: str(raw.teacher_id),
    status: only(strList(raw.status), PAIR_STATUSES),
    form: only(strList(raw.form), MENTORING_FORMS),
    archived: oneOf(raw.archived, ['yes'] as const),
    sort: oneOf(raw.sort, PAIR_SORTS),
    offset: int(raw.offset),
    limit: int(raw.limit, { min: 1, max: 200 }),
  });
}

export function toPairQuery(s: PairSearch): MentoringPairQuery {
  return compact({
    period: s.period,
    organization_id: s.organization_id,
    teacher_id: s.teacher_id,
    status: s.status,
    form: s.form,
    include_archived: s.archived === 'yes' ? true : undefined,
    sort: s.sort ?? '-start_date',
    limit: s.limit ?? DEFAULT_LIMIT,
    offset: s.offset ?? 0,
  });
}

export const YOUNG_SORTS = ['organization_name', 'full_name', 'birth_date', '-teaching_since'] as const;

/** The young-without-mentor page's URL: the date, where, sort and paging. */
export type YoungSearch = {
  on?: string;
  organization_id?: string;
  municipality_id?: string;
  sort?: (typeof YOUNG_SORTS)[number];
  offset?: number;
  limit?: number;
};

export function parseYoungSearch(raw: Record<string, unknown>): YoungSearch {
  return compact({
    on: parseIsoDate(raw.on),
    organization_id: str(raw.organization_id),
    municipality_id: str(raw.municipality_id),
    sort: oneOf(raw.sort, YOUNG_SORTS),
    offset: int(raw.offset),
    limit: int(raw.limit, { min: 1, max: 200 }),
  });
}

export function toYoungQuery(s: YoungSearch): YoungWithoutMentorQuery {
  return compact({
    on: s.on,
    organization_id: s.organization_id,
    municipality_id: s.municipality_id,
    sort: s.sort ?? 'organization_name',
    limit: s.limit ?? DEFAULT_LIMIT,
    offset: s.offset ?? 0,
  });
}
