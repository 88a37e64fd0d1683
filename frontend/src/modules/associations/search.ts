import type { AssociationQuery } from '../../api/types';
import { compact, DEFAULT_LIMIT, int, oneOf, str } from '../../lib/search';
import { parseAcademicYear } from '../../lib/periods';

export const ASSOCIATION_SORTS = ['title', '-academic_year', 'leader_name', '-updated_at'] as const;
export const LEVELS = ['city', 'school'] as const;
export const STATUSES = ['active', 'archived'] as const;

/** What the associations list keeps in the URL. */
export type AssociationSearch = {
  academic_year?: string;
  level?: (typeof LEVELS)[number];
  organization_id?: string;
  status?: (typeof STATUSES)[number];
  q?: string;
  sort?: (typeof ASSOCIATION_SORTS)[number];
  offset?: number;
  limit?: number;
};

export function parseAssociationSearch(raw: Record<string, unknown>): AssociationSearch {
  return compact({
    academic_year: parseAcademicYear(raw.academic_year),
    level: oneOf(raw.level, LEVELS),
    organization_id: str(raw.organization_id),
    status: oneOf(raw.status, STATUSES),
    q: str(raw.q),
    sort: oneOf(raw.sort, ASSOCIATION_SORTS),
    offset: int(raw.offset),
    limit: int(raw.limit, { min: 1, max: 200 }),
  });
}

export function toAssociationQuery(s: AssociationSearch): AssociationQuery {
  return compact({
    academic_year: s.academic_year,
    level: s.level,
    organization_id: s.organization_id,
    status: s.status ?? 'active',
    q: s.q,
    sort: s.sort ?? 'title',
    limit: s.limit ?? DEFAULT_LIMIT,
    offset: s.offset ?? 0,
  });
}
