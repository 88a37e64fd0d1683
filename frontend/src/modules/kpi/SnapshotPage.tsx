import { useState } from 'react';
import { Badge, Button, Card, Group, Modal, Stack, Table, Text, Textarea, Timeline, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { errorMessage, isStatus } from '../../api/errors';
import { PageHeader } from '../../components/PageHeader';
import { RouterAnchor } from '../../components/RouterLinks';
import { ConflictAlert, ErrorState, FormErrors, LoadingState } from '../../components/states';
import { formatDate, formatDateTime } from '../../lib/format';
import { indicatorsQuery, invalidateKpi, snapshotQuery, snapshotStep, type SnapshotAction, type SnapshotDetail } from './api';
import { formatFraction, formatKpiValue, statusView } from './format';
import { t } from './messages';
import { StatusBadge } from './SnapshotsPage';

const s = t.kpi.snapshots;
const ORDER: SnapshotAction[] = ['submit', 'approve', 'return', 'discard'];

/** One snapshot: its values, the buttons its `actions` allow (never guessed from roles), and its history. */
export function SnapshotPage({ snapshotId }: { snapshotId: string }) {
  const snapshot = useQuery(snapshotQuery(snapshotId));
  if (snapshot.isPending) return <LoadingState />;
  if (snapshot.isError) return <ErrorState error={snapshot.error} onRetry={() => void snapshot.refetch()} />;
  return (
    <Stack>
      <RouterAnchor to="/kpi/snapshots" size="sm">
        {`← ${s.back}`}
      </RouterAnchor>
      <SnapshotView snapshot={snapshot.data} onReload={() => void snapshot.refetch()} />
    </Stack>
  );
}

export function SnapshotView({ snapshot, onReload }: { snapshot: SnapshotDetail; onReload: () => void }) {
  const queryClient = useQueryClient();
  const indicators = useQuery(indicatorsQuery);
  const [pending, setPending] = useState<SnapshotAction | null>(null);
  const [returning, setReturning] = useState(false);
  const [conflict, setConflict] = useState(false);
  const [messages, setMessages] = useState<string[]>([]);
  const run = async (action: SnapshotAction, comment?: string) => {
    setPending(action);
    setMessages([]);
    setConflict(false);
    try {
      await snapshotStep(snapshot, action, comment);
      notifications.show({ color: 'green', message: s.done[action] ?? '' });
      setReturning(false);
      await invalidateKpi(queryClient);
    } catch (error) {
      if (isStatus(error, 412)) setConflict(true);
      else setMessages([errorMessage(error)]);
    } finally {
      setPending(null);
    }
  };
  const unitOf = (code: string) => indicators.data?.items.find((i) => i.code === code)?.unit ?? 'count';
  const nameOf = (code: string) => indicators.data?.items.find((i) => i.code === code)?.name ?? '';
  const totals = snapshot.rows.filter((r) => r.unit_kind !== 'organization');
  const actions = ORDER.filter((a) => snapshot.actions.includes(a));
  return (
    <Stack>
      <PageHeader
        title={s.cardTitle(snapshot.municipality_name, snapshot.period)}
        description={`${t.kpi.drilldown.referenceDate}: ${formatDate(snapshot.reference_date)}`}
        actions={
          actions.length ? (
            <Group gap="sm">
              {actions.map((a) => (
                <Button
                  key={a}
                  variant={a === 'approve' || a === 'submit' ? 'filled' : a === 'discard' ? 'subtle' : 'light'}
                  color={a === 'discard' ? 'red' : a === 'return' ? 'orange' : undefined}
                  loading={pending === a}
                  onClick={() => (a === 'return' ? setReturning(true) : void run(a))}
                >
                  {s.actions[a]}
                </Button>
              ))}
            </Group>
          ) : null
        }
      />
      <Group gap="sm" data-testid="kpi-snapshot-status">
        <StatusBadge status={snapshot.status} />
        {snapshot.comment ? <Text size="sm">{`${s.comment}: ${snapshot.comment}`}</Text> : null}
      </Group>
      {conflict ? (
        <ConflictAlert
          onReload={() => {
            setConflict(false);
            onReload();
          }}
        />
      ) : null}
      <FormErrors messages={messages} />
      <Card withBorder padding="md" component="section" aria-labelledby="kpi-snapshot-rows">
        <Title order={3} size="h4" id="kpi-snapshot-rows" mb="sm">
          {s.rows}
        </Title>
        <Table.ScrollContainer minWidth={720}>
          <Table striped verticalSpacing="xs" data-testid="kpi-snapshot-rows">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t.kpi.columns.code}</Table.Th>
                <Table.Th>{t.kpi.columns.name}</Table.Th>
                <Table.Th ta="right">{t.kpi.columns.value}</Table.Th>
                <Table.Th ta="right">{t.kpi.columns.fraction}</Table.Th>
                <Table.Th ta="right">{t.kpi.columns.target}</Table.Th>
                <Table.Th>{t.kpi.columns.status}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {totals.map((r) => {
                const unit = unitOf(r.indicator);
                const st = statusView(r.status, r.value);
                return (
                  <Table.Tr key={`${r.indicator}:${r.unit_id}`}>
                    <Table.Td fw={600} style={{ whiteSpace: 'nowrap' }}>
                      {r.indicator}
                    </Table.Td>
                    <Table.Td maw={360}>
                      <Text size="sm" lineClamp={2}>
                        {nameOf(r.indicator)}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                      {formatKpiValue(r.value ?? null, unit)}
                    </Table.Td>
                    <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                      {formatFraction(r.numerator, r.denominator) ?? r.numerator.toLocaleString('ru-RU')}
                    </Table.Td>
                    <Table.Td ta="right">{r.target === null || r.target === undefined ? t.common.emptyValue : formatKpiValue(r.target, unit)}</Table.Td>
                    <Table.Td>
                      <Badge variant="dot" color={st.color} tt="none">
                        {st.label}
                      </Badge>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Card>
      <Card withBorder padding="md" component="section" aria-labelledby="kpi-snapshot-history">
        <Title order={3} size="h4" id="kpi-snapshot-history" mb="sm">
          {s.history}
        </Title>
        <Timeline bulletSize={14} lineWidth={2} data-testid="kpi-snapshot-history">
          {snapshot.history.map((h, i) => (
            <Timeline.Item key={`${h.at}:${i}`} title={s.historyActions[h.action] ?? h.action}>
              <Text size="sm" c="dimmed">
                {s.byAt(h.by_name ?? t.common.emptyValue, formatDateTime(h.at))}
              </Text>
              {h.comment ? <Text size="sm">{h.comment}</Text> : null}
            </Timeline.Item>
          ))}
        </Timeline>
      </Card>
      <ReturnModal opened={returning} pending={pending === 'return'} onClose={() => setReturning(false)} onConfirm={(comment) => void run('return', comment)} />
    </Stack>
  );
}

function ReturnModal({ opened, pending, onClose, onConfirm }: { opened: boolean; pending: boolean; onClose: () => void; onConfirm: (comment: string) => void }) {
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | undefined>();
  return (
    <Modal opened={opened} onClose={onClose} title={s.returnTitle} closeButtonProps={{ 'aria-label': t.common.close }}>
      <Stack>
        <Textarea label={s.comment} required autosize minRows={3} value={comment} onChange={(e) => setComment(e.currentTarget.value)} error={error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t.common.cancel}
          </Button>
          <Button
            color="orange"
            loading={pending}
            onClick={() => {
              if (!comment.trim()) setError(s.commentRequired);
              else onConfirm(comment.trim());
            }}
          >
            {s.actions.return}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
