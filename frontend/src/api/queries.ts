/**
 * Query keys, query options and write calls for every resource the SPA uses.
 * Reads that feed edit forms keep the ETag so writes can send If-Match.
 */
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api } from './client';
import { guard, unwrap, unwrapWithEtag } from './errors';
import type { components, operations } from './schema';

export type Schemas = components['schemas'];
export type Organization = Schemas['OrganizationRead'];
export type OrganizationUpdate = Schemas['OrganizationUpdate'];
export type OrganizationCreate = Schemas['OrganizationCreate'];
export type Teacher = Schemas['TeacherRead'];
export type TeacherListItem = Schemas['TeacherListItem'];
export type TeacherCreate = Schemas['TeacherCreate'];
export type TeacherUpdate = Schemas['TeacherUpdate'];
export type TeacherStats = Schemas['TeacherStats'];
export type ImportReport = Schemas['ImportReport'];
export type UserRead = Schemas['UserRead'];
export type UserCreate = Schemas['UserCreate'];
export type UserUpdate = Schemas['UserUpdate'];
export type ClientUpdate = Schemas['ClientUpdate'];
export type ClientRead = Schemas['ClientRead'];
export type ClientCreate = Schemas['ClientCreate'];
export type ClientWithSecret = Schemas['ClientWithSecret'];
export type AuditEvent = Schemas['AuditEventRead'];
export type Municipality = Schemas['MunicipalityRead'];
export type DictionaryItem = { code: string; name: string };

export type OrganizationQuery = NonNullable<operations['list_organizations']['parameters']['query']>;
export type TeacherQuery = NonNullable<operations['list_teachers']['parameters']['query']>;
export type UserQuery = NonNullable<operations['list_users']['parameters']['query']>;
export type AuditQuery = NonNullable<operations['list_audit_events']['parameters']['query']>;

const FOREVER = Number.POSITIVE_INFINITY;

// --- session ---------------------------------------------------------------------------

export const meQuery = queryOptions({
  queryKey: ['me'],
  queryFn: () => guard(async () => unwrap(await api.GET('/api/v1/auth/me'))),
  staleTime: 5 * 60_000,
  retry: false,
});

// --- reference dictionaries ------------------------------------------------------------

export type DictionaryKind = 'organizationTypes' | 'positions' | 'subjects' | 'categories';

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

export type MunicipalityUpdate = Schemas['MunicipalityUpdate'];

/** One municipality with its ETag (settings form, If-Match on save). */
export const municipalityQuery = (id: string) =>
  queryOptions({
    queryKey: ['municipalities', 'detail', id],
    queryFn: () =>
      guard(async () =>
        unwrapWithEtag(await api.GET('/api/v1/municipalities/{municipality_id}', { params: { path: { municipality_id: id } } })),
      ),
  });

export async function updateMunicipality(id: string, etag: string | null, body: MunicipalityUpdate) {
  return guard(async () =>
    unwrapWithEtag(
      await api.PATCH('/api/v1/municipalities/{municipality_id}', {
        params: { path: { municipality_id: id }, header: { 'If-Match': etag ?? undefined } },
        body,
      }),
    ),
  );
}

// --- organizations ---------------------------------------------------------------------

export const organizationKeys = {
  all: ['organizations'] as const,
  list: (q: OrganizationQuery) => ['organizations', 'list', q] as const,
  detail: (id: string) => ['organizations', 'detail', id] as const,
};

export const organizationListQuery = (query: OrganizationQuery) =>
  queryOptions({
    queryKey: organizationKeys.list(query),
    queryFn: () => guard(async () => unwrap(await api.GET('/api/v1/organizations', { params: { query } }))),
    placeholderData: keepPreviousData,
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

export const organizationQuery = (id: string) =>
  queryOptions({
    queryKey: organizationKeys.detail(id),
    queryFn: () =>
      guard(async () =>
        unwrapWithEtag(await api.GET('/api/v1/organizations/{organization_id}', { params: { path: { organization_id: id } } })),
      ),
  });

export async function updateOrganization(id: string, etag: string | null, body: OrganizationUpdate) {
  return guard(async () =>
    unwrapWithEtag(
      await api.PATCH('/api/v1/organizations/{organization_id}', {
        params: { path: { organization_id: id }, header: { 'If-Match': etag ?? undefined } },
        body,
      }),
    ),
  );
}

export async function createOrganization(body: OrganizationCreate) {
  return guard(async () => unwrap(await api.POST('/api/v1/organizations', { body })));
}

export async function archiveOrganization(id: string, etag: string | null, reason: string) {
  return guard(async () =>
    unwrap(
      await api.POST('/api/v1/organizations/{organization_id}/archive', {
        params: { path: { organization_id: id }, header: { 'If-Match': etag ?? undefined } },
        body: { reason },
      }),
    ),
  );
}

// --- teachers --------------------------------------------------------------------------

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

export type ExportFormat = 'xlsx' | 'csv';

/** A file at once, or (a large list, 202) the background job that makes it. */
export type ExportResult = { blob: Blob; filename: string } | { jobId: string };

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

/** An HR sheet to fill in: the recognised columns, an example row and the allowed values. */
export async function downloadImportTemplate(): Promise<{ blob: Blob; filename: string }> {
  return guard(async () => {
    const result = await api.GET('/api/v1/teachers/import/template', { params: { query: { format: 'xlsx' } }, parseAs: 'blob' });
    const blob = unwrap(result) as unknown as Blob;
    return { blob, filename: filenameFrom(result.response.headers.get('Content-Disposition')) ?? 'template.xlsx' };
  });
}

/** The Russian file name from `filename*=UTF-8''…` (RFC 6266), else the plain `filename`. */
export function filenameFrom(disposition: string | null): string | null {
  if (!disposition) return null;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star?.[1]) return decodeURIComponent(star[1]);
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain?.[1] ?? null;
}

export type OrganizationTeacherStats = Schemas['OrganizationTeacherStats'];
export type ByOrganizationQuery = NonNullable<operations['teacher_stats_by_organization']['parameters']['query']>;

/** Home-page breakdown: counts per organization, most urgent first. */
export const statsByOrganizationQuery = (query: ByOrganizationQuery) =>
  queryOptions({
    queryKey: ['teachers', 'stats', 'by-organization', query],
    queryFn: () => guard(async () => unwrap(await api.GET('/api/v1/teachers/stats/by-organization', { params: { query } }))),
    placeholderData: keepPreviousData,
  });

export const teacherQuery = (id: string) =>
  queryOptions({
    queryKey: teacherKeys.detail(id),
    queryFn: () =>
      guard(async () => unwrapWithEtag(await api.GET('/api/v1/teachers/{teacher_id}', { params: { path: { teacher_id: id } } }))),
  });

export const teacherStatsQuery = (query: { municipality_id?: string; organization_id?: string }) =>
  queryOptions({
    queryKey: teacherKeys.stats(query),
    queryFn: () => guard(async () => unwrap(await api.GET('/api/v1/teachers/stats', { params: { query } }))),
  });

export async function createTeacher(body: TeacherCreate) {
  return guard(async () => unwrap(await api.POST('/api/v1/teachers', { body })));
}

export async function updateTeacher(id: string, etag: string | null, body: TeacherUpdate) {
  return guard(async () =>
    unwrapWithEtag(
      await api.PATCH('/api/v1/teachers/{teacher_id}', {
        params: { path: { teacher_id: id }, header: { 'If-Match': etag ?? undefined } },
        body,
      }),
    ),
  );
}

export async function archiveTeacher(id: string, etag: string | null, reason: string) {
  return guard(async () =>
    unwrap(
      await api.POST('/api/v1/teachers/{teacher_id}/archive', {
        params: { path: { teacher_id: id }, header: { 'If-Match': etag ?? undefined } },
        body: { reason },
      }),
    ),
  );
}

export type ImportArgs = { file: File; organizationId: string; dryRun: boolean; skipInvalid?: boolean };

function importForm(file: File, organizationId: string, extra: Record<string, string> = {}) {
  const form = new FormData();
  form.append('file', file, file.name);
  form.append('organization_id', organizationId);
  for (const [key, value] of Object.entries(extra)) form.append(key, value);
  return form;
}

/** POST /teachers/import (multipart). A rejected apply (422) carries the report in the problem body.
 * With `skipInvalid` the good rows are applied and the bad ones reported. */
export async function importTeachers({
  file,
  organizationId,
  dryRun,
  skipInvalid = false,
}: ImportArgs): Promise<ImportReport | { jobId: string }> {
  return guard(async () => {
    const result = await api.POST('/api/v1/teachers/import', {
      body: { file: file as unknown as string, organization_id: organizationId, dry_run: dryRun, skip_invalid: skipInvalid },
      bodySerializer: () => importForm(file, organizationId, { dry_run: String(dryRun), skip_invalid: String(skipInvalid) }),
    });
    const data = unwrap(result) as ImportReport | { job_id: string };
    // A large file is applied by a background job (202): its progress is shown instead of the report.
    if (result.response.status === 202 && 'job_id' in data) return { jobId: data.job_id };
    return data as ImportReport;
  });
}

/** POST /teachers/import/errors: the check of the same file as an XLSX to fix the rows in. */
export async function downloadImportErrors({ file, organizationId }: { file: File; organizationId: string }) {
  return guard(async () => {
    const result = await api.POST('/api/v1/teachers/import/errors', {
      body: { file: file as unknown as string, organization_id: organizationId },
      bodySerializer: () => importForm(file, organizationId),
      parseAs: 'blob',
    });
    const blob = unwrap(result) as unknown as Blob;
    return { blob, filename: filenameFrom(result.response.headers.get('Content-Disposition')) ?? 'import-errors.xlsx' };
  });
}

// --- users & machine clients -----------------------------------------------------------

export const userListQuery = (query: UserQuery) =>
  queryOptions({
    queryKey: ['users', 'list', query],
    queryFn: () => guard(async () => unwrap(await api.GET('/api/v1/users', { params: { query } }))),
    placeholderData: keepPreviousData,
  });

export async function createUser(body: UserCreate) {
  return guard(async () => unwrap(await api.POST('/api/v1/users', { body })));
}

/** One user with its ETag, for the edit form (If-Match on save). */
export const userQuery = (id: string) =>
  queryOptions({
    queryKey: ['users', 'detail', id],
    queryFn: () => guard(async () => unwrapWithEtag(await api.GET('/api/v1/users/{user_id}', { params: { path: { user_id: id } } }))),
    staleTime: 0,
  });

export async function updateUser(id: string, etag: string | null, body: UserUpdate) {
  return guard(async () =>
    unwrapWithEtag(
      await api.PATCH('/api/v1/users/{user_id}', {
        params: { path: { user_id: id }, header: { 'If-Match': etag ?? undefined } },
        body,
      }),
    ),
  );
}

export async function archiveUser(id: string, etag: string | null, reason: string) {
  return guard(async () =>
    unwrap(
      await api.POST('/api/v1/users/{user_id}/archive', {
        params: { path: { user_id: id }, header: { 'If-Match': etag ?? undefined } },
        body: { reason },
      }),
    ),
  );
}

export const clientListQuery = (query: { limit: number; offset: number }) =>
  queryOptions({
    queryKey: ['clients', 'list', query],
    queryFn: () => guard(async () => unwrap(await api.GET('/api/v1/clients', { params: { query } }))),
    placeholderData: keepPreviousData,
  });

export async function createClientAccount(body: ClientCreate) {
  return guard(async () => unwrap(await api.POST('/api/v1/clients', { body })));
}

export async function rotateClientSecret(id: string) {
  return guard(async () => {
    const { etag } = unwrapWithEtag(await api.GET('/api/v1/clients/{client_id}', { params: { path: { client_id: id } } }));
    return unwrap(
      await api.POST('/api/v1/clients/{client_id}/rotate-secret', {
        params: { path: { client_id: id }, header: { 'If-Match': etag ?? undefined } },
      }),
    );
  });
}

/** Switches a machine client on or off (read-modify-write with its current ETag). */
export async function setClientActive(id: string, isActive: boolean) {
  return guard(async () => {
    const { etag } = unwrapWithEtag(await api.GET('/api/v1/clients/{client_id}', { params: { path: { client_id: id } } }));
    return unwrap(
      await api.PATCH('/api/v1/clients/{client_id}', {
        params: { path: { client_id: id }, header: { 'If-Match': etag ?? undefined } },
        body: { is_active: isActive },
      }),
    );
  });
}

export async function archiveClient(id: string, reason: string) {
  return guard(async () => {
    const { etag } = unwrapWithEtag(await api.GET('/api/v1/clients/{client_id}', { params: { path: { client_id: id } } }));
    return unwrap(
      await api.POST('/api/v1/clients/{client_id}/archive', {
        params: { path: { client_id: id }, header: { 'If-Match': etag ?? undefined } },
        body: { reason },
      }),
    );
  });
}

// --- audit -----------------------------------------------------------------------------

export const auditListQuery = (query: AuditQuery) =>
  queryOptions({
    queryKey: ['audit', 'list', query],
    queryFn: () => guard(async () => unwrap(await api.GET('/api/v1/audit-events', { params: { query } }))),
    placeholderData: keepPreviousData,
  });
