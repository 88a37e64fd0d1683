/** Teachers: query keys, list/card reads (card with ETag), export and writes with If-Match. */
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api } from '../../api/client';
import { etagOf, guard, unwrap, unwrapWithEtag, type Versioned } from '../../api/errors';
import type { TeacherCreate, TeacherQuery, TeacherUpdate } from '../../api/types';
import { filenameFrom, type ExportFormat, type ExportResult } from '../../api/queries';

export const teacherKeys = {
  all: ['teachers'] as const,
  list: (q: TeacherQuery) => ['teachers', 'list', q] as const,
  detail: (id: string) => ['teachers', 'detail', id] as const,
  stats: (q: { municipality_id?: string; organization_id?: string }) => ['teachers', 'stats', q] as const,
};

export const teacherListQuery = (query: TeacherQuery) =>
  queryOptions({
    queryKey: teacherKeys.list(query),
    queryFn: () => guard(async () => unwrap(await api.GET('/api/v1/teachers', { params: { query } }))),
    placeholderData: keepPreviousData,
  });

/** The teacher list with the same filters and order as on screen, as a file (GET /teachers/export). */
export async function exportTeachers(query: TeacherQuery, format: ExportFormat): Promise<ExportResult> {
  return guard(async () => {
    // eslint-disable-next-line @typescript-eslint/no-unused-vars
    const { limit, offset, ...filters } = query;
    const result = await api.GET('/api/v1/teachers/export', { params: { query: { ...filters, format } }, parseAs: 'blob' });
    const blob = unwrap(result) as unknown as Blob;
    if (result.response.status === 202) {
      const accepted = JSON.parse(await blob.text()) as { job_id: string };
      return { jobId: accepted.job_id };
    }
    return { blob, filename: filenameFrom(result.response.headers.get('Content-Disposition')) ?? `teachers.${format}` };
  });
}

export const teacherQuery = (id: string) =>
  queryOptions({
    queryKey: teacherKeys.detail(id),
    queryFn: () =>
      guard(async () => unwrapWithEtag(await api.GET('/api/v1/teachers/{teacher_id}', { params: { path: { teacher_id: id } } }))),
  });

export async function createTeacher(body: TeacherCreate) {
  return guard(async () => unwrap(await api.POST('/api/v1/teachers', { body })));
}

export async function updateTeacher(teacher: Versioned, body: TeacherUpdate) {
  return guard(async () =>
    unwrapWithEtag(
      await api.PATCH('/api/v1/teachers/{teacher_id}', {
        params: { path: { teacher_id: teacher.id }, header: { 'If-Match': etagOf(teacher.version) } },
        body,
      }),
    ),
  );
}

export async function archiveTeacher(teacher: Versioned, reason: string) {
  return guard(async () =>
    unwrap(
      await api.POST('/api/v1/teachers/{teacher_id}/archive', {
        params: { path: { teacher_id: teacher.id }, header: { 'If-Match': etagOf(teacher.version) } },
        body: { reason },
      }),
    ),
  );
}

export const teacherGrowthKey = (id: string) => ['teachers', 'growth', id] as const;

/** The teacher's growth by academic year (events, courses, attestation, mentoring, awards, practices, methodological
 * associations, help received) — GET /teachers/{id}/growth. */
export const teacherGrowthQuery = (id: string) =>
  queryOptions({
    queryKey: teacherGrowthKey(id),
    queryFn: () =>
      guard(async () => unwrap(await api.GET('/api/v1/teachers/{teacher_id}/growth', { params: { path: { teacher_id: id } } }))),
  });

/** The one-page portfolio (DOCX). */
export async function downloadPortfolio(id: string): Promise<{ blob: Blob; filename: string }> {
  return guard(async () => {
    const result = await api.GET('/api/v1/teachers/{teacher_id}/portfolio', {
      params: { path: { teacher_id: id } },
      parseAs: 'blob',
    });
    const blob = unwrap(result) as unknown as Blob;
    return { blob, filename: filenameFrom(result.response.headers.get('Content-Disposition')) ?? 'portfolio.docx' };
  });
}
