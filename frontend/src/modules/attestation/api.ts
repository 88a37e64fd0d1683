/** Attestation: query keys, the applications list and the plan (with their exports), writes with If-Match. */
import { keepPreviousData, type QueryClient, queryOptions } from '@tanstack/react-query';
import { api } from '../../api/client';
import { etagOf, guard, unwrap, type Versioned } from '../../api/errors';
import { toExportResult, type ExportFormat, type ExportResult } from '../../api/queries';
import type {
  AttestationCreate,
  AttestationDecision,
  AttestationPlanQuery,
  AttestationQuery,
  AttestationUpdate,
} from '../../api/types';
import { teacherKeys } from '../teachers/api';

export const attestationKeys = {
  all: ['attestations'] as const,
  list: (q: AttestationQuery) => ['attestations', 'list', q] as const,
  plan: (q: AttestationPlanQuery) => ['attestations', 'plan', q] as const,
};

/** After a write: the lists, the plan and the growth timelines; a decision (or archiving a granted one) also changes the
 * teacher's card, the teacher lists' categories and the home counts. */
export async function invalidateAttestations(queryClient: QueryClient, teacherId?: string) {
  await queryClient.invalidateQueries({ queryKey: attestationKeys.all });
  await queryClient.invalidateQueries({ queryKey: teacherId ? teacherKeys.all : [...teacherKeys.all, 'growth'] });
}

export const attestationListQuery = (query: AttestationQuery) =>
  queryOptions({
    queryKey: attestationKeys.list(query),
    queryFn: () => guard(async () => unwrap(await api.GET('/api/v1/attestations', { params: { query } }))),
    placeholderData: keepPreviousData,
  });

export async function exportAttestations(query: AttestationQuery, format: ExportFormat): Promise<ExportResult> {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { limit, offset, ...filters } = query;
  return guard(async () =>
    toExportResult(
      await api.GET('/api/v1/attestations/export', { params: { query: { ...filters, format } }, parseAs: 'blob' }),
      `attestations.${format}`,
    ),
  );
}

export async function createAttestation(body: AttestationCreate) {
  return guard(async () => unwrap(await api.POST('/api/v1/attestations', { body })));
}

export async function updateAttestation(a: Versioned, body: AttestationUpdate) {
  return guard(async () =>
    unwrap(
      await api.PATCH('/api/v1/attestations/{attestation_id}', {
        params: { path: { attestation_id: a.id }, header: { 'If-Match': etagOf(a.version) } },
        body,
      }),
    ),
  );
}

/** The commission's decision, once, with the version on screen; a granted category goes into the teacher's card. */
export async function decideAttestation(a: Versioned, body: AttestationDecision) {
  return guard(async () =>
    unwrap(
      await api.POST('/api/v1/attestations/{attestation_id}/decision', {
        params: { path: { attestation_id: a.id }, header: { 'If-Match': etagOf(a.version) } },
        body,
      }),
    ),
  );
}

export async function archiveAttestation(a: Versioned, reason: string) {
  return guard(async () =>
    unwrap(
      await api.POST('/api/v1/attestations/{attestation_id}/archive', {
        params: { path: { attestation_id: a.id }, header: { 'If-Match': etagOf(a.version) } },
        body: { reason },
      }),
    ),
  );
}

export const attestationPlanQuery = (query: AttestationPlanQuery) =>
  queryOptions({
    queryKey: attestationKeys.plan(query),
    queryFn: () => guard(async () => unwrap(await api.GET('/api/v1/attestations/plan', { params: { query } }))),
    placeholderData: keepPreviousData,
  });

/** The plan in its printed layout (XLSX) or as CSV. */
export async function exportAttestationPlan(query: AttestationPlanQuery, format: ExportFormat): Promise<ExportResult> {
  return guard(async () =>
    toExportResult(
      await api.GET('/api/v1/attestations/plan/export', { params: { query: { ...query, format } }, parseAs: 'blob' }),
      `attestation-plan.${format}`,
    ),
  );
}
