/** What the documents pages keep in the URL, and the API queries made of it. */
import type { DocumentQuery } from '../../api/types';
import { parseAcademicYear } from '../../lib/periods';
import { compact, DEFAULT_LIMIT, int, oneOf, str, strList } from '../../lib/search';

export const DOCUMENT_TYPES = [
  'regulation',
  'programme',
  'roadmap',
  'work_plan',
  'association_plan',
  'attestation_plan',
  'pd_plan',
  'association_monitoring',
  'deficit_monitoring',
  'monitoring_report',
  'analytical_report',
  'recommendations',
  'order',
  'minutes',
  'other',
] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];
export const DOCUMENT_STATUSES = ['draft', 'approved'] as const;
export const DOCUMENT_SORTS = ['-academic_year', 'title', '-doc_date', 'type', 'status', '-updated_at'] as const;
/** The organization filter's value for «the municipality's own documents». */
export const MUNICIPALITY_LEVEL = 'municipality';

type Status = (typeof DOCUMENT_STATUSES)[number];

export type DocumentSearch = {
  academic_year?: string;
  organization_id?: string;
  type?: DocumentType[];
  status?: Status[];
  q?: string;
  archived?: 'yes';
  sort?: (typeof DOCUMENT_SORTS)[number];
  offset?: number;
  limit?: number;
};

const only = <T extends string>(values: string[] | undefined, allowed: readonly T[]): T[] | undefined => {
  const kept = (values ?? []).filter((v): v is T => (allowed as readonly string[]).includes(v));
  return kept.length ? kept : undefined;
};

export function parseDocumentSearch(raw: Record<string, unknown>): DocumentSearch {
  return compact({
    academic_year: parseAcademicYear(raw.academic_year),
    organization_id: str(raw.organization_id),
    type: only(strList(raw.type), DOCUMENT_TYPES),
    status: only(strList(raw.status), DOCUMENT_STATUSES),
    q: str(raw.q),
    archived: oneOf(raw.archived, ['yes'] as const),
    sort: oneOf(raw.sort, DOCUMENT_SORTS),
    offset: int(raw.offset),
    limit: int(raw.limit, { min: 1, max: 200 }),
  });
}

export function toDocumentQuery(s: DocumentSearch): DocumentQuery {
  const municipal = s.organization_id === MUNICIPALITY_LEVEL;
  return compact({
    academic_year: s.academic_year,
    organization_id: municipal ? undefined : s.organization_id,
    level: municipal ? ('municipality' as const) : undefined,
    type: s.type,
    status: s.status,
    q: s.q,
    include_archived: s.archived === 'yes' ? true : undefined,
    sort: s.sort ?? '-academic_year',
    limit: s.limit ?? DEFAULT_LIMIT,
    offset: s.offset ?? 0,
  });
}

export type ChecklistSearch = { academic_year?: string; organization_id?: string };

export function parseChecklistSearch(raw: Record<string, unknown>): ChecklistSearch {
  return compact({ academic_year: parseAcademicYear(raw.academic_year), organization_id: str(raw.organization_id) });
}
