/**
 * Events and their series: query keys (everything under ['events'], so one invalidation refreshes the calendar,
 * lists, cards and series after a write), reads (cards with their ETag) and writes with If-Match.
 */
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api } from '../../api/client';
import { guard, unwrap, unwrapWithEtag } from '../../api/errors';
import { filenameFrom, type ExportFormat, type ExportResult } from '../../api/queries';
import type { components, operations } from '../../api/schema';

/** The version the screen shows, for If-Match (the API answers 428 without it): a card read without an ETag cannot
 * be changed safely, so the write stops here with a message instead of going out unguarded. */
function versionOf(etag: string | null): string {
  if (!etag) throw new Error('Версия записи неизвестна — обновите страницу и повторите.');
  return etag;
}

type S = components['schemas'];
export type EventRead = S['EventRead'];
export type EventBrief = S['EventBrief'];
export type EventCreate = S['EventCreate'];
export type EventUpdate = S['EventUpdate'];
export type EventType = EventRead['type'];
export type EventLevel = EventRead['level'];
export type EventStatus = EventRead['status'];
export type EventFormat = EventRead['format'];
export type SeriesRead = S['SeriesRead'];
export type SeriesCreate = S['SeriesCreate'];
export type SeriesUpdate = S['SeriesUpdate'];
export type EventQuery = NonNullable<operations['list_events']['parameters']['query']>;
export type CalendarQuery = NonNullable<operations['event_calendar']['parameters']['query']>;
export type SeriesQuery = NonNullable<operations['list_event_series']['parameters']['query']>;

export const eventKeys = {
  all: ['events'] as const,
  calendar: (q: CalendarQuery) => ['events', 'calendar', q] as const,
  list: (q: EventQuery) => ['events', 'list', q] as const,
  detail: (id: string) => ['events', 'detail', id] as const,
  seriesList: (q: SeriesQuery) => ['events', 'series', 'list', q] as const,
  seriesOptions: ['events', 'series', 'options'] as const,
  series: (id: string) => ['events', 'series', 'detail', id] as const,
};

// --- events -----------------------------------------------------------------------------------------------------

export const calendarQuery = (query: CalendarQuery) =>
  queryOptions({
    queryKey: eventKeys.calendar(query),
    queryFn: () => guard(async () => unwrap(await api.GET('/api/v1/events/calendar', { params: { query } }))),
    placeholderData: keepPreviousData,
  });

export const eventListQuery = (query: EventQuery) =>
  queryOptions({
    queryKey: eventKeys.list(query),
    queryFn: () => guard(async () => unwrap(await api.GET('/api/v1/events', { params: { query } }))),
    placeholderData: keepPreviousData,
  });

export const eventQuery = (id: string) =>
  queryOptions({
    queryKey: eventKeys.detail(id),
    queryFn: () =>
      guard(async () => unwrapWithEtag(await api.GET('/api/v1/events/{event_id}', { params: { path: { event_id: id } } }))),
  });

/** The event list with the same filters and order as on screen, as a file (GET /events/export). */
export async function exportEvents(query: EventQuery, format: ExportFormat): Promise<ExportResult> {
  return guard(async () => {
    // eslint-disable-next-line @typescript-eslint/no-unused-vars
    const { limit, offset, ...filters } = query;
    const result = await api.GET('/api/v1/events/export', {
      params: { query: { ...filters, sort: filters.sort ?? undefined, format } },
      parseAs: 'blob',
    });
    const blob = unwrap(result) as unknown as Blob;
    if (result.response.status === 202) {
      const accepted = JSON.parse(await blob.text()) as { job_id: string };
      return { jobId: accepted.job_id };
    }
    return { blob, filename: filenameFrom(result.response.headers.get('Content-Disposition')) ?? `events.${format}` };
  });
}

export async function createEvent(body: EventCreate) {
  return guard(async () => unwrap(await api.POST('/api/v1/events', { body })));
}

export async function updateEvent(id: string, etag: string | null, body: EventUpdate) {
  return guard(async () =>
    unwrapWithEtag(
      await api.PATCH('/api/v1/events/{event_id}', {
        params: { path: { event_id: id }, header: { 'If-Match': versionOf(etag) } },
        body,
      }),
    ),
  );
}

export async function archiveEvent(id: string, etag: string | null, reason: string) {
  return guard(async () =>
    unwrapWithEtag(
      await api.POST('/api/v1/events/{event_id}/archive', {
        params: { path: { event_id: id }, header: { 'If-Match': versionOf(etag) } },
        body: { reason },
      }),
    ),
  );
}

// --- series -----------------------------------------------------------------------------------------------------

export const seriesListQuery = (query: SeriesQuery) =>
  queryOptions({
    queryKey: eventKeys.seriesList(query),
    queryFn: () => guard(async () => unwrap(await api.GET('/api/v1/event-series', { params: { query } }))),
    placeholderData: keepPreviousData,
  });

/** Series for the event form's picker (the API caps a page at 200), newest academic year first. */
export const seriesOptionsQuery = queryOptions({
  queryKey: eventKeys.seriesOptions,
  queryFn: () =>
    guard(
      async () =>
        unwrap(await api.GET('/api/v1/event-series', { params: { query: { limit: 200, sort: '-academic_year' } } })).items,
    ),
  staleTime: 60_000,
});

export const seriesQuery = (id: string) =>
  queryOptions({
    queryKey: eventKeys.series(id),
    queryFn: () =>
      guard(async () =>
        unwrapWithEtag(await api.GET('/api/v1/event-series/{series_id}', { params: { path: { series_id: id } } })),
      ),
  });

/** The series' analytical report («аналитическая справка», DOCX) — GET /event-series/{id}/report. */
export async function downloadSeriesReport(id: string): Promise<{ blob: Blob; filename: string }> {
  return guard(async () => {
    const result = await api.GET('/api/v1/event-series/{series_id}/report', {
      params: { path: { series_id: id } },
      parseAs: 'blob',
    });
    const blob = unwrap(result) as unknown as Blob;
    return { blob, filename: filenameFrom(result.response.headers.get('Content-Disposition')) ?? 'series-report.docx' };
  });
}

/** A material's file, for anyone who may read the event (a participant too, without the right to browse files). */
export async function downloadEventMaterial(materialId: string): Promise<{ blob: Blob; filename: string }> {
  return guard(async () => {
    const result = await api.GET('/api/v1/event-materials/{material_id}/content', {
      params: { path: { material_id: materialId } },
      parseAs: 'blob',
    });
    const blob = unwrap(result) as unknown as Blob;
    return { blob, filename: filenameFrom(result.response.headers.get('Content-Disposition')) ?? 'material' };
  });
}

export async function createSeries(body: SeriesCreate) {
  return guard(async () => unwrap(await api.POST('/api/v1/event-series', { body })));
}

export async function updateSeries(id: string, etag: string | null, body: SeriesUpdate) {
  return guard(async () =>
    unwrapWithEtag(
      await api.PATCH('/api/v1/event-series/{series_id}', {
        params: { path: { series_id: id }, header: { 'If-Match': versionOf(etag) } },
        body,
      }),
    ),
  );
}

export async function archiveSeries(id: string, etag: string | null, reason: string) {
  return guard(async () =>
    unwrapWithEtag(
      await api.POST('/api/v1/event-series/{series_id}/archive', {
        params: { path: { series_id: id }, header: { 'If-Match': versionOf(etag) } },
        body: { reason },
      }),
    ),
  );
}

// --- files (materials) ------------------------------------------------------------------------------------------

/** Uploads a material's file (POST /files, multipart); the event then links it by id. */
export async function uploadMaterial(file: File, organizationId: string | null) {
  return guard(async () => {
    const form = new FormData();
    form.append('file', file, file.name);
    if (organizationId) form.append('organization_id', organizationId);
    return unwrap(
      await api.POST('/api/v1/files', {
        body: { file: file as unknown as string },
        bodySerializer: () => form,
      }),
    );
  });
}

// --- participation ----------------------------------------------------------------------------------------------

export type ParticipationRead = S['ParticipationRead'];
export type ParticipationUpdate = S['ParticipationUpdate'];
export type ParticipationRole = ParticipationRead['role'];
export type AttendanceMark = ParticipationRead['attendance'];
export type BulkParticipationRequest = S['BulkParticipationRequest'];
export type BulkParticipationReport = S['BulkParticipationReport'];
export type ParticipantImportReport = S['ParticipantImportReport'];
export type AttendanceReport = S['AttendanceReport'];
export type ParticipationQuery = NonNullable<operations['list_participations']['parameters']['query']>;

export const participationKeys = {
  all: ['events', 'participations'] as const,
  list: (q: ParticipationQuery) => ['events', 'participations', 'list', q] as const,
};

export const participationListQuery = (query: ParticipationQuery) =>
  queryOptions({
    queryKey: participationKeys.list(query),
    queryFn: () => guard(async () => unwrap(await api.GET('/api/v1/participations', { params: { query } }))),
    placeholderData: keepPreviousData,
  });

export async function exportParticipations(query: ParticipationQuery, format: ExportFormat): Promise<ExportResult> {
  return guard(async () => {
    // eslint-disable-next-line @typescript-eslint/no-unused-vars
    const { limit, offset, ...filters } = query;
    const result = await api.GET('/api/v1/participations/export', {
      params: { query: { ...filters, sort: filters.sort ?? undefined, format } },
      parseAs: 'blob',
    });
    const blob = unwrap(result) as unknown as Blob;
    return { blob, filename: filenameFrom(result.response.headers.get('Content-Disposition')) ?? `participations.${format}` };
  });
}

/** Many teachers in one role (ids or a filter); `partial` reports who was added, skipped as a duplicate, refused. */
export async function addParticipantsBulk(eventId: string, body: BulkParticipationRequest) {
  return guard(async () =>
    unwrap(await api.POST('/api/v1/events/{event_id}/participations/bulk', { params: { path: { event_id: eventId } }, body })),
  );
}

export type ParticipantImportArgs = { file: File; organizationId: string | null; role: ParticipationRole; dryRun: boolean };

/** POST …/participations/import (multipart): the dry run reports each row, the apply adds the good ones. */
export async function importParticipants(eventId: string, { file, organizationId, role, dryRun }: ParticipantImportArgs) {
  return guard(async () => {
    const form = new FormData();
    form.append('file', file, file.name);
    if (organizationId) form.append('organization_id', organizationId);
    form.append('role', role);
    form.append('dry_run', String(dryRun));
    return unwrap(
      await api.POST('/api/v1/events/{event_id}/participations/import', {
        params: { path: { event_id: eventId } },
        body: { file: file as unknown as string, organization_id: organizationId, role, dry_run: dryRun },
        bodySerializer: () => form,
      }),
    );
  });
}

/** Who attended, in one request (the rows on screen with their ticks). */
export async function markAttendance(eventId: string, items: { participation_id: string; attended: boolean }[]) {
  return guard(async () =>
    unwrap(await api.POST('/api/v1/events/{event_id}/attendance', { params: { path: { event_id: eventId } }, body: { items } })),
  );
}

export async function updateParticipation(id: string, etag: string, body: ParticipationUpdate) {
  return guard(async () =>
    unwrap(
      await api.PATCH('/api/v1/participations/{participation_id}', {
        params: { path: { participation_id: id }, header: { 'If-Match': etag } },
        body,
      }),
    ),
  );
}

export async function archiveParticipation(id: string, etag: string, reason: string) {
  return guard(async () =>
    unwrap(
      await api.POST('/api/v1/participations/{participation_id}/archive', {
        params: { path: { participation_id: id }, header: { 'If-Match': etag } },
        body: { reason },
      }),
    ),
  );
}

// --- awards -----------------------------------------------------------------------------------------------------

export type AwardRead = S['AwardRead'];
export type AwardCreate = S['AwardCreate'];
export type AwardQuery = NonNullable<operations['list_awards']['parameters']['query']>;

export const awardKeys = {
  all: ['events', 'awards'] as const,
  list: (q: AwardQuery) => ['events', 'awards', 'list', q] as const,
};

export const awardListQuery = (query: AwardQuery) =>
  queryOptions({
    queryKey: awardKeys.list(query),
    queryFn: () => guard(async () => unwrap(await api.GET('/api/v1/awards', { params: { query } }))),
    placeholderData: keepPreviousData,
  });

export async function createAward(body: AwardCreate) {
  return guard(async () => unwrap(await api.POST('/api/v1/awards', { body })));
}

export async function archiveAward(id: string, etag: string, reason: string) {
  return guard(async () =>
    unwrap(
      await api.POST('/api/v1/awards/{award_id}/archive', {
        params: { path: { award_id: id }, header: { 'If-Match': etag } },
        body: { reason },
      }),
    ),
  );
}

// --- calendar feeds ---------------------------------------------------------------------------------------------

export type FeedCreate = S['FeedCreate'];
export type FeedCreated = S['FeedCreated'];

/** A subscription URL (iCalendar); the answer carries the URL once, with its secret key. */
export async function createFeed(body: FeedCreate) {
  return guard(async () => unwrap(await api.POST('/api/v1/calendar-feeds', { body })));
}
