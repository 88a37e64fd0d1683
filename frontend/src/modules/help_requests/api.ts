/** Help requests: query keys, the list (with export) and the card, asking, and the transitions with If-Match. */
import { keepPreviousData, type QueryClient, queryOptions } from '@tanstack/react-query';
import { api } from '../../api/client';
import { etagOf, guard, unwrap, type Versioned } from '../../api/errors';
import { toExportResult, type ExportFormat, type ExportResult } from '../../api/queries';
import type { ConsultationCreate, HelpRequestClose, HelpRequestCreate, HelpRequestQuery, HelpRequestUpdate } from '../../api/types';

export const helpKeys = {
  all: ['help-requests'] as const,
  list: (q: HelpRequestQuery) => ['help-requests', 'list', q] as const,
  one: (id: string) => ['help-requests', 'one', id] as const,
};

/** After a write: the lists and cards of requests, and the notifications bell (a write may notify the caller's
 * colleagues, never the caller, but the count is cheap to refresh). */
export async function invalidateHelp(queryClient: QueryClient) {
  await queryClient.invalidateQueries({ queryKey: helpKeys.all });
  await queryClient.invalidateQueries({ queryKey: ['notifications'] });
}

export const helpListQuery = (query: HelpRequestQuery) =>
  queryOptions({
    queryKey: helpKeys.list(query),
    queryFn: () => guard(async () => unwrap(await api.GET('/api/v1/help-requests', { params: { query } }))),
    placeholderData: keepPreviousData,
  });

export const helpRequestQuery = (id: string) =>
  queryOptions({
    queryKey: helpKeys.one(id),
    queryFn: () =>
      guard(async () => unwrap(await api.GET('/api/v1/help-requests/{help_request_id}', { params: { path: { help_request_id: id } } }))),
  });

export async function exportHelpRequests(query: HelpRequestQuery, format: ExportFormat): Promise<ExportResult> {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { limit, offset, ...filters } = query;
  return guard(async () =>
    toExportResult(
      await api.GET('/api/v1/help-requests/export', { params: { query: { ...filters, format } }, parseAs: 'blob' }),
      `help-requests.${format}`,
    ),
  );
}

export async function createHelpRequest(body: HelpRequestCreate) {
  return guard(async () => unwrap(await api.POST('/api/v1/help-requests', { body })));
}

const at = (r: Versioned) => ({ path: { help_request_id: r.id }, header: { 'If-Match': etagOf(r.version) } });

export async function takeHelpRequest(r: Versioned) {
  return guard(async () => unwrap(await api.POST('/api/v1/help-requests/{help_request_id}/take', { params: at(r) })));
}

export async function addConsultation(r: Versioned, body: ConsultationCreate) {
  return guard(async () => unwrap(await api.POST('/api/v1/help-requests/{help_request_id}/consultations', { params: at(r), body })));
}

export async function closeHelpRequest(r: Versioned, body: HelpRequestClose) {
  return guard(async () => unwrap(await api.POST('/api/v1/help-requests/{help_request_id}/close', { params: at(r), body })));
}

export async function reopenHelpRequest(r: Versioned, comment: string | null) {
  return guard(async () =>
    unwrap(await api.POST('/api/v1/help-requests/{help_request_id}/reopen', { params: at(r), body: { comment: comment || null } })),
  );
}

export async function archiveHelpRequest(r: Versioned, reason: string) {
  return guard(async () => unwrap(await api.POST('/api/v1/help-requests/{help_request_id}/archive', { params: at(r), body: { reason } })));
}

export async function updateHelpRequest(r: Versioned, body: HelpRequestUpdate) {
  return guard(async () => unwrap(await api.PATCH('/api/v1/help-requests/{help_request_id}', { params: at(r), body })));
}
