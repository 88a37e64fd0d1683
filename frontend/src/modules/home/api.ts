/** Home page figures: teacher stats and the breakdown by organization. */
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api } from '../../api/client';
import { guard, unwrap } from '../../api/errors';
import type { ByOrganizationQuery } from '../../api/types';
import { teacherKeys } from '../teachers/api';

/** Home-page breakdown: counts per organization, most urgent first. */
export const statsByOrganizationQuery = (query: ByOrganizationQuery) =>
  queryOptions({
    queryKey: ['teachers', 'stats', 'by-organization', query],
    queryFn: () => guard(async () => unwrap(await api.GET('/api/v1/teachers/stats/by-organization', { params: { query } }))),
    placeholderData: keepPreviousData,
  });

export const teacherStatsQuery = (query: { municipality_id?: string; organization_id?: string }) =>
  queryOptions({
    queryKey: teacherKeys.stats(query),
    queryFn: () => guard(async () => unwrap(await api.GET('/api/v1/teachers/stats', { params: { query } }))),
  });
