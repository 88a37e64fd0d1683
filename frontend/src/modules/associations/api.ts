/** Associations: query keys, the list (with its exports) and the card, writes with If-Match, a member's growth. */
import { keepPreviousData, type QueryClient, queryOptions } from '@tanstack/react-query';
import { api } from '../../api/client';
import { etagOf, guard, unwrap, type Versioned } from '../../api/errors';
import { filenameFrom, toExportResult, type ExportFormat, type ExportResult } from '../../api/queries';
import type {
  AssociationCreate,
  AssociationMeetingCreate,
  AssociationMeetingUpdate,
  AssociationPlanCreate,
  AssociationPlanUpdate,
  AssociationQuery,
} from '../../api/types';

export const associationKeys = {
  all: ['associations'] as const,
  list: (q: AssociationQuery) => ['associations', 'list', q] as const,
  one: (id: string) => ['associations', 'one', id] as const,
  growth: (id: string, teacherId: string) => ['associations', 'growth', id, teacherId] as const,
};

export async function invalidateAssociations(queryClient: QueryClient) {
  await queryClient.invalidateQueries({ queryKey: associationKeys.all });
}

export const associationListQuery = (query: AssociationQuery) =>
  queryOptions({
    queryKey: associationKeys.list(query),
    queryFn: () => guard(async () => unwrap(await api.GET('/api/v1/associations', { params: { query } }))),
    placeholderData: keepPreviousData,
  });

export const associationQuery = (id: string) =>
  queryOptions({
    queryKey: associationKeys.one(id),
    queryFn: () =>
      guard(async () => unwrap(await api.GET('/api/v1/associations/{association_id}', { params: { path: { association_id: id } } }))),
  });

export const memberGrowthQuery = (id: string, teacherId: string) =>
  queryOptions({
    queryKey: associationKeys.growth(id, teacherId),
    queryFn: () =>
      guard(async () =>
        unwrap(
          await api.GET('/api/v1/associations/{association_id}/members/{teacher_id}/growth', {
            params: { path: { association_id: id, teacher_id: teacherId } },
          }),
        ),
      ),
  });

export async function exportAssociations(query: AssociationQuery, format: ExportFormat): Promise<ExportResult> {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { limit, offset, ...filters } = query;
  return guard(async () =>
    toExportResult(
      await api.GET('/api/v1/associations/export', { params: { query: { ...filters, format } }, parseAs: 'blob' }),
      `associations.${format}`,
    ),
  );
}

export async function createAssociation(body: AssociationCreate) {
  return guard(async () => unwrap(await api.POST('/api/v1/associations', { body })));
}

export async function archiveAssociation(a: Versioned, reason: string) {
  return guard(async () =>
    unwrap(
      await api.POST('/api/v1/associations/{association_id}/archive', {
        params: { path: { association_id: a.id }, header: { 'If-Match': etagOf(a.version) } },
        body: { reason },
      }),
    ),
  );
}

export async function addMember(associationId: string, teacherId: string) {
  return guard(async () =>
    unwrap(
      await api.POST('/api/v1/associations/{association_id}/members', {
        params: { path: { association_id: associationId } },
        body: { teacher_id: teacherId },
      }),
    ),
  );
}

export async function removeMember(member: Versioned, leftOn: string) {
  return guard(async () =>
    unwrap(
      await api.PATCH('/api/v1/association-members/{member_id}', {
        params: { path: { member_id: member.id }, header: { 'If-Match': etagOf(member.version) } },
        body: { left_on: leftOn },
      }),
    ),
  );
}

export async function createPlan(associationId: string, body: AssociationPlanCreate) {
  return guard(async () =>
    unwrap(
      await api.POST('/api/v1/associations/{association_id}/plans', {
        params: { path: { association_id: associationId } },
        body,
      }),
    ),
  );
}

/** Changes of a plan line (only the changed fields), If-Match = the version on screen; answers the whole card. */
export async function updatePlan(plan: Versioned, body: AssociationPlanUpdate) {
  return guard(async () =>
    unwrap(
      await api.PATCH('/api/v1/association-plans/{plan_id}', {
        params: { path: { plan_id: plan.id }, header: { 'If-Match': etagOf(plan.version) } },
        body,
      }),
    ),
  );
}

export async function archivePlan(plan: Versioned, reason: string) {
  return guard(async () =>
    unwrap(
      await api.POST('/api/v1/association-plans/{plan_id}/archive', {
        params: { path: { plan_id: plan.id }, header: { 'If-Match': etagOf(plan.version) } },
        body: { reason },
      }),
    ),
  );
}

export async function createMeeting(associationId: string, body: AssociationMeetingCreate) {
  return guard(async () =>
    unwrap(
      await api.POST('/api/v1/associations/{association_id}/meetings', {
        params: { path: { association_id: associationId } },
        body,
      }),
    ),
  );
}

/** Changes of a held meeting (only the changed fields), If-Match = the version on screen; answers the whole card. */
export async function updateMeeting(meeting: Versioned, body: AssociationMeetingUpdate) {
  return guard(async () =>
    unwrap(
      await api.PATCH('/api/v1/association-meetings/{meeting_id}', {
        params: { path: { meeting_id: meeting.id }, header: { 'If-Match': etagOf(meeting.version) } },
        body,
      }),
    ),
  );
}

export async function archiveMeeting(meeting: Versioned, reason: string) {
  return guard(async () =>
    unwrap(
      await api.POST('/api/v1/association-meetings/{meeting_id}/archive', {
        params: { path: { meeting_id: meeting.id }, header: { 'If-Match': etagOf(meeting.version) } },
        body: { reason },
      }),
    ),
  );
}

/** The minutes of a meeting as a file (multipart; If-Match is the meeting's version). */
export async function uploadMinutes(meeting: Versioned, file: File) {
  return guard(async () => {
    const form = new FormData();
    form.append('file', file, file.name);
    return unwrap(
      await api.POST('/api/v1/association-meetings/{meeting_id}/minutes-file', {
        params: { path: { meeting_id: meeting.id }, header: { 'If-Match': etagOf(meeting.version) } },
        body: { file: file as unknown as string },
        bodySerializer: () => form,
      }),
    );
  });
}

export async function downloadMinutes(meetingId: string, fallbackName: string): Promise<{ blob: Blob; filename: string }> {
  return guard(async () => {
    const result = await api.GET('/api/v1/association-meetings/{meeting_id}/minutes-file', {
      params: { path: { meeting_id: meetingId } },
      parseAs: 'blob',
    });
    const blob = unwrap(result) as unknown as Blob;
    return { blob, filename: filenameFrom(result.response.headers.get('Content-Disposition')) ?? fallbackName };
  });
}
