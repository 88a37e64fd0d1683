/** KPIs: query keys, passports and measures, the values table (cards, trend, breakdown, export), the teachers behind
 * a value, and the indicator editor's writes and live preview. */
import { keepPreviousData, type QueryClient, queryOptions } from '@tanstack/react-query';
import { api } from '../../api/client';
import { etagOf, guard, unwrap, type Versioned } from '../../api/errors';
import { toExportResult, type ExportFormat, type ExportResult } from '../../api/queries';
import type { components, operations } from '../../api/schema';

type S = components['schemas'];
export type Indicator = S['IndicatorRead'];
export type Measure = S['MeasureRead'];
export type KpiValues = S['KpiValues'];
export type KpiValueRow = S['KpiValueRow'];
export type KpiDrilldown = S['KpiDrilldown'];
export type IndicatorCreate = S['IndicatorCreate'];
export type IndicatorPreview = S['IndicatorPreview'];
export type ValuesQuery = NonNullable<operations['get_kpi_values']['parameters']['query']>;
/** A teacher or a record counted in a value. */
export type DrilldownRow = { key: string; teacherId: string | null; title: string; on: string | null; organization: string | null | undefined };
export type DrilldownQuery = NonNullable<operations['get_kpi_drilldown']['parameters']['query']>;

export const kpiKeys = {
  all: ['kpi'] as const,
  indicators: ['kpi', 'indicators'] as const,
  measures: ['kpi', 'measures'] as const,
  values: (q: ValuesQuery) => ['kpi', 'values', q] as const,
  drilldown: (q: DrilldownQuery) => ['kpi', 'drilldown', q] as const,
  preview: (body: unknown) => ['kpi', 'preview', body] as const,
};

export async function invalidateKpi(queryClient: QueryClient) {
  await queryClient.invalidateQueries({ queryKey: kpiKeys.all });
}

/** Every passport the caller may use (a few dozen: one page of 200). */
export const indicatorsQuery = queryOptions({
  queryKey: kpiKeys.indicators,
  queryFn: () => guard(async () => unwrap(await api.GET('/api/v1/kpi/indicators', { params: { query: { limit: 200, sort: 'code' } } }))),
  staleTime: 60_000,
});

export const measuresQuery = queryOptions({
  queryKey: kpiKeys.measures,
  queryFn: () => guard(async () => unwrap(await api.GET('/api/v1/kpi/measures')).items),
  staleTime: 10 * 60_000,
});

export const valuesQuery = (query: ValuesQuery, enabled = true) =>
  queryOptions({
    queryKey: kpiKeys.values(query),
    queryFn: () => guard(async () => unwrap(await api.GET('/api/v1/kpi/values', { params: { query } })) as KpiValues),
    placeholderData: keepPreviousData,
    enabled: enabled && Boolean(query.indicators),
  });

/** The values table as a file (`format=csv|xlsx`) with the caller's token, as every export. */
export async function exportValues(query: ValuesQuery, format: ExportFormat): Promise<ExportResult> {
  return guard(async () =>
    toExportResult(
      await api.GET('/api/v1/kpi/values', { params: { query: { ...query, format } }, parseAs: 'blob' }),
      `kpi-values.${format}`,
    ),
  );
}

export const drilldownQuery = (query: DrilldownQuery) =>
  queryOptions({
    queryKey: kpiKeys.drilldown(query),
    // One list of what was counted — teachers (indicators of teachers) or records (documents, meetings, events,
    // practices) — with the limit and offset it was asked with (ListView pages by them).
    queryFn: () =>
      guard(async () => {
        const data = unwrap(await api.GET('/api/v1/kpi/drilldown', { params: { query } }));
        const rows: DrilldownRow[] = [
          ...data.items.map((x) => ({ key: x.teacher_id, teacherId: x.teacher_id, title: x.full_name, on: null, organization: x.organization_name })),
          ...(data.records ?? []).map((x) => ({ key: x.record_id, teacherId: null, title: x.title, on: x.on ?? null, organization: x.organization_name })),
        ];
        return { items: rows, total: data.total, explain: data.explain, limit: query.limit ?? 50, offset: query.offset ?? 0 };
      }),
    placeholderData: keepPreviousData,
  });

export async function createIndicator(body: IndicatorCreate) {
  return guard(async () => unwrap(await api.POST('/api/v1/kpi/indicators', { body })));
}

/** The editor's live preview: an unsaved definition computed for a period (nothing stored). */
export async function previewIndicator(body: IndicatorPreview, signal?: AbortSignal) {
  return guard(async () => unwrap(await api.POST('/api/v1/kpi/indicators/preview', { body, signal })));
}

// --- the municipality's set and targets --------------------------------------------------------------------------

export type KpiSelection = S['KpiSelectionRead'];
export type KpiTargets = S['KpiTargetsRead'];
export type Snapshot = S['KpiSnapshotRead'];
export type SnapshotDetail = S['KpiSnapshotDetail'];
export type SnapshotQuery = NonNullable<operations['list_kpi_snapshots']['parameters']['query']>;
export type SnapshotAction = Snapshot['actions'][number];

export const selectionQuery = (municipalityId: string | undefined) =>
  queryOptions({
    queryKey: ['kpi', 'selection', municipalityId ?? null] as const,
    queryFn: () => guard(async () => unwrap(await api.GET('/api/v1/kpi/selection', { params: { query: { municipality_id: municipalityId } } }))),
    enabled: Boolean(municipalityId),
    staleTime: 60_000,
  });

export async function saveSelection(current: KpiSelection, codes: string[]) {
  return guard(async () =>
    unwrap(
      await api.PUT('/api/v1/kpi/selection', {
        params: { header: { 'If-Match': etagOf(current.version) } },
        body: { municipality_id: current.municipality_id, codes },
      }),
    ),
  );
}

export const targetsQuery = (municipalityId: string | undefined, period: string) =>
  queryOptions({
    queryKey: ['kpi', 'targets', municipalityId ?? null, period] as const,
    queryFn: () => guard(async () => unwrap(await api.GET('/api/v1/kpi/targets', { params: { query: { municipality_id: municipalityId, period } } }))),
    enabled: Boolean(municipalityId),
  });

export async function saveTargets(municipalityId: string, period: string, items: { code: string; target: number | null }[]) {
  return guard(async () => unwrap(await api.PUT('/api/v1/kpi/targets', { body: { municipality_id: municipalityId, period, items } })));
}

// --- snapshots -----------------------------------------------------------------------------------------------------

export const snapshotListQuery = (query: SnapshotQuery) =>
  queryOptions({
    queryKey: ['kpi', 'snapshots', query] as const,
    queryFn: () => guard(async () => unwrap(await api.GET('/api/v1/kpi/snapshots', { params: { query } }))),
    placeholderData: keepPreviousData,
  });

export const snapshotQuery = (id: string) =>
  queryOptions({
    queryKey: ['kpi', 'snapshots', 'one', id] as const,
    queryFn: () => guard(async () => unwrap(await api.GET('/api/v1/kpi/snapshots/{snapshot_id}', { params: { path: { snapshot_id: id } } }))),
  });

export async function createSnapshot(municipalityId: string, period: string) {
  return guard(async () => unwrap(await api.POST('/api/v1/kpi/snapshots', { body: { municipality_id: municipalityId, period } })));
}

/** A step of the snapshot's way, from the version the screen shows (If-Match). */
export async function snapshotStep(snapshot: Versioned, action: SnapshotAction, comment?: string) {
  const params = { path: { snapshot_id: snapshot.id }, header: { 'If-Match': etagOf(snapshot.version) } };
  return guard(async () => {
    switch (action) {
      case 'submit':
        return unwrap(await api.POST('/api/v1/kpi/snapshots/{snapshot_id}/submit', { params }));
      case 'approve':
        return unwrap(await api.POST('/api/v1/kpi/snapshots/{snapshot_id}/approve', { params }));
      case 'return':
        return unwrap(await api.POST('/api/v1/kpi/snapshots/{snapshot_id}/return', { params, body: { comment: comment ?? '' } }));
      case 'discard':
        return unwrap(await api.POST('/api/v1/kpi/snapshots/{snapshot_id}/discard', { params }));
    }
  });
}
