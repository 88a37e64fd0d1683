/** The snapshots list's address: period, state, municipality, paging. */
import { parseAcademicYear } from '../../lib/periods';
import { compact, int, oneOf, str } from '../../lib/search';

export const SNAPSHOT_STATUSES = ['draft', 'submitted', 'approved', 'returned', 'superseded'] as const;
export const SNAPSHOT_COLORS: Record<string, string> = { draft: 'gray', submitted: 'blue', approved: 'green', returned: 'orange', superseded: 'gray', discarded: 'gray' };

export type SnapshotSearch = { period?: string; status?: (typeof SNAPSHOT_STATUSES)[number]; municipality_id?: string; offset?: number };

export function parseSnapshotSearch(raw: Record<string, unknown>): SnapshotSearch {
  return compact({
    period: parseAcademicYear(raw.period),
    status: oneOf(raw.status, SNAPSHOT_STATUSES),
    municipality_id: str(raw.municipality_id),
    offset: int(raw.offset),
  });
}

