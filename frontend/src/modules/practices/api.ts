/** Practice bank: query keys, the list (search, filters, export), the card, writes and workflow actions with If-Match,
 * the experts to choose from and the municipality's review criteria. */
import { keepPreviousData, type QueryClient, queryOptions } from '@tanstack/react-query';
import { api } from '../../api/client';
import { etagOf, guard, unwrap, type Versioned } from '../../api/errors';
import { filenameFrom, toExportResult, type ExportFormat, type ExportResult } from '../../api/queries';
import type { PracticeCreate, PracticeQuery, PracticeReviewCreate, PracticeUpdate } from '../../api/types';

export const practiceKeys = {
  all: ['practices'] as const,
  list: (q: PracticeQuery) => ['practices', 'list', q] as const,
  one: (id: string) => ['practices', 'one', id] as const,
  candidates: (id: string) => ['practices', 'candidates', id] as const,
  criteria: ['practices', 'criteria'] as const,
};

export async function invalidatePractices(queryClient: QueryClient) {
  await queryClient.invalidateQueries({ queryKey: practiceKeys.all });
}

export const practiceListQuery = (query: PracticeQuery) =>
  queryOptions({
    queryKey: practiceKeys.list(query),
    queryFn: () => guard(async () => unwrap(await api.GET('/api/v1/practices', { params: { query } }))),
    placeholderData: keepPreviousData,
  });

export const practiceQuery = (id: string) =>
  queryOptions({
    queryKey: practiceKeys.one(id),
    queryFn: () =>
      guard(async () => unwrap(await api.GET('/api/v1/practices/{practice_id}', { params: { path: { practice_id: id } } }))),
  });

export const reviewerCandidatesQuery = (id: string) =>
  queryOptions({
    queryKey: practiceKeys.candidates(id),
    queryFn: () =>
      guard(async () =>
        unwrap(await api.GET('/api/v1/practices/{practice_id}/reviewer-candidates', { params: { path: { practice_id: id } } })),
      ),
  });

export const criteriaQuery = queryOptions({
  queryKey: practiceKeys.criteria,
  queryFn: () => guard(async () => unwrap(await api.GET('/api/v1/practice-criteria'))),
});

export async function exportPractices(query: PracticeQuery, format: ExportFormat): Promise<ExportResult> {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { limit, offset, ...filters } = query;
  return guard(async () =>
    toExportResult(
      await api.GET('/api/v1/practices/export', { params: { query: { ...filters, format } }, parseAs: 'blob' }),
      `practices.${format}`,
    ),
  );
}

export async function createPractice(body: PracticeCreate) {
  return guard(async () => unwrap(await api.POST('/api/v1/practices', { body })));
}

const path = (p: Versioned) => ({ path: { practice_id: p.id }, header: { 'If-Match': etagOf(p.version) } });

export async function updatePractice(p: Versioned, body: PracticeUpdate) {
  return guard(async () => unwrap(await api.PATCH('/api/v1/practices/{practice_id}', { params: path(p), body })));
}

export async function archivePractice(p: Versioned, reason: string) {
  return guard(async () => unwrap(await api.POST('/api/v1/practices/{practice_id}/archive', { params: path(p), body: { reason } })));
}

export async function submitPractice(p: Versioned) {
  return guard(async () => unwrap(await api.POST('/api/v1/practices/{practice_id}/submit', { params: path(p), body: {} })));
}

export async function startReview(p: Versioned, reviewerIds: string[]) {
  return guard(async () =>
    unwrap(await api.POST('/api/v1/practices/{practice_id}/start-review', { params: path(p), body: { reviewer_ids: reviewerIds } })),
  );
}

export async function reviewPractice(p: Versioned, body: PracticeReviewCreate) {
  return guard(async () => unwrap(await api.POST('/api/v1/practices/{practice_id}/reviews', { params: path(p), body })));
}

export async function publishPractice(p: Versioned) {
  return guard(async () => unwrap(await api.POST('/api/v1/practices/{practice_id}/publish', { params: path(p), body: {} })));
}

export async function returnPractice(p: Versioned, comment: string) {
  return guard(async () => unwrap(await api.POST('/api/v1/practices/{practice_id}/return', { params: path(p), body: { comment } })));
}

export async function createCriterion(body: { code: string; name: string; max_score: number; sort_order: number }) {
  return guard(async () => unwrap(await api.POST('/api/v1/practice-criteria', { body })));
}

export async function updateCriterion(
  c: Versioned,
  body: { name?: string; max_score?: number; sort_order?: number; is_active?: boolean },
) {
  return guard(async () =>
    unwrap(
      await api.PATCH('/api/v1/practice-criteria/{criterion_id}', {
        params: { path: { criterion_id: c.id }, header: { 'If-Match': etagOf(c.version) } },
        body,
      }),
    ),
  );
}

/** An author's talks (participations as a speaker) the caller may see: what a practice can be linked to. */
export const speakerParticipationsQuery = (teacherId: string) =>
  queryOptions({
    queryKey: ['practices', 'speaker-participations', teacherId],
    queryFn: () =>
      guard(async () =>
        unwrap(await api.GET('/api/v1/participations', { params: { query: { teacher_id: teacherId, role: ['speaker'], limit: 100 } } })),
      ),
    staleTime: 60_000,
  });

/** Uploads a material's file (POST /files, multipart, into the practice's organization); the practice links it by id. */
export async function uploadMaterial(file: File, organizationId: string | null) {
  return guard(async () => {
    const form = new FormData();
    form.append('file', file, file.name);
    if (organizationId) form.append('organization_id', organizationId);
    return unwrap(await api.POST('/api/v1/files', { body: { file: file as unknown as string }, bodySerializer: () => form }));
  });
}

/** A material's file, for anyone who reads the practice (a teacher too, without the right to browse files). */
export async function downloadPracticeMaterial(materialId: string): Promise<{ blob: Blob; filename: string }> {
  return guard(async () => {
    const result = await api.GET('/api/v1/practice-materials/{practice_material_id}/content', {
      params: { path: { practice_material_id: materialId } },
      parseAs: 'blob',
    });
    const blob = unwrap(result) as unknown as Blob;
    return { blob, filename: filenameFrom(result.response.headers.get('Content-Disposition')) ?? 'material' };
  });
}
