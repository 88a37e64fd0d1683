/** Mentoring: query keys, the pairs list and the young-without-mentor list (with exports), writes with If-Match. */
import { keepPreviousData, type QueryClient, queryOptions } from '@tanstack/react-query';
import { api } from '../../api/client';
import { etagOf, guard, unwrap, type Versioned } from '../../api/errors';
import { toExportResult, type ExportFormat, type ExportResult } from '../../api/queries';
import { teacherKeys } from '../teachers/api';
import type { MentoringPairCreate, MentoringPairQuery, MentoringPairUpdate, YoungWithoutMentorQuery } from '../../api/types';

export const mentoringKeys = {
  all: ['mentoring'] as const,
  list: (q: MentoringPairQuery) => ['mentoring', 'list', q] as const,
  young: (q: YoungWithoutMentorQuery) => ['mentoring', 'young-without-mentor', q] as const,
};

/** After a write: the pairs and the young-without-mentor list (a new or finished pair moves a teacher in or out), and
 * the teachers' growth timelines that list pairs. */
export async function invalidateMentoring(queryClient: QueryClient) {
  await queryClient.invalidateQueries({ queryKey: mentoringKeys.all });
  await queryClient.invalidateQueries({ queryKey: [...teacherKeys.all, 'growth'] });
}

export const pairListQuery = (query: MentoringPairQuery) =>
  queryOptions({
    queryKey: mentoringKeys.list(query),
    queryFn: () => guard(async () => unwrap(await api.GET('/api/v1/mentoring-pairs', { params: { query } }))),
    placeholderData: keepPreviousData,
  });

export async function exportPairs(query: MentoringPairQuery, format: ExportFormat): Promise<ExportResult> {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { limit, offset, ...filters } = query;
  return guard(async () =>
    toExportResult(
      await api.GET('/api/v1/mentoring-pairs/export', { params: { query: { ...filters, format } }, parseAs: 'blob' }),
      `mentoring-pairs.${format}`,
    ),
  );
}

export async function createPair(body: MentoringPairCreate) {
  return guard(async () => unwrap(await api.POST('/api/v1/mentoring-pairs', { body })));
}

export async function updatePair(pair: Versioned, body: MentoringPairUpdate) {
  return guard(async () =>
    unwrap(
      await api.PATCH('/api/v1/mentoring-pairs/{mentoring_pair_id}', {
        params: { path: { mentoring_pair_id: pair.id }, header: { 'If-Match': etagOf(pair.version) } },
        body,
      }),
    ),
  );
}

export async function archivePair(pair: Versioned, reason: string) {
  return guard(async () =>
    unwrap(
      await api.POST('/api/v1/mentoring-pairs/{mentoring_pair_id}/archive', {
        params: { path: { mentoring_pair_id: pair.id }, header: { 'If-Match': etagOf(pair.version) } },
        body: { reason },
      }),
    ),
  );
}

export const youngWithoutMentorQuery = (query: YoungWithoutMentorQuery) =>
  queryOptions({
    queryKey: mentoringKeys.young(query),
    queryFn: () => guard(async () => unwrap(await api.GET('/api/v1/mentoring-pairs/young-without-mentor', { params: { query } }))),
    placeholderData: keepPreviousData,
  });

export async function exportYoungWithoutMentor(query: YoungWithoutMentorQuery, format: ExportFormat): Promise<ExportResult> {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { limit, offset, ...filters } = query;
  return guard(async () =>
    toExportResult(
      await api.GET('/api/v1/mentoring-pairs/young-without-mentor/export', { params: { query: { ...filters, format } }, parseAs: 'blob' }),
      `young-without-mentor.${format}`,
    ),
  );
}
