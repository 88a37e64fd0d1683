import { useState } from 'react';
import { Alert, Button, Card, Group, Stack, Text, Timeline, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { errorMessage, isStatus } from '../../api/errors';
import type { HelpRequest } from '../../api/types';
import { ArchiveModal } from '../../components/ArchiveModal';
import { InfoGrid } from '../../components/InfoGrid';
import { PageHeader } from '../../components/PageHeader';
import { RouterAnchor } from '../../components/RouterLinks';
import { ErrorState, LoadingState } from '../../components/states';
import { formatDate, formatDateTime } from '../../lib/format';
import { archiveHelpRequest, helpRequestQuery, invalidateHelp, takeHelpRequest } from './api';
import { CloseRequestModal, ConsultationModal, EditRequestModal, ReopenModal } from './ActionModals';
import { StateBadges } from './HelpRequestsPage';
import { t } from './messages';

const m = t.help;
const c = m.card;

/** A request: what was asked, its state, the consultations, the answer, and the actions the API allows. */
export function HelpRequestCard({ requestId }: { requestId: string }) {
  const query = useQuery(helpRequestQuery(requestId));
  if (query.isPending) return <LoadingState />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} notFoundTitle={m.notFound} />;
  return <Card_ r={query.data} onReload={() => void query.refetch()} />;
}

function Card_({ r, onReload }: { r: HelpRequest; onReload: () => void }) {
  const queryClient = useQueryClient();
  const [modal, setModal] = useState<'edit' | 'consult' | 'close' | 'reopen' | 'archive' | null>(null);
  const [taking, setTaking] = useState(false);
  const actions = r.actions ?? [];
  const consultations = r.consultations ?? [];
  const close = () => setModal(null);

  async function take() {
    setTaking(true);
    try {
      await takeHelpRequest(r);
      notifications.show({ color: 'green', message: m.taken });
    } catch (error) {
      notifications.show({ color: 'red', message: errorMessage(error) });
      if (isStatus(error, 412) || isStatus(error, 409)) onReload();
    } finally {
      setTaking(false);
      await invalidateHelp(queryClient);
    }
  }

  return (
    <Stack>
      <RouterAnchor to="/help-requests" size="sm">
        {`← ${c.back}`}
      </RouterAnchor>
      <PageHeader
        title={`${r.topic_name}`}
        documentTitle={m.title}
        description={<StateBadges r={r} />}
        actions={
          <Group gap="sm">
            {actions.includes('update') ? (
              <Button variant="default" onClick={() => setModal('edit')}>
                {m.actions.edit}
              </Button>
            ) : null}
            {actions.includes('take') ? (
              <Button loading={taking} onClick={() => void take()}>
                {m.actions.take}
              </Button>
            ) : null}
            {actions.includes('consult') ? (
              <Button variant="light" onClick={() => setModal('consult')}>
                {m.actions.consult}
              </Button>
            ) : null}
            {actions.includes('close') ? <Button onClick={() => setModal('close')}>{m.actions.close}</Button> : null}
            {actions.includes('reopen') ? (
              <Button variant="light" onClick={() => setModal('reopen')}>
                {m.actions.reopen}
              </Button>
            ) : null}
            {actions.includes('archive') ? (
              <Button variant="subtle" color="red" onClick={() => setModal('archive')}>
                {m.actions.archive}
              </Button>
            ) : null}
          </Group>
        }
      />

      {r.state === 'closed' ? (
        <Alert color={r.resolution === 'full' ? 'green' : 'yellow'} title={`${c.resolution}: ${m.resolutions[r.resolution ?? ''] ?? r.resolution_label ?? ''}`} data-testid="help-resolution">
          <Stack gap={4}>
            <Text size="sm">{r.resolution_comment}</Text>
            {r.closed_at ? (
              <Text size="xs" c="dimmed">
                {formatDateTime(r.closed_at)}
                {r.assignee_name ? `, ${r.assignee_name}` : ''}
              </Text>
            ) : null}
            {actions.includes('reopen') && r.reopen_until ? <Text size="sm">{c.reopenUntil(formatDate(r.reopen_until))}</Text> : null}
          </Stack>
        </Alert>
      ) : null}

      <Card withBorder>
        <Stack>
          <InfoGrid
            items={[
              { label: c.organization, value: r.organization_name ?? t.common.emptyValue },
              { label: c.teacher, value: r.teacher_name ?? m.schoolItself },
              { label: c.madeBy, value: r.requested_by_name ?? t.common.emptyValue },
              { label: c.opened, value: formatDate(r.opened_on) },
              {
                label: c.due,
                value: (
                  <Text size="sm" c={r.overdue ? 'red' : undefined}>
                    {formatDate(r.due_on)}
                    {r.overdue ? ` — ${m.overdue.toLowerCase()}` : ''}
                  </Text>
                ),
              },
              { label: c.desiredForm, value: m.forms[r.desired_form] ?? r.desired_form_label },
              { label: c.assignee, value: r.assignee_name ?? t.common.emptyValue },
            ]}
          />
          <Stack gap={4}>
            <Text size="sm" c="dimmed">
              {c.description}
            </Text>
            <Text style={{ whiteSpace: 'pre-wrap' }}>{r.description}</Text>
          </Stack>
          {r.reopen_count > 0 ? (
            <Text size="sm" c="dimmed">
              {c.reopened(r.reopen_count)}
            </Text>
          ) : null}
        </Stack>
      </Card>

      <Card withBorder>
        <Title order={3} size="h5" mb="sm">
          {c.consultations}
        </Title>
        {consultations.length === 0 ? (
          <Text c="dimmed" size="sm">
            {c.noConsultations}
          </Text>
        ) : (
          <Timeline bulletSize={14} lineWidth={2} data-testid="help-consultations">
            {consultations.map((x) => (
              <Timeline.Item key={x.id} title={`${formatDate(x.held_on)} — ${m.consultationForms[x.form] ?? x.form_label}`}>
                <Text size="sm" c="dimmed">
                  {x.consultant_name}
                </Text>
                {x.notes ? (
                  <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                    {x.notes}
                  </Text>
                ) : null}
              </Timeline.Item>
            ))}
          </Timeline>
        )}
      </Card>

      <EditRequestModal request={modal === 'edit' ? r : null} onClose={close} onReload={onReload} />
      <ConsultationModal request={modal === 'consult' ? r : null} onClose={close} onReload={onReload} />
      <CloseRequestModal request={modal === 'close' ? r : null} onClose={close} onReload={onReload} />
      <ReopenModal request={modal === 'reopen' ? r : null} onClose={close} onReload={onReload} />
      <ArchiveModal
        opened={modal === 'archive'}
        onClose={close}
        title={m.archiveTitle}
        text={m.archiveText}
        placeholder={m.archivePlaceholder}
        onReload={() => {
          close();
          onReload();
        }}
        onConfirm={async (reason) => {
          await archiveHelpRequest(r, reason);
          close();
          notifications.show({ color: 'green', message: m.archived });
          await invalidateHelp(queryClient);
        }}
      />
    </Stack>
  );
}
