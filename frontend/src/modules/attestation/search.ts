import type { AttestationPlanQuery, AttestationQuery } from '../../api/types';
import { compact, DEFAULT_LIMIT, int, oneOf, str, strList } from '../../lib/search';
import { parseAcademicYear } from '../../lib/periods';

export const ATTESTATION_SORTS = ['-applied_on', 'applied_on', '-decided_on', 'teacher_name', '-updated_at'] as const;
export const CATEGORIES_SOUGHT = ['first', 'highest', 'conformity'] as const;
export const STATUSES = ['pending', 'granted', 'refused'] as const;

type Category = (typeof CATEGORIES_SOUGHT)[number];
type Status = (typeof STATUSES)[number];

/** What the applications list keeps in the URL. */
export type AttestationSearch = {
  period?: string;
  organization_id?: string;
  teacher_id?: string;
  category?: Category[];
  status?: Status[];
  archived?: 'yes';
  sort?: (typeof ATTESTATION_SORTS)[number];
  offset?: number;
  limit?: number;
};

const only = <T extends string>(values: string[] | undefined, allowed: readonly T[]): T[] | undefined => {
  const kept = (values ?? []).filter((v): v is T => (allowed as readonly string[]).includes(v));
  return kept.length ? kept : undefined;
};

export function parseAttestationSearch(raw: Record<string, unknown>): AttestationSearch {
  return compact({
    period: parseAcademicYear(raw.period),
    organization_id: str(raw.organization_id),
    teacher_id: str(raw.teacher_id),
    category: only(strList(raw.category), CATEGORIES_SOUGHT),
    status: only(strList(raw.status), STATUSES),
    archived: oneOf(raw.archived, ['yes'] as const),
    sort: oneOf(raw.sort, ATTESTATION_SORTS),
    offset: int(raw.offset),
    limit: int(raw.limit, { min: 1, max: 200 }),
  });
}

export function toAttestationQuery(s: AttestationSearch): AttestationQuery {
  return compact({
    period: s.period,
    organization_id: s.organization_id,
    teacher_id: s.teacher_id,
    category_sought: s.category,
    status: s.status,
    include_archived: s.archived === 'yes' ? true : undefined,
    sort: s.sort ?? '-applied_on',
    limit: s.limit ?? DEFAULT_LIMIT,
    offset: s.offset ?? 0,
  });
}

/** The plan's URL: whose plan and from which academic year. */
export type PlanSearch = { organization_id?: string; municipality_id?: string; from_year?: number };

export function parsePlanSearch(raw: Record<string, unknown>): PlanSearch {
  return compact({
    organization_id: str(raw.organization_id),
    municipality_id: str(raw.municipality_id),
    from_year: int(raw.from_year, { min: 1990, max: 2095 }),
  });
}

export function toPlanQuery(s: PlanSearch): AttestationPlanQuery {
  return compact({ organization_id: s.organization_id, municipality_id: s.municipality_id, from_year: s.from_year });
}
