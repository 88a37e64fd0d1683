import { useEffect, useRef, useState } from 'react';
import { Alert, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useNavigate } from '@tanstack/react-router';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError, errorMessage } from '../../api/errors';
import { PageHeader } from '../../components/PageHeader';
import { LoadingState } from '../../components/states';
import { createDraft, invalidateRoutes } from './api';
import { t } from './messages';

const m = t.routes.newRoute;

/** `/individual-routes/new?assignment=…`: builds the draft from the diagnostic and opens it (an existing route of the
 * same diagnostic is opened instead). */
export function NewRoutePage({ assignmentId }: { assignmentId: string | undefined }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const started = useRef(false);

  useEffect(() => {
    if (!assignmentId || started.current) return;
    started.current = true;
    createDraft(assignmentId)
      .then(async (route) => {
        await invalidateRoutes(queryClient);
        await navigate({ to: '/individual-routes/$routeId', params: { routeId: route.id }, replace: true });
      })
      .catch(async (e: unknown) => {
        const existing = e instanceof ApiError ? (e.problem?.existing_id as string | undefined) : undefined;
        if (existing) {
          notifications.show({ color: 'blue', message: m.exists });
          await navigate({ to: '/individual-routes/$routeId', params: { routeId: existing }, replace: true });
          return;
        }
        setError(errorMessage(e));
      });
  }, [assignmentId, navigate, queryClient]);

  return (
    <Stack>
      <PageHeader title={m.title} documentTitle={m.title} />
      {!assignmentId ? <Alert color="yellow">{m.noAssignment}</Alert> : null}
      {assignmentId && !error ? <LoadingState label={m.building} /> : null}
      {error ? (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      ) : null}
    </Stack>
  );
}
