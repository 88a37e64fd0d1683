import type { PracticeQuery } from '../../api/types';
import { compact, DEFAULT_LIMIT, int, oneOf, str, strList } from '../../lib/search';
import { parseAcademicYear } from '../../lib/periods';

export const PRACTICE_SORTS = ['-published_at', 'title', '-updated_at', 'status'] as const;
export const PRACTICE_STATUSES = ['draft', 'submitted', 'under_review', 'published', 'returned'] as const;
export const PRACTICE_KINDS = ['lesson_plan', 'programme', 'technique', 'case', 'video'] as const;

type Status = (typeof PRACTICE_STATUSES)[number];
type Kind = (typeof PRACTICE_KINDS)[number];

/** What the practice list keeps in the URL. */
export type PracticeSearch = {
  q?: string;
  period?: string;
  organization_id?: string;
  status?: Status[];
  level?: string[];
  kind?: Kind[];
  area?: string[];
  archived?: 'yes';
  sort?: (typeof PRACTICE_SORTS)[number];
  offset?: number;
  limit?: number;
};

const only = <T extends string>(values: string[] | undefined, allowed: readonly T[]): T[] | undefined => {
  const kept = (values ?? []).filter((v): v is T => (allowed as readonly string[]).includes(v));
  return kept.length ? kept : undefined;
};

export function parsePracticeSearch(raw: Record<string, unknown>): PracticeSearch {
  return compact({
    q: str(raw.q),
    period: parseAcademicYear(raw.period),
    organization_id: str(raw.organization_id),
    status: only(strList(raw.status), PRACTICE_STATUSES),
    level: strList(raw.level),
    kind: only(strList(raw.kind), PRACTICE_KINDS),
    area: strList(raw.area),
    archived: oneOf(raw.archived, ['yes'] as const),
    sort: oneOf(raw.sort, PRACTICE_SORTS),
    offset: int(raw.offset),
    limit: int(raw.limit, { min: 1, max: 200 }),
  });
}

/** The API query of the list; with a search text and no chosen sort the best matches come first. */
export function toPracticeQuery(s: PracticeSearch): PracticeQuery {
  return compact({
    q: s.q,
    period: s.period,
    organization_id: s.organization_id,
    status: s.status,
    level: s.level,
    kind: s.kind,
    area: s.area,
    include_archived: s.archived === 'yes' ? true : undefined,
    sort: s.sort ?? (s.q ? undefined : '-published_at'),
    limit: s.limit ?? DEFAULT_LIMIT,
    offset: s.offset ?? 0,
  });
}
