import type { OrganizationQuery } from '../../api/types';
import { compact, DEFAULT_LIMIT, int, oneOf, strList, triToBool, type TriState } from '../../lib/search';

export const ORGANIZATION_SORTS = ['short_name', '-short_name', 'name', '-name', 'type_code', '-created_at'] as const;
export const INNOVATION_LEVELS = ['municipal', 'regional', 'federal'] as const;

/** What a list keeps in the URL: filters, sort and paging. The typed search text is not here (lib/searchText). */
export type OrganizationSearch = {
  type_code?: string[];
  low?: TriState;
  unfavourable?: TriState;
  innovation?: (typeof INNOVATION_LEVELS)[number];
  resource?: TriState;
  sort?: (typeof ORGANIZATION_SORTS)[number];
  offset?: number;
  limit?: number;
};

const TRI = ['yes', 'no'] as const;

export function parseOrganizationSearch(raw: Record<string, unknown>): OrganizationSearch {
  return compact({
    type_code: strList(raw.type_code),
    low: oneOf(raw.low, TRI),
    unfavourable: oneOf(raw.unfavourable, TRI),
    innovation: oneOf(raw.innovation, INNOVATION_LEVELS),
    resource: oneOf(raw.resource, TRI),
    sort: oneOf(raw.sort, ORGANIZATION_SORTS),
    offset: int(raw.offset),
    limit: int(raw.limit, { min: 1, max: 200 }),
  });
}

export function toOrganizationQuery(s: OrganizationSearch, q?: string): OrganizationQuery {
  return compact({
    q,
    type_code: s.type_code,
    is_low_results: triToBool(s.low),
    is_unfavourable: triToBool(s.unfavourable),
    innovation_level: s.innovation,
    is_resource_center: triToBool(s.resource),
    sort: s.sort ?? 'short_name',
    limit: s.limit ?? DEFAULT_LIMIT,
    offset: s.offset ?? 0,
  });
}
