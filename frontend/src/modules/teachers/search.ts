import type { TeacherQuery } from '../../api/types';
import { compact, DEFAULT_LIMIT, int, oneOf, strList, triToBool, type TriState } from '../../lib/search';

export const TEACHER_SORTS = ['last_name', '-last_name', 'birth_date', '-birth_date', 'category_expires_on', '-updated_at'] as const;
export const CATEGORY_STATUSES = ['expiring', 'expired', 'valid', 'none'] as const;

/** What a list keeps in the URL: filters, sort and paging. The typed search text is not here (lib/searchText). */
export type TeacherSearch = {
  organization_id?: string[];
  position?: string[];
  subject?: string[];
  category?: string[];
  category_status?: (typeof CATEGORY_STATUSES)[number];
  young?: TriState;
  sort?: (typeof TEACHER_SORTS)[number];
  offset?: number;
  limit?: number;
};

export function parseTeacherSearch(raw: Record<string, unknown>): TeacherSearch {
  return compact({
    organization_id: strList(raw.organization_id),
    position: strList(raw.position),
    subject: strList(raw.subject),
    category: strList(raw.category),
    category_status: oneOf(raw.category_status, CATEGORY_STATUSES),
    young: oneOf(raw.young, ['yes', 'no'] as const),
    sort: oneOf(raw.sort, TEACHER_SORTS),
    offset: int(raw.offset),
    limit: int(raw.limit, { min: 1, max: 200 }),
  });
}

export function toTeacherQuery(s: TeacherSearch, q?: string): TeacherQuery {
  return compact({
    q,
    organization_id: s.organization_id,
    position: s.position,
    subject: s.subject,
    category: s.category,
    category_status: s.category_status,
    young: triToBool(s.young),
    sort: s.sort ?? 'last_name',
    limit: s.limit ?? DEFAULT_LIMIT,
    offset: s.offset ?? 0,
  });
}
