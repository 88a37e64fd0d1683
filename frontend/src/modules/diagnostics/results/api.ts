/** Diagnostics results: query keys, the campaigns to pick from, corporate deficits, the drill-down to teachers, the
 * re-diagnosis comparison, and the campaign's report (DOCX) and results (XLSX) as files. */
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api } from '../../../api/client';
import { guard, unwrap } from '../../../api/errors';
import { filenameFrom } from '../../../api/queries';
import type { components, operations } from '../../../api/schema';

type S = components['schemas'];
export type Campaign = S['CampaignRead'];
export type CorporateDeficits = S['CorporateDeficits'];
export type CorporateGroup = S['CorporateGroup'];
export type AreaBands = S['AreaBands'];
export type CorporateTeacher = S['CorporateTeacher'];
export type Comparison = S['Comparison'];
export type AreaChange = S['AreaChange'];
export type ComparisonTeacher = S['ComparisonTeacher'];
export type GroupBy = CorporateDeficits['group_by'];
export type Band = 'deficit' | 'partial' | 'none';
export type DrillDownQuery = NonNullable<operations['list_corporate_deficit_teachers']['parameters']['query']>;
export type ComparisonQuery = NonNullable<operations['get_deficit_comparison']['parameters']['query']>;

export const resultsKeys = {
  all: ['diagnostics-results'] as const,
  campaigns: ['diagnostics-results', 'campaigns'] as const,
  corporate: (campaignId: string, groupBy: GroupBy) => ['diagnostics-results', 'corporate', campaignId, groupBy] as const,
  teachers: (q: DrillDownQuery) => ['diagnostics-results', 'teachers', q] as const,
  comparison: (q: ComparisonQuery) => ['diagnostics-results', 'comparison', q] as const,
};

/** The municipality's campaigns (newest window first), without the topic surveys: they have no bands. */
export const campaignsQuery = queryOptions({
  queryKey: resultsKeys.campaigns,
  queryFn: () =>
    guard(async () => {
      const page = unwrap(await api.GET('/api/v1/campaigns', { params: { query: { limit: 200 } } }));
      return page.items.filter((c) => c.instrument_kind !== 'topic_survey');
    }),
  staleTime: 60_000,
});

export const corporateQuery = (campaignId: string | null, groupBy: GroupBy) =>
  queryOptions({
    queryKey: resultsKeys.corporate(campaignId ?? '', groupBy),
    queryFn: () =>
      guard(async () =>
        unwrap(await api.GET('/api/v1/corporate-deficits', { params: { query: { campaign_id: campaignId ?? '', group_by: groupBy } } })),
      ),
    enabled: Boolean(campaignId),
    placeholderData: keepPreviousData,
  });

export const drillDownQuery = (query: DrillDownQuery) =>
  queryOptions({
    queryKey: resultsKeys.teachers(query),
    queryFn: () => guard(async () => unwrap(await api.GET('/api/v1/corporate-deficits/teachers', { params: { query } }))),
    placeholderData: keepPreviousData,
  });

export const comparisonQuery = (query: ComparisonQuery, enabled: boolean) =>
  queryOptions({
    queryKey: resultsKeys.comparison(query),
    queryFn: () => guard(async () => unwrap(await api.GET('/api/v1/corporate-deficits/comparison', { params: { query } }))),
    enabled,
    placeholderData: keepPreviousData,
  });

/** The campaign's analytical report, with its Russian file name. */
export async function downloadReport(campaignId: string): Promise<{ blob: Blob; filename: string }> {
  return guard(async () => {
    const result = await api.GET('/api/v1/campaigns/{campaign_id}/report.docx', {
      params: { path: { campaign_id: campaignId } },
      parseAs: 'blob',
    });
    const blob = unwrap(result) as unknown as Blob;
    return { blob, filename: filenameFrom(result.response.headers.get('Content-Disposition')) ?? 'campaign-report.docx' };
  });
}

/** The campaign's results, one sheet per level. */
export async function downloadResults(campaignId: string): Promise<{ blob: Blob; filename: string }> {
  return guard(async () => {
    const result = await api.GET('/api/v1/campaigns/{campaign_id}/results.xlsx', {
      params: { path: { campaign_id: campaignId } },
      parseAs: 'blob',
    });
    const blob = unwrap(result) as unknown as Blob;
    return { blob, filename: filenameFrom(result.response.headers.get('Content-Disposition')) ?? 'campaign-results.xlsx' };
  });
}
