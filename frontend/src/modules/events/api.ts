/**
 * Events and their series: query keys (everything under ['events'], so one invalidation refreshes the calendar,
 * lists, cards and series after a write), reads (cards with their ETag) and writes with If-Match.
 */
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api } from '../../api/client';
import { guard, unwrap, unwrapWithEtag } from '../../api/errors';
import { filenameFrom, type ExportFormat, type ExportResult } from '../../api/queries';
import type { components, operations } from '../../api/schema';

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
        params: { path: { event_id: id }, header: { 'If-Match': etag ?? undefined } },
        body,
      }),
    ),
  );
}

export async function archiveEvent(id: string, etag: string | null, reason: string) {
  return guard(async () =>
    unwrapWithEtag(
      await api.POST('/api/v1/events/{event_id}/archive', {
        params: { path: { event_id: id }, header: { 'If-Match': etag ?? undefined } },
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

export async function createSeries(body: SeriesCreate) {
  return guard(async () => unwrap(await api.POST('/api/v1/event-series', { body })));
}

export async function updateSeries(id: string, etag: string | null, body: SeriesUpdate) {
  return guard(async () =>
    unwrapWithEtag(
      await api.PATCH('/api/v1/event-series/{series_id}', {
        params: { path: { series_id: id }, header: { 'If-Match': etag ?? undefined } },
        body,
      }),
    ),
  );
}

export async function archiveSeries(id: string, etag: string | null, reason: string) {
  return guard(async () =>
    unwrapWithEtag(
      await api.POST('/api/v1/event-series/{series_id}/archive', {
        params: { path: { series_id: id }, header: { 'If-Match': etag ?? undefined } },
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
