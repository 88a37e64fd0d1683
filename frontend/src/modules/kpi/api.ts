/** KPIs: query keys, passports and measures, the values table (cards, trend, breakdown, export), the teachers behind
 * a value, and the indicator editor's writes and live preview. */
import { keepPreviousData, type QueryClient, queryOptions } from '@tanstack/react-query';
import { api } from '../../api/client';
import { guard, unwrap } from '../../api/errors';
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
    // The page carries the limit and offset it was asked with (ListView pages by them).
    queryFn: () =>
      guard(async () => ({
        ...unwrap(await api.GET('/api/v1/kpi/drilldown', { params: { query } })),
        limit: query.limit ?? 50,
        offset: query.offset ?? 0,
      })),
    placeholderData: keepPreviousData,
  });

export async function createIndicator(body: IndicatorCreate) {
  return guard(async () => unwrap(await api.POST('/api/v1/kpi/indicators', { body })));
}

/** The editor's live preview: an unsaved definition computed for a period (nothing stored). */
export async function previewIndicator(body: IndicatorPreview, signal?: AbortSignal) {
  return guard(async () => unwrap(await api.POST('/api/v1/kpi/indicators/preview', { body, signal })));
}
