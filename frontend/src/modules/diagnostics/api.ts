/** Diagnostics: query keys, reads (instruments, campaigns, assignments, profiles) and writes with If-Match. */
import { keepPreviousData, type QueryClient, queryOptions } from '@tanstack/react-query';
import { api } from '../../api/client';
import { ApiError, etagOf, guard, toApiError, unwrap, type Versioned } from '../../api/errors';
import { filenameFrom } from '../../api/queries';
import type { operations, components } from '../../api/schema';
import type { Answers, Content } from './logic';

type S = components['schemas'];
export type InstrumentSummary = S['InstrumentSummary'];
export type Instrument = S['InstrumentRead'];
export type InstrumentCreate = S['InstrumentCreate'];
export type InstrumentUpdate = S['InstrumentUpdate'];
export type ImportReport = S['InstrumentImportReport'];
export type Campaign = S['CampaignRead'];
export type CampaignCreate = S['CampaignCreate'];
export type CampaignUpdate = S['CampaignUpdate'];
export type CompletionRow = S['CompletionRow'];
export type TopicResults = S['TopicResults'];
export type Assignment = S['AssignmentRead'];
export type MyAssignment = S['MyAssignmentRead'];
export type AreaResult = S['AreaResult'];
export type DeficitProfile = S['DeficitProfileRead'];
export type InstrumentQuery = NonNullable<operations['list_instruments']['parameters']['query']>;
export type CampaignQuery = NonNullable<operations['list_campaigns']['parameters']['query']>;
export type AssignmentQuery = NonNullable<operations['list_assignments']['parameters']['query']>;
export type ProfileQuery = NonNullable<operations['list_deficit_profiles']['parameters']['query']>;

export const diagnosticsKeys = {
  all: ['diagnostics'] as const,
  instruments: (q: InstrumentQuery) => ['diagnostics', 'instruments', q] as const,
  instrument: (id: string) => ['diagnostics', 'instrument', id] as const,
  campaigns: (q: CampaignQuery) => ['diagnostics', 'campaigns', q] as const,
  campaign: (id: string) => ['diagnostics', 'campaign', id] as const,
  completion: (id: string) => ['diagnostics', 'campaign', id, 'completion'] as const,
  topics: (id: string) => ['diagnostics', 'campaign', id, 'topics'] as const,
  assignments: (q: AssignmentQuery) => ['diagnostics', 'assignments', q] as const,
  myAssignment: (id: string) => ['diagnostics', 'my-assignment', id] as const,
  profiles: (q: ProfileQuery) => ['diagnostics', 'profiles', q] as const,
  profile: (assignmentId: string, campaignId?: string) => ['diagnostics', 'profile', assignmentId, campaignId ?? null] as const,
};

export async function invalidateDiagnostics(queryClient: QueryClient) {
  await queryClient.invalidateQueries({ queryKey: diagnosticsKeys.all });
}

// --- instruments ---

export const instrumentListQuery = (query: InstrumentQuery) =>
  queryOptions({
    queryKey: diagnosticsKeys.instruments(query),
    queryFn: () => guard(async () => unwrap(await api.GET('/api/v1/instruments', { params: { query } }))),
    placeholderData: keepPreviousData,
  });

/** Published versions for the campaign form (the API caps a page at 200). */
export const publishedInstrumentsQuery = queryOptions({
  queryKey: diagnosticsKeys.instruments({ status: 'published', limit: 200 }),
  queryFn: () =>
    guard(async () => unwrap(await api.GET('/api/v1/instruments', { params: { query: { status: 'published', limit: 200, sort: 'title' } } })).items),
});

export const instrumentQuery = (id: string) =>
  queryOptions({
    queryKey: diagnosticsKeys.instrument(id),
    queryFn: () =>
      guard(async () => unwrap(await api.GET('/api/v1/instruments/{instrument_id}', { params: { path: { instrument_id: id } } }))),
  });

export async function createInstrument(body: InstrumentCreate) {
  return guard(async () => unwrap(await api.POST('/api/v1/instruments', { body })));
}

export async function updateInstrument(item: Versioned, body: InstrumentUpdate) {
  return guard(async () =>
    unwrap(
      await api.PATCH('/api/v1/instruments/{instrument_id}', {
        params: { path: { instrument_id: item.id }, header: { 'If-Match': etagOf(item.version) } },
        body,
      }),
    ),
  );
}

/** The editor's content as the API's sections and scale (the generated types keep them as loose JSON). */
export const contentBody = (content: Content) =>
  ({ sections: content.sections, scale: content.scale }) as unknown as Pick<InstrumentUpdate, 'sections' | 'scale'>;

export async function publishInstrument(item: Versioned) {
  return guard(async () =>
    unwrap(
      await api.POST('/api/v1/instruments/{instrument_id}/publish', {
        params: { path: { instrument_id: item.id }, header: { 'If-Match': etagOf(item.version) } },
      }),
    ),
  );
}

export async function newInstrumentVersion(id: string) {
  return guard(async () =>
    unwrap(await api.POST('/api/v1/instruments/{instrument_id}/versions', { params: { path: { instrument_id: id } }, body: {} })),
  );
}

export async function archiveInstrument(item: Versioned, reason: string) {
  return guard(async () =>
    unwrap(
      await api.POST('/api/v1/instruments/{instrument_id}/archive', {
        params: { path: { instrument_id: item.id }, header: { 'If-Match': etagOf(item.version) } },
        body: { reason },
      }),
    ),
  );
}

export async function exportInstrument(id: string, format: 'json' | 'xlsx'): Promise<{ blob: Blob; filename: string }> {
  return guard(async () => {
    const result = await api.GET('/api/v1/instruments/{instrument_id}/export', {
      params: { path: { instrument_id: id }, query: { format } },
      parseAs: 'blob',
    });
    const blob = unwrap(result) as unknown as Blob;
    return { blob, filename: filenameFrom(result.response.headers.get('Content-Disposition')) ?? `instrument.${format}` };
  });
}

export type ImportArgs = { file: File; title?: string; kind?: string; dryRun: boolean };

export function importForm(args: ImportArgs): FormData {
  const form = new FormData();
  form.append('file', args.file);
  if (args.title) form.append('title', args.title);
  if (args.kind) form.append('kind', args.kind);
  form.append('dry_run', String(args.dryRun));
  return form;
}

/** A file's import; a 422 with errors still carries the report's issues (field `file.lineN`). */
export async function importInstrument(args: ImportArgs): Promise<ImportReport> {
  return guard(async () =>
    unwrap(
      await api.POST('/api/v1/instruments/import', {
        body: { file: args.file as unknown as string, dry_run: args.dryRun },
        bodySerializer: () => importForm(args),
      }),
    ),
  );
}

// --- campaigns ---

export const campaignListQuery = (query: CampaignQuery) =>
  queryOptions({
    queryKey: diagnosticsKeys.campaigns(query),
    queryFn: () => guard(async () => unwrap(await api.GET('/api/v1/campaigns', { params: { query } }))),
    placeholderData: keepPreviousData,
  });

export const campaignQuery = (id: string) =>
  queryOptions({
    queryKey: diagnosticsKeys.campaign(id),
    queryFn: () => guard(async () => unwrap(await api.GET('/api/v1/campaigns/{campaign_id}', { params: { path: { campaign_id: id } } }))),
  });

/** Live: refreshed every 30 seconds while the page is open. */
export const completionQuery = (id: string) =>
  queryOptions({
    queryKey: diagnosticsKeys.completion(id),
    queryFn: () =>
      guard(async () => unwrap(await api.GET('/api/v1/campaigns/{campaign_id}/completion', { params: { path: { campaign_id: id } } }))),
    refetchInterval: 30_000,
    staleTime: 0,
  });

export const topicsQuery = (id: string) =>
  queryOptions({
    queryKey: diagnosticsKeys.topics(id),
    queryFn: () => guard(async () => unwrap(await api.GET('/api/v1/campaigns/{campaign_id}/topics', { params: { path: { campaign_id: id } } }))),
  });

export async function createCampaign(body: CampaignCreate) {
  return guard(async () => unwrap(await api.POST('/api/v1/campaigns', { body })));
}

export async function updateCampaign(item: Versioned, body: CampaignUpdate) {
  return guard(async () =>
    unwrap(
      await api.PATCH('/api/v1/campaigns/{campaign_id}', {
        params: { path: { campaign_id: item.id }, header: { 'If-Match': etagOf(item.version) } },
        body,
      }),
    ),
  );
}

export async function archiveCampaign(item: Versioned, reason: string) {
  return guard(async () =>
    unwrap(
      await api.POST('/api/v1/campaigns/{campaign_id}/archive', {
        params: { path: { campaign_id: item.id }, header: { 'If-Match': etagOf(item.version) } },
        body: { reason },
      }),
    ),
  );
}

// --- assignments ---

export const assignmentListQuery = (query: AssignmentQuery) =>
  queryOptions({
    queryKey: diagnosticsKeys.assignments(query),
    queryFn: () => guard(async () => unwrap(await api.GET('/api/v1/assignments', { params: { query } }))),
    placeholderData: keepPreviousData,
  });

export const myAssignmentQuery = (id: string) =>
  queryOptions({
    queryKey: diagnosticsKeys.myAssignment(id),
    queryFn: () =>
      guard(async () => unwrap(await api.GET('/api/v1/assignments/{assignment_id}', { params: { path: { assignment_id: id } } }))),
    // The answering page owns its copy while it is open: a background refetch would fight the autosave.
    refetchOnWindowFocus: false,
  });

export async function saveAnswers(item: Versioned, answers: Answers) {
  return guard(async () =>
    unwrap(
      await api.PUT('/api/v1/assignments/{assignment_id}/answers', {
        params: { path: { assignment_id: item.id }, header: { 'If-Match': etagOf(item.version) } },
        body: { answers },
      }),
    ),
  );
}

export async function submitAssignment(item: Versioned) {
  return guard(async () =>
    unwrap(
      await api.POST('/api/v1/assignments/{assignment_id}/submit', {
        params: { path: { assignment_id: item.id }, header: { 'If-Match': etagOf(item.version) } },
      }),
    ),
  );
}

/** A refused reminder (429) keeps `Retry-After` (seconds) to say when it is possible again. */
export class ReminderTooSoon extends ApiError {
  readonly retryAfter: number | null;
  constructor(base: ApiError, retryAfter: number | null) {
    super(base.status, base.problem, base.message);
    this.retryAfter = retryAfter;
  }
}

export async function remindAssignment(id: string) {
  return guard(async () => {
    const result = await api.POST('/api/v1/assignments/{assignment_id}/remind', { params: { path: { assignment_id: id } } });
    if (result.response.status === 429) {
      const header = result.response.headers.get('Retry-After');
      throw new ReminderTooSoon(toApiError(result.error, result.response), header ? Number(header) : null);
    }
    return unwrap(result);
  });
}

// --- deficit profiles ---

export const profileListQuery = (query: ProfileQuery) =>
  queryOptions({
    queryKey: diagnosticsKeys.profiles(query),
    queryFn: () => guard(async () => unwrap(await api.GET('/api/v1/deficit-profiles', { params: { query } }))),
    placeholderData: keepPreviousData,
  });

/** One profile by its assignment (someone else's: the read is audited; the teacher reads their own through their
 * assignment instead). */
export const profileQuery = (assignmentId: string, campaignId?: string) =>
  queryOptions({
    queryKey: diagnosticsKeys.profile(assignmentId, campaignId),
    queryFn: () =>
      guard(async () => unwrap(await api.GET('/api/v1/deficit-profiles/{assignment_id}', { params: { path: { assignment_id: assignmentId } } }))),
  });
