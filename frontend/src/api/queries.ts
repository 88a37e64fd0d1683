/**
 * Shared reads: the session's user, reference dictionaries and pickers' lookups.
 * Each module keeps its own query keys, reads and writes in modules/<module>/api.ts.
 */
import { queryOptions } from '@tanstack/react-query';
import { api } from './client';
import { guard, unwrap } from './errors';
import type { DictionaryItem } from './types';

const FOREVER = Number.POSITIVE_INFINITY;

export const meQuery = queryOptions({
  queryKey: ['me'],
  queryFn: () => guard(async () => unwrap(await api.GET('/api/v1/auth/me'))),
  staleTime: 5 * 60_000,
  retry: false,
});

export type DictionaryKind = 'organizationTypes' | 'positions' | 'subjects' | 'categories' | 'competenceAreas' | 'eventLevels';

async function fetchDictionary(kind: DictionaryKind): Promise<DictionaryItem[]> {
  switch (kind) {
    case 'organizationTypes':
      return unwrap(await api.GET('/api/v1/reference/organization-types')).items;
    case 'positions':
      return unwrap(await api.GET('/api/v1/reference/positions')).items;
    case 'subjects':
      return unwrap(await api.GET('/api/v1/reference/subjects')).items;
    case 'categories':
      return unwrap(await api.GET('/api/v1/reference/qualification-categories')).items;
    case 'competenceAreas':
      return unwrap(await api.GET('/api/v1/reference/competence-areas')).items;
    case 'eventLevels':
      return unwrap(await api.GET('/api/v1/reference/event-levels')).items;
  }
}

export const dictionaryQuery = (kind: DictionaryKind) =>
  queryOptions({
    queryKey: ['reference', kind],
    queryFn: () => guard(() => fetchDictionary(kind)),
    staleTime: FOREVER,
  });

export const municipalitiesQuery = queryOptions({
  queryKey: ['municipalities'],
  queryFn: () =>
    guard(async () => unwrap(await api.GET('/api/v1/municipalities', { params: { query: { limit: 200 } } })).items),
  staleTime: 10 * 60_000,
});

/** All visible organizations for pickers (the API caps a page at 200). */
export const organizationOptionsQuery = queryOptions({
  queryKey: ['organizations', 'options'],
  queryFn: () =>
    guard(
      async () =>
        unwrap(await api.GET('/api/v1/organizations', { params: { query: { limit: 200, sort: 'short_name' } } })).items,
    ),
  staleTime: 5 * 60_000,
});

export type ExportFormat = 'xlsx' | 'csv';

/** A file at once, or (a large list, 202) the background job that makes it. */
export type ExportResult = { blob: Blob; filename: string } | { jobId: string };

/** The Russian file name from `filename*=UTF-8''…` (RFC 6266), else the plain `filename`. */
export function filenameFrom(disposition: string | null): string | null {
  if (!disposition) return null;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star?.[1]) return decodeURIComponent(star[1]);
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain?.[1] ?? null;
}

/** An export's answer (asked with `parseAs: 'blob'`) as the file with its Russian name, or the job of a 202. */
export async function toExportResult(
  result: { data?: unknown; error?: unknown; response: Response },
  fallbackName: string,
): Promise<ExportResult> {
  const blob = unwrap(result) as Blob;
  if (result.response.status === 202) {
    const accepted = JSON.parse(await blob.text()) as { job_id: string };
    return { jobId: accepted.job_id };
  }
  return { blob, filename: filenameFrom(result.response.headers.get('Content-Disposition')) ?? fallbackName };
}
