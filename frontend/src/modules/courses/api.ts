/** Courses: query keys, the list and the PD window (with their exports), writes with If-Match, the providers' lists import. */
import { keepPreviousData, type QueryClient, queryOptions } from '@tanstack/react-query';
import { api } from '../../api/client';
import { etagOf, guard, unwrap, type Versioned } from '../../api/errors';
import { toExportResult, type ExportFormat, type ExportResult } from '../../api/queries';
import { teacherKeys } from '../teachers/api';
import type { CourseCreate, CourseImportReport, CourseQuery, CourseUpdate, PdWindowQuery } from '../../api/types';

export const courseKeys = {
  all: ['courses'] as const,
  list: (q: CourseQuery) => ['courses', 'list', q] as const,
  pdWindow: (q: PdWindowQuery) => ['courses', 'pd-window', q] as const,
};

/** After a write: the lists and the PD window (a new or archived course moves teachers in or out of it), and the
 * teachers' growth timelines that list courses. */
export async function invalidateCourses(queryClient: QueryClient) {
  await queryClient.invalidateQueries({ queryKey: courseKeys.all });
  await queryClient.invalidateQueries({ queryKey: [...teacherKeys.all, 'growth'] });
}

export const courseListQuery = (query: CourseQuery) =>
  queryOptions({
    queryKey: courseKeys.list(query),
    queryFn: () => guard(async () => unwrap(await api.GET('/api/v1/courses', { params: { query } }))),
    placeholderData: keepPreviousData,
  });

/** The list with the filters and order on screen, as a file. */
export async function exportCourses(query: CourseQuery, format: ExportFormat): Promise<ExportResult> {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { limit, offset, ...filters } = query;
  return guard(async () =>
    toExportResult(
      await api.GET('/api/v1/courses/export', { params: { query: { ...filters, format } }, parseAs: 'blob' }),
      `courses.${format}`,
    ),
  );
}

export async function createCourse(body: CourseCreate) {
  return guard(async () => unwrap(await api.POST('/api/v1/courses', { body })));
}

/** Saves with the ETag of the version on screen (412 if someone changed it meanwhile, 428 never: always sent). */
export async function updateCourse(course: Versioned, body: CourseUpdate) {
  return guard(async () =>
    unwrap(
      await api.PATCH('/api/v1/courses/{course_id}', {
        params: { path: { course_id: course.id }, header: { 'If-Match': etagOf(course.version) } },
        body,
      }),
    ),
  );
}

export async function archiveCourse(course: Versioned, reason: string) {
  return guard(async () =>
    unwrap(
      await api.POST('/api/v1/courses/{course_id}/archive', {
        params: { path: { course_id: course.id }, header: { 'If-Match': etagOf(course.version) } },
        body: { reason },
      }),
    ),
  );
}

export const pdWindowQuery = (query: PdWindowQuery) =>
  queryOptions({
    queryKey: courseKeys.pdWindow(query),
    queryFn: () => guard(async () => unwrap(await api.GET('/api/v1/courses/pd-window', { params: { query } }))),
    placeholderData: keepPreviousData,
  });

export async function exportPdWindow(query: PdWindowQuery, format: ExportFormat): Promise<ExportResult> {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { limit, offset, ...filters } = query;
  return guard(async () =>
    toExportResult(
      await api.GET('/api/v1/courses/pd-window/export', { params: { query: { ...filters, format } }, parseAs: 'blob' }),
      `pd-window.${format}`,
    ),
  );
}

export type CourseImportArgs = {
  file: File;
  organizationId?: string | null;
  municipalityId?: string | null;
  providerOrganizationId?: string | null;
  providerName?: string | null;
  providerStateOwned?: boolean | null;
  dryRun: boolean;
  skipInvalid?: boolean;
};

/** The multipart form of POST /courses/import: only what is set is sent. */
export function courseImportForm(args: CourseImportArgs): FormData {
  const form = new FormData();
  form.append('file', args.file, args.file.name);
  const fields: Record<string, string | null | undefined> = {
    organization_id: args.organizationId,
    municipality_id: args.organizationId ? null : args.municipalityId,
    provider_organization_id: args.providerOrganizationId,
    provider_name: args.providerOrganizationId ? null : args.providerName?.trim() || null,
    provider_state_owned:
      args.providerOrganizationId || args.providerStateOwned === null || args.providerStateOwned === undefined
        ? null
        : String(args.providerStateOwned),
    dry_run: String(args.dryRun),
    skip_invalid: String(args.skipInvalid ?? false),
  };
  for (const [key, value] of Object.entries(fields)) if (value) form.append(key, value);
  return form;
}

/** POST /courses/import. A rejected apply (422 `import_has_errors`) carries the report in the problem body. */
export async function importCourses(args: CourseImportArgs): Promise<CourseImportReport> {
  return guard(async () =>
    unwrap(
      await api.POST('/api/v1/courses/import', {
        body: { file: args.file as unknown as string, dry_run: args.dryRun, skip_invalid: args.skipInvalid ?? false },
        bodySerializer: () => courseImportForm(args),
      }),
    ),
  );
}
