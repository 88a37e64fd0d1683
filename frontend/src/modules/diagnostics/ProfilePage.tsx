/** A deficit profile: per area score of max, percentage and band (colour and words); «Составить ИОМ» for those who plan. */
import { Group, Paper, Stack } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { ApiError } from '../../api/errors';
import { can } from '../../auth/permissions';
import { useMe } from '../../auth/useMe';
import { InfoGrid } from '../../components/InfoGrid';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState, LoadingState } from '../../components/states';
import { formatDateTime } from '../../lib/format';
import { type AreaResult, myAssignmentQuery, profileQuery } from './api';
import { bandLabel } from './logic';
import { t } from './messages';
import { BuildRouteButton, buildsRoutes, DiagnosticsSectionNav, ProfileAreas } from './parts';

const p = t.profile;

type View = {
  assignmentId: string;
  teacherName?: string | null;
  organizationName?: string | null;
  campaignTitle: string;
  submittedAt?: string | null;
  areas: AreaResult[];
};

export function ProfilePage({ assignmentId, campaignId }: { assignmentId: string; campaignId?: string }) {
  const me = useMe();
  const answers = can(me, 'diagnostics:answer');
  const own = useQuery({ ...myAssignmentQuery(assignmentId), enabled: answers });
  const ownMissing = !answers || (own.isError && own.error instanceof Error);
  const entitled = can(me, 'diagnostics:results');
  const other = useQuery({ ...profileQuery(assignmentId, campaignId), enabled: entitled && ownMissing });

  let view: View | null = null;
  if (own.data && own.data.status === 'submitted') {
    view = {
      assignmentId,
      teacherName: own.data.teacher_name,
      organizationName: own.data.organization_name,
      campaignTitle: own.data.campaign_title,
      submittedAt: own.data.submitted_at,
      areas: own.data.results ?? [],
    };
  } else if (other.data) {
    view = {
      assignmentId,
      teacherName: other.data.teacher_name,
      organizationName: other.data.organization_name,
      campaignTitle: other.data.campaign_title,
      submittedAt: other.data.submitted_at,
      areas: other.data.areas,
    };
  }

  const pending = (answers && own.isPending) || (entitled && ownMissing && other.isPending && other.fetchStatus !== 'idle');
  const error = other.error ?? (own.data && own.data.status !== 'submitted' ? null : own.error);

  return (
    <Stack maw={900} w="100%">
      <PageHeader title={p.title} description={view?.campaignTitle} />
      <DiagnosticsSectionNav />
      {view ? (
        <ProfileBody view={view} planner={buildsRoutes(me)} />
      ) : pending ? (
        <LoadingState />
      ) : (
        <ErrorState error={error ?? new ApiError(404, null)} notFoundTitle={p.notFound} notFoundHint={p.notFoundHint} />
      )}
    </Stack>
  );
}

function ProfileBody({ view, planner }: { view: View; planner: boolean }) {
  const deficits = view.areas.filter((a) => a.band === 'deficit').map((a) => a.area_name || a.area_code);
  return (
    <Stack data-testid="profile">
      <Paper withBorder p="md" radius="md">
        <Stack gap="md">
          <InfoGrid
            items={[
              { label: p.teacher, value: view.teacherName ?? t.common.emptyValue },
              { label: p.organization, value: view.organizationName ?? t.common.emptyValue },
              { label: p.submittedAt, value: formatDateTime(view.submittedAt) },
              { label: p.deficitAreas, value: deficits.length ? deficits.join(', ') : `${p.none} (${bandLabel('none').toLowerCase()})` },
            ]}
          />
          {planner ? (
            <Group>
              <BuildRouteButton assignmentId={view.assignmentId} name={view.teacherName} />
            </Group>
          ) : null}
        </Stack>
      </Paper>
      <ProfileAreas areas={view.areas} />
    </Stack>
  );
}
