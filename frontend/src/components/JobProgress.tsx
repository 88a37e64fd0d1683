import { useState } from 'react';
import { Alert, Button, Group, Progress, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { downloadFile, useJob, type Job } from '../api/jobs';
import { errorMessage } from '../api/errors';
import { t } from '../i18n/messages';
import { saveBlob } from '../lib/download';

const COLORS: Record<Job['state'], string> = { queued: 'gray', running: 'blue', succeeded: 'green', failed: 'red' };

/** The progress of a job as it is now: «Выполнено N из M», the state, the error, the result file. */
export function JobProgressView({ job }: { job: Job }) {
  const [pending, setPending] = useState(false);
  const total = job.total ?? 0;
  const value = total > 0 ? Math.min(100, Math.round((job.done / total) * 100)) : job.state === 'succeeded' ? 100 : 0;
  async function download(fileId: string) {
    setPending(true);
    try {
      const { blob, filename } = await downloadFile(fileId);
      saveBlob(blob, filename);
    } catch (error) {
      notifications.show({ color: 'red', title: t.jobs.downloadFailed, message: errorMessage(error) });
    } finally {
      setPending(false);
    }
  }
  return (
    <Stack gap="xs" aria-live="polite">
      <Group justify="space-between">
        <Text fw={500}>{job.kind_name}</Text>
        <Text c={COLORS[job.state]}>{job.state_name}</Text>
      </Group>
      <Progress
        value={value}
        color={COLORS[job.state]}
        animated={job.state === 'running'}
        aria-label={t.jobs.progressLabel}
      />
      <Text size="sm">{job.total != null ? t.jobs.doneOf(job.done, job.total) : (job.message ?? t.jobs.waiting)}</Text>
      {job.state === 'failed' ? (
        <Alert color="red" title={t.jobs.failed}>
          {job.error ?? t.jobs.failed}
        </Alert>
      ) : null}
      {job.state === 'succeeded' && job.result_file_id ? (
        <Group>
          <Button loading={pending} onClick={() => void download(job.result_file_id as string)}>
            {t.jobs.download}
          </Button>
        </Group>
      ) : null}
    </Stack>
  );
}

/** A job polled until it ends. */
export function JobProgress({ jobId }: { jobId: string }) {
  const job = useJob(jobId);
  if (job.error) return <Alert color="red">{errorMessage(job.error)}</Alert>;
  if (!job.data) return <Progress value={0} aria-label={t.jobs.progressLabel} />;
  return <JobProgressView job={job.data} />;
}
