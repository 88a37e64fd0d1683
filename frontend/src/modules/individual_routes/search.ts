import { compact, DEFAULT_LIMIT, int, oneOf, str, strList } from '../../lib/search';
import type { RouteQuery } from './api';

export const STATUSES = ['draft', 'approved', 'in_progress', 'completed'] as const;
type Status = (typeof STATUSES)[number];

/** What the routes list keeps in the URL. */
export type RoutesSearch = {
  status?: Status[];
  organization_id?: string;
  overdue?: 'yes';
  archived?: 'yes';
  offset?: number;
  limit?: number;
};

export function parseRoutesSearch(raw: Record<string, unknown>): RoutesSearch {
  const statuses = (strList(raw.status) ?? []).filter((v): v is Status => (STATUSES as readonly string[]).includes(v));
  return compact({
    status: statuses.length ? statuses : undefined,
    organization_id: str(raw.organization_id),
    overdue: oneOf(raw.overdue, ['yes'] as const),
    archived: oneOf(raw.archived, ['yes'] as const),
    offset: int(raw.offset),
    limit: int(raw.limit, { min: 1, max: 200 }),
  });
}

export function toRouteQuery(s: RoutesSearch): RouteQuery {
  return compact({
    status: s.status,
    organization_id: s.organization_id,
    overdue_only: s.overdue === 'yes' ? true : undefined,
    include_archived: s.archived === 'yes' ? true : undefined,
    limit: s.limit ?? DEFAULT_LIMIT,
    offset: s.offset ?? 0,
  });
}

export type NewRouteSearch = { assignment?: string };

export function parseNewRouteSearch(raw: Record<string, unknown>): NewRouteSearch {
  return compact({ assignment: str(raw.assignment) });
}
