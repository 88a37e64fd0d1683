import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from './client';
import { guard, unwrap } from './errors';
import { filenameFrom } from './queries';
import type { components } from './schema';

export type Job = components['schemas']['JobRead'];
export type JobAccepted = components['schemas']['JobAccepted'];

/** How often a running job is asked for its progress. */
export const JOB_POLL_MS = 1000;

export const jobKeys = {
  all: ['jobs'] as const,
  one: (id: string) => ['jobs', id] as const,
};

export const jobQuery = (id: string) =>
  queryOptions({
    queryKey: jobKeys.one(id),
    queryFn: () => guard(async () => unwrap(await api.GET('/api/v1/jobs/{job_id}', { params: { path: { job_id: id } } }))),
  });

export function isFinished(job: Pick<Job, 'state'> | undefined): boolean {
  return job?.state === 'succeeded' || job?.state === 'failed';
}

/** A background job's state, polled every second until it succeeds or fails. */
export function useJob(id: string | null | undefined) {
  return useQuery({
    ...jobQuery(id ?? ''),
    enabled: Boolean(id),
    refetchInterval: (query) => (isFinished(query.state.data) ? false : JOB_POLL_MS),
  });
}

/** A stored file (e.g. a job's result) as a Blob with its Russian name. */
export async function downloadFile(fileId: string): Promise<{ blob: Blob; filename: string }> {
  return guard(async () => {
    const result = await api.GET('/api/v1/files/{file_id}/content', {
      params: { path: { file_id: fileId } },
      parseAs: 'blob',
    });
    const blob = unwrap(result) as unknown as Blob;
    return { blob, filename: filenameFrom(result.response.headers.get('Content-Disposition')) ?? 'file' };
  });
}
