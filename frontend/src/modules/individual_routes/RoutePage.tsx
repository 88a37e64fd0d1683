import { useState } from 'react';
import { Anchor, Badge, Button, Card, Group, Progress, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { errorMessage, isStatus } from '../../api/errors';
import { ArchiveModal } from '../../components/ArchiveModal';
import { FileDownloadLink } from '../../components/FileDownloadLink';
import { InfoGrid } from '../../components/InfoGrid';
import { PageHeader } from '../../components/PageHeader';
import { RouterAnchor } from '../../components/RouterLinks';
import { ErrorState, LoadingState } from '../../components/states';
import { formatDate, formatDateTime } from '../../lib/format';
import { approveRoute, archiveRoute, completeRoute, downloadEvidence, invalidateRoutes, routeKeys, routeQuery, undoAction } from './api';
import { DoneModal } from './DoneModal';
import { overdueText, progressView, type ActionRead, type RouteRead } from './logic';
import { t } from './messages';
import { PlanEditor } from './PlanEditor';
import { StatusBadge } from './RoutesListPage';

const m = t.routes;
const c = m.card;

/** A route: goals and actions with deadlines, overdue flags and evidence; the editors edit the plan and approve it,
 * the teacher marks actions done with evidence. */
export function RoutePage({ routeId }: { routeId: string }) {
  const query = useQuery(routeQuery(routeId));
  if (query.isPending) return <LoadingState />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} notFoundTitle={m.notFound} />;
  return <RouteCard r={query.data} onReload={() => void query.refetch()} />;
}

function RouteCard({ r, onReload }: { r: RouteRead; onReload: () => void }) {
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [archiving, setArchiving] = useState(false);
  const [marking, setMarking] = useState<ActionRead | null>(null);
  const [pending, setPending] = useState<string | null>(null);
  const actions = r.actions ?? [];
  const p = progressView(r.progress ?? 0, r.actions_total ?? 0);

  async function accept(next: RouteRead, message: string) {
    queryClient.setQueryData(routeKeys.one(r.id), next);
    notifications.show({ color: 'green', message });
    await invalidateRoutes(queryClient);
  }

  async function run(key: string, call: () => Promise<RouteRead>, message: string) {
    setPending(key);
    try {
      await accept(await call(), message);
    } catch (error) {
      notifications.show({ color: 'red', message: errorMessage(error) });
      if (isStatus(error, 412) || isStatus(error, 409)) onReload();
    } finally {
      setPending(null);
    }
  }

  return (
    <Stack>
      <RouterAnchor to="/individual-routes" size="sm">
        {`← ${m.back}`}
      </RouterAnchor>
      <PageHeader
        title={r.teacher_name ?? r.title}
        documentTitle={m.title}
        description={
          <Group gap={6}>
            <StatusBadge status={r.status} />
            {r.overdue_count ? (
              <Badge color="red" variant="filled" tt="none" data-testid="route-overdue">
                {overdueText(r.overdue_count)}
              </Badge>
            ) : null}
          </Group>
        }
        actions={
          editing ? null : (
            <Group gap="sm">
              {actions.includes('update') ? (
                <Button variant="default" onClick={() => setEditing(true)}>
                  {m.actions.edit}
                </Button>
              ) : null}
              {actions.includes('approve') ? (
                <Button loading={pending === 'approve'} onClick={() => void run('approve', () => approveRoute(r), m.approved)}>
                  {m.actions.approve}
                </Button>
              ) : null}
              {actions.includes('complete') ? (
                <Button variant="light" loading={pending === 'complete'} onClick={() => void run('complete', () => completeRoute(r), m.completed)}>
                  {m.actions.complete}
                </Button>
              ) : null}
              {actions.includes('archive') ? (
                <Button variant="subtle" color="red" onClick={() => setArchiving(true)}>
                  {m.actions.archive}
                </Button>
              ) : null}
            </Group>
          )
        }
      />
      <Card withBorder>
        <Stack>
          <Text fw={500}>{r.title}</Text>
          <InfoGrid
            items={[
              { label: c.organization, value: r.organization_name ?? t.common.emptyValue },
              { label: c.campaign, value: r.campaign_title ?? t.common.emptyValue },
              {
                label: c.approved,
                value: r.approved_at ? `${formatDateTime(r.approved_at)}${r.approved_by_name ? `, ${r.approved_by_name}` : ''}` : t.common.emptyValue,
              },
              { label: c.note, value: r.note ?? t.common.emptyValue },
            ]}
          />
          <Group gap="sm" wrap="nowrap">
            <Progress value={p.value} color={p.color} style={{ flex: 1 }} aria-label={c.progress} size="lg" />
            <Text size="sm" data-testid="route-progress">
              {p.label} ({m.progress(r.actions_done ?? 0, r.actions_total ?? 0)})
            </Text>
          </Group>
        </Stack>
      </Card>
      {editing ? (
        <PlanEditor
          route={r}
          onCancel={() => setEditing(false)}
          onSaved={(next) => {
            setEditing(false);
            void accept(next, m.saved);
          }}
        />
      ) : (
        <Stack>
          <Title order={3}>{c.goals}</Title>
          {(r.goals ?? []).length === 0 ? <Text c="dimmed">{c.noGoals}</Text> : null}
          {(r.goals ?? []).map((g) => (
            <Card key={g.id} withBorder padding="sm" data-testid="route-goal">
              <Stack gap="xs">
                <Text fw={600}>{g.text}</Text>
                {(g.actions ?? []).length === 0 ? (
                  <Text size="sm" c="dimmed">
                    {c.noActions}
                  </Text>
                ) : null}
                {(g.actions ?? []).map((a) => (
                  <ActionItem
                    key={a.id}
                    routeId={r.id}
                    a={a}
                    canMark={actions.includes('mark_done') && a.status === 'planned'}
                    canUndo={actions.includes('undo') && a.status === 'done'}
                    undoing={pending === `undo:${a.id}`}
                    onMark={() => setMarking(a)}
                    onUndo={() => void run(`undo:${a.id}`, () => undoAction(r, a.id), m.undone)}
                  />
                ))}
              </Stack>
            </Card>
          ))}
        </Stack>
      )}
      <DoneModal
        route={r}
        action={marking}
        onClose={() => setMarking(null)}
        onDone={(next) => {
          setMarking(null);
          void accept(next, m.markedDone);
        }}
      />
      <ArchiveModal
        opened={archiving}
        onClose={() => setArchiving(false)}
        title={m.archiveTitle}
        text={m.archiveText}
        placeholder={m.archivePlaceholder}
        onReload={onReload}
        onConfirm={async (reason) => {
          const next = await archiveRoute(r, reason);
          setArchiving(false);
          await accept(next, t.common.archived);
        }}
      />
    </Stack>
  );
}

function ActionItem({
  routeId,
  a,
  canMark,
  canUndo,
  undoing,
  onMark,
  onUndo,
}: {
  routeId: string;
  a: ActionRead;
  canMark: boolean;
  canUndo: boolean;
  undoing: boolean;
  onMark: () => void;
  onUndo: () => void;
}) {
  const done = a.status === 'done';
  return (
    <Card
      padding="xs"
      radius="sm"
      withBorder
      data-testid="route-action"
      style={a.overdue ? { borderColor: 'var(--mantine-color-red-6)', background: 'var(--mantine-color-red-0)' } : undefined}
    >
      <Stack gap={4}>
        <Group justify="space-between" wrap="wrap" gap="xs" align="flex-start">
          <Stack gap={2} style={{ flex: 1, minWidth: 200 }}>
            <Group gap={6}>
              <Badge size="xs" variant="outline" tt="none">
                {m.kinds[a.kind] ?? a.kind_label}
              </Badge>
              {done ? (
                <Badge size="xs" color="green" tt="none">
                  {c.done}
                </Badge>
              ) : null}
              {a.overdue ? (
                <Badge size="xs" color="red" variant="filled" tt="none">
                  {c.overdue}
                </Badge>
              ) : null}
            </Group>
            <Text size="sm" td={done ? 'line-through' : undefined}>
              {a.title}
            </Text>
            <Text size="xs" c={a.overdue ? 'red' : 'dimmed'}>
              {c.deadline}: {a.deadline ? formatDate(a.deadline) : c.noDeadline}
            </Text>
          </Stack>
          <Group gap="xs">
            {canMark ? (
              <Button size="xs" onClick={onMark}>
                {m.actions.markDone}
              </Button>
            ) : null}
            {canUndo ? (
              <Button size="xs" variant="subtle" color="gray" loading={undoing} onClick={onUndo}>
                {m.actions.undo}
              </Button>
            ) : null}
          </Group>
        </Group>
        {done ? (
          <Stack gap={2}>
            <Text size="xs" c="dimmed">
              {c.doneBy(a.done_at ? formatDate(a.done_at) : '', a.done_by_name ?? null)}
            </Text>
            {a.evidence_url ? (
              <Anchor href={a.evidence_url} target="_blank" rel="noopener noreferrer" size="sm" style={{ wordBreak: 'break-all' }}>
                {a.evidence_url}
              </Anchor>
            ) : null}
            {a.evidence_file_id ? (
              <FileDownloadLink title={a.evidence_file_name ?? c.evidenceFile} download={() => downloadEvidence(routeId, a.id)} />
            ) : null}
            {a.evidence_title ? <Text size="sm">{a.evidence_title}</Text> : null}
            {a.evidence_note ? (
              <Text size="sm" c="dimmed">
                {a.evidence_note}
              </Text>
            ) : null}
          </Stack>
        ) : null}
      </Stack>
    </Card>
  );
}
