/** Programmes and roadmaps: query keys, reads (programmes, progress, timeline, activities) and writes with If-Match,
 * the import (dry run, then apply), exports, progress reports with uploaded files. */
import { keepPreviousData, type QueryClient, queryOptions } from '@tanstack/react-query';
import { api } from '../../api/client';
import { etagOf, guard, unwrap, type Versioned } from '../../api/errors';
import { filenameFrom } from '../../api/queries';
import { formatDate } from '../../lib/format';
import type { components, operations } from '../../api/schema';

type S = components['schemas'];
export type Programme = S['ProgrammeRead'];
export type ProgrammeCreate = S['ProgrammeCreate'];
export type ProgrammeUpdate = S['ProgrammeUpdate'];
export type ProgrammeProgress = S['ProgrammeProgress'];
export type SectionProgress = S['RoadmapSectionProgress'];
export type ProgrammeTimeline = S['ProgrammeTimeline'];
export type TimelineRow = S['TimelineRow'];
export type Activity = S['ActivityRead'];
export type ActivityUpdate = S['ActivityUpdate'];
export type ScheduleIn = S['ActivityScheduleIn'];
export type Occurrence = S['OccurrenceRead'];
export type OccurrenceStatus = S['OccurrenceUpdate']['status'];
export type RoadmapReport = S['RoadmapReportRead'];
export type ReportCreate = S['RoadmapReportCreate'];
export type ImportReport = S['RoadmapImportReport'];
export type EvidenceKind = S['RoadmapEvidenceIn']['kind'];
export type ProgrammeQuery = NonNullable<operations['list_programmes']['parameters']['query']>;
export type ActivityQuery = NonNullable<operations['list_roadmap_activities']['parameters']['query']>;

export const roadmapKeys = {
  all: ['roadmap'] as const,
  programmes: (q: ProgrammeQuery) => ['roadmap', 'programmes', q] as const,
  programme: (id: string) => ['roadmap', 'programme', id] as const,
  progress: (id: string) => ['roadmap', 'progress', id] as const,
  timeline: (id: string, year: number | null) => ['roadmap', 'timeline', id, year] as const,
  activities: (q: ActivityQuery) => ['roadmap', 'activities', q] as const,
  activity: (id: string) => ['roadmap', 'activity', id] as const,
};

export async function invalidateRoadmap(queryClient: QueryClient) {
  await queryClient.invalidateQueries({ queryKey: roadmapKeys.all });
}

export const programmesQuery = (query: ProgrammeQuery) =>
  queryOptions({
    queryKey: roadmapKeys.programmes(query),
    queryFn: () => guard(async () => unwrap(await api.GET('/api/v1/programmes', { params: { query } }))),
    placeholderData: keepPreviousData,
  });

export const programmeQuery = (id: string) =>
  queryOptions({
    queryKey: roadmapKeys.programme(id),
    queryFn: () => guard(async () => unwrap(await api.GET('/api/v1/programmes/{programme_id}', { params: { path: { programme_id: id } } }))),
  });

export const progressQuery = (id: string) =>
  queryOptions({
    queryKey: roadmapKeys.progress(id),
    queryFn: () => guard(async () => unwrap(await api.GET('/api/v1/programmes/{programme_id}/progress', { params: { path: { programme_id: id } } }))),
  });

export const timelineQuery = (id: string, academicYear: number | null) =>
  queryOptions({
    queryKey: roadmapKeys.timeline(id, academicYear),
    queryFn: () =>
      guard(async () =>
        unwrap(
          await api.GET('/api/v1/programmes/{programme_id}/timeline', {
            params: { path: { programme_id: id }, query: academicYear ? { academic_year: academicYear } : {} },
          }),
        ),
      ),
    placeholderData: keepPreviousData,
  });

export const activitiesQuery = (query: ActivityQuery, enabled = true) =>
  queryOptions({
    queryKey: roadmapKeys.activities(query),
    queryFn: () => guard(async () => unwrap(await api.GET('/api/v1/roadmap-activities', { params: { query } }))),
    placeholderData: keepPreviousData,
    enabled,
  });

/** Every activity of a programme (a roadmap holds at most a few hundred): pages of 200 in order of number. */
export const programmeActivitiesQuery = (programmeId: string) =>
  queryOptions({
    queryKey: ['roadmap', 'programme-activities', programmeId] as const,
    queryFn: () =>
      guard(async () => {
        const items: Activity[] = [];
        for (let offset = 0; ; offset += 200) {
          const page = unwrap(
            await api.GET('/api/v1/roadmap-activities', { params: { query: { programme_id: programmeId, limit: 200, offset, sort: 'number' } } }),
          );
          items.push(...page.items);
          if (items.length >= page.total || page.items.length === 0) return items;
        }
      }),
  });

export const activityQuery = (id: string) =>
  queryOptions({
    queryKey: roadmapKeys.activity(id),
    queryFn: () => guard(async () => unwrap(await api.GET('/api/v1/roadmap-activities/{activity_id}', { params: { path: { activity_id: id } } }))),
  });

export async function createProgramme(body: ProgrammeCreate) {
  return guard(async () => unwrap(await api.POST('/api/v1/programmes', { body })));
}

export async function updateProgramme(programme: Versioned, body: ProgrammeUpdate) {
  return guard(async () =>
    unwrap(
      await api.PATCH('/api/v1/programmes/{programme_id}', {
        params: { path: { programme_id: programme.id }, header: { 'If-Match': etagOf(programme.version) } },
        body,
      }),
    ),
  );
}

export async function archiveProgramme(programme: Versioned, reason: string) {
  return guard(async () =>
    unwrap(
      await api.POST('/api/v1/programmes/{programme_id}/archive', {
        params: { path: { programme_id: programme.id }, header: { 'If-Match': etagOf(programme.version) } },
        body: { reason },
      }),
    ),
  );
}

export async function updateActivity(activity: Versioned, body: ActivityUpdate) {
  return guard(async () =>
    unwrap(
      await api.PATCH('/api/v1/roadmap-activities/{activity_id}', {
        params: { path: { activity_id: activity.id }, header: { 'If-Match': etagOf(activity.version) } },
        body,
      }),
    ),
  );
}

export async function updateOccurrence(occurrence: Versioned, status: OccurrenceStatus) {
  return guard(async () =>
    unwrap(
      await api.PATCH('/api/v1/roadmap-occurrences/{occurrence_id}', {
        params: { path: { occurrence_id: occurrence.id }, header: { 'If-Match': etagOf(occurrence.version) } },
        body: { status },
      }),
    ),
  );
}

export async function createReport(occurrenceId: string, body: ReportCreate) {
  return guard(async () =>
    unwrap(await api.POST('/api/v1/roadmap-occurrences/{occurrence_id}/reports', { params: { path: { occurrence_id: occurrenceId } }, body })),
  );
}

/** Uploads an evidence file (POST /files, multipart) in the caller's municipality; the report links it by id. */
export async function uploadFile(file: File) {
  return guard(async () => {
    const form = new FormData();
    form.append('file', file, file.name);
    return unwrap(await api.POST('/api/v1/files', { body: { file: file as unknown as string }, bodySerializer: () => form }));
  });
}

/** The roadmap's import: `dryRun` only reports, otherwise it applies (by number: a re-import updates). */
export async function importRoadmap(programmeId: string, file: File, dryRun: boolean) {
  return guard(async () => {
    const form = new FormData();
    form.append('file', file, file.name);
    form.append('dry_run', dryRun ? 'true' : 'false');
    return unwrap(
      await api.POST('/api/v1/programmes/{programme_id}/import', {
        params: { path: { programme_id: programmeId } },
        body: { file: file as unknown as string, dry_run: dryRun },
        bodySerializer: () => form,
      }),
    );
  });
}

export type ProgrammeExport = 'xlsx' | 'docx';

export async function exportProgramme(programmeId: string, kind: ProgrammeExport): Promise<{ blob: Blob; filename: string }> {
  return guard(async () => {
    const params = { params: { path: { programme_id: programmeId } }, parseAs: 'blob' as const };
    const result =
      kind === 'xlsx'
        ? await api.GET('/api/v1/programmes/{programme_id}/roadmap.xlsx', params)
        : await api.GET('/api/v1/programmes/{programme_id}/progress-report.docx', params);
    const blob = unwrap(result) as unknown as Blob;
    return { blob, filename: filenameFrom(result.response.headers.get('Content-Disposition')) ?? (kind === 'xlsx' ? 'roadmap.xlsx' : 'progress-report.docx') };
  });
}

export type RecordOption = { value: string; label: string };

/** Existing records to cite as evidence, found by title: events, monitoring campaigns, documents. */
export async function searchRecords(kind: EvidenceKind, q: string): Promise<RecordOption[]> {
  return guard(async () => {
    if (kind === 'event') {
      const page = unwrap(await api.GET('/api/v1/events', { params: { query: { q: q || null, limit: 20 } } }));
      return page.items.map((e) => ({ value: e.id, label: e.title }));
    }
    if (kind === 'document') {
      const page = unwrap(await api.GET('/api/v1/documents', { params: { query: { q: q || null, limit: 20 } } }));
      return page.items.map((d) => ({ value: d.id, label: d.title }));
    }
    if (kind === 'campaign') {
      const page = unwrap(await api.GET('/api/v1/campaigns', { params: { query: { limit: 100 } } }));
      const needle = q.trim().toLowerCase();
      return page.items.filter((c) => !needle || c.title.toLowerCase().includes(needle)).map((c) => ({ value: c.id, label: c.title }));
    }
    // Meetings live in their association's card: the associations found by the text, then their meetings.
    const found = unwrap(await api.GET('/api/v1/associations', { params: { query: { q: q || null, limit: 5 } } }));
    const cards = await Promise.all(
      found.items.map(async (a) => unwrap(await api.GET('/api/v1/associations/{association_id}', { params: { path: { association_id: a.id } } }))),
    );
    return cards.flatMap((a) =>
      (a.meetings ?? []).filter((mt) => !mt.archived_at).map((mt) => ({ value: mt.id, label: `${a.title}: ${mt.topic} (${formatDate(mt.held_on)})` })),
    );
  });
}

/** An evidence file, downloaded with the session's token and saved under its name. */
export async function downloadFile(fileId: string): Promise<{ blob: Blob; filename: string }> {
  return guard(async () => {
    const result = await api.GET('/api/v1/files/{file_id}/content', { params: { path: { file_id: fileId } }, parseAs: 'blob' });
    const blob = unwrap(result) as unknown as Blob;
    return { blob, filename: filenameFrom(result.response.headers.get('Content-Disposition')) ?? 'file' };
  });
}
