/** Documents: query keys, the list and the checklist (with exports), writes with If-Match, file upload and download. */
import { keepPreviousData, type QueryClient, queryOptions } from '@tanstack/react-query';
import { api } from '../../api/client';
import { etagOf, guard, unwrap, type Versioned } from '../../api/errors';
import { filenameFrom, toExportResult, type ExportFormat, type ExportResult } from '../../api/queries';
import type {
  DocumentCreate,
  DocumentQuery,
  DocumentRequirementCreate,
  DocumentRequirementUpdate,
  DocumentUpdate,
} from '../../api/types';

export const documentKeys = {
  all: ['documents'] as const,
  list: (q: DocumentQuery) => ['documents', 'list', q] as const,
  checklist: (year: string, organizationId: string | undefined) => ['documents', 'checklist', year, organizationId ?? ''] as const,
  requirements: ['documents', 'requirements'] as const,
};

/** After a write: the lists and the checklist (an approval fills a cell). */
export async function invalidateDocuments(queryClient: QueryClient) {
  await queryClient.invalidateQueries({ queryKey: documentKeys.all });
}

export const documentListQuery = (query: DocumentQuery) =>
  queryOptions({
    queryKey: documentKeys.list(query),
    queryFn: () => guard(async () => unwrap(await api.GET('/api/v1/documents', { params: { query } }))),
    placeholderData: keepPreviousData,
  });

export async function exportDocuments(query: DocumentQuery, format: ExportFormat): Promise<ExportResult> {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { limit, offset, ...filters } = query;
  return guard(async () =>
    toExportResult(await api.GET('/api/v1/documents/export', { params: { query: { ...filters, format } }, parseAs: 'blob' }), `documents.${format}`),
  );
}

export async function createDocument(body: DocumentCreate) {
  return guard(async () => unwrap(await api.POST('/api/v1/documents', { body })));
}

export async function updateDocument(doc: Versioned, body: DocumentUpdate) {
  return guard(async () =>
    unwrap(
      await api.PATCH('/api/v1/documents/{document_id}', {
        params: { path: { document_id: doc.id }, header: { 'If-Match': etagOf(doc.version) } },
        body,
      }),
    ),
  );
}

export async function approveDocument(doc: Versioned) {
  return guard(async () =>
    unwrap(
      await api.POST('/api/v1/documents/{document_id}/approve', {
        params: { path: { document_id: doc.id }, header: { 'If-Match': etagOf(doc.version) } },
      }),
    ),
  );
}

export async function archiveDocument(doc: Versioned, reason: string) {
  return guard(async () =>
    unwrap(
      await api.POST('/api/v1/documents/{document_id}/archive', {
        params: { path: { document_id: doc.id }, header: { 'If-Match': etagOf(doc.version) } },
        body: { reason },
      }),
    ),
  );
}

/** The document's file (for whoever reads the document), saved under its Russian name. */
export async function downloadDocumentFile(id: string): Promise<{ blob: Blob; filename: string }> {
  return guard(async () => {
    const result = await api.GET('/api/v1/documents/{document_id}/file', { params: { path: { document_id: id } }, parseAs: 'blob' });
    const blob = unwrap(result) as unknown as Blob;
    return { blob, filename: filenameFrom(result.response.headers.get('Content-Disposition')) ?? 'document' };
  });
}

/** Uploads the document's file (POST /files, multipart); the document then links it by id. */
export async function uploadDocumentFile(file: File, organizationId: string | null) {
  return guard(async () => {
    const form = new FormData();
    form.append('file', file, file.name);
    if (organizationId) form.append('organization_id', organizationId);
    return unwrap(await api.POST('/api/v1/files', { body: { file: file as unknown as string }, bodySerializer: () => form }));
  });
}

export const checklistQuery = (academicYear: string, organizationId?: string) =>
  queryOptions({
    queryKey: documentKeys.checklist(academicYear, organizationId),
    queryFn: () =>
      guard(async () =>
        unwrap(
          await api.GET('/api/v1/documents/checklist', {
            params: { query: { academic_year: academicYear, organization_id: organizationId } },
          }),
        ),
      ),
    placeholderData: keepPreviousData,
  });

export async function exportChecklist(academicYear: string, organizationId: string | undefined, format: ExportFormat): Promise<ExportResult> {
  return guard(async () =>
    toExportResult(
      await api.GET('/api/v1/documents/checklist/export', {
        params: { query: { academic_year: academicYear, organization_id: organizationId, format } },
        parseAs: 'blob',
      }),
      `documents-checklist.${format}`,
    ),
  );
}

export const requirementsQuery = queryOptions({
  queryKey: documentKeys.requirements,
  queryFn: () => guard(async () => unwrap(await api.GET('/api/v1/document-requirements', { params: { query: { limit: 200 } } }))),
});

export async function createRequirement(body: DocumentRequirementCreate) {
  return guard(async () => unwrap(await api.POST('/api/v1/document-requirements', { body })));
}

export async function updateRequirement(r: Versioned, body: DocumentRequirementUpdate) {
  return guard(async () =>
    unwrap(
      await api.PATCH('/api/v1/document-requirements/{requirement_id}', {
        params: { path: { requirement_id: r.id }, header: { 'If-Match': etagOf(r.version) } },
        body,
      }),
    ),
  );
}

export async function archiveRequirement(r: Versioned, reason: string) {
  return guard(async () =>
    unwrap(
      await api.POST('/api/v1/document-requirements/{requirement_id}/archive', {
        params: { path: { requirement_id: r.id }, header: { 'If-Match': etagOf(r.version) } },
        body: { reason },
      }),
    ),
  );
}
