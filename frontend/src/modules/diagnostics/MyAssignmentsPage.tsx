/** «Мои диагностики»: the teacher's assignments as cards (window, status, progress) — readable on a phone. */
import { Badge, Group, Paper, Progress, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { ListView } from '../../components/ListView';
import { PageHeader } from '../../components/PageHeader';
import { RouterButton } from '../../components/RouterLinks';
import { EmptyBlock } from '../../components/states';
import { formatDate } from '../../lib/format';
import { assignmentListQuery, type Assignment } from './api';
import { t } from './messages';
import { DiagnosticsSectionNav } from './parts';

const my = t.myDiagnostics;
const STATUS_COLORS: Record<string, string> = { assigned: 'blue', in_progress: 'yellow', submitted: 'green' };
const LIMIT = 20;

type Props = { offset: number; onOffset: (offset: number) => void };

export function MyAssignmentsPage({ offset, onOffset }: Props) {
  const list = useQuery(assignmentListQuery({ limit: LIMIT, offset, sort: 'status' }));
  return (
    <Stack>
      <PageHeader title={my.title} />
      <DiagnosticsSectionNav current="my" />
      {list.data && list.data.total === 0 ? (
        <EmptyBlock title={my.empty} description={my.emptyHint} />
      ) : (
        <ListView query={list} emptyTitle={my.empty} onOffsetChange={onOffset}>
          {(items) => (
            <Stack gap="sm" data-testid="my-assignments">
              {items.map((item) => (
                <AssignmentCard key={item.id} item={item} />
              ))}
            </Stack>
          )}
        </ListView>
      )}
    </Stack>
  );
}

function AssignmentCard({ item }: { item: Assignment }) {
  const percent = item.item_count ? Math.round((item.answered * 100) / item.item_count) : 0;
  const label = item.status === 'submitted' ? my.result : item.status === 'in_progress' ? my.continue : my.open;
  return (
    <Paper withBorder p="md" radius="md" component="article" aria-label={item.campaign_title} data-testid="my-assignment">
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
          <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
            {item.campaign_title}
          </Text>
          <Badge color={STATUS_COLORS[item.status] ?? 'gray'} variant="light" tt="none" miw="max-content">
            {t.diagnostics.assignmentStatuses[item.status] ?? item.status_label}
          </Badge>
        </Group>
        {item.opens_on && item.closes_on ? (
          <Text size="sm" c="dimmed">
            {t.diagnostics.window(formatDate(item.opens_on), formatDate(item.closes_on))}
          </Text>
        ) : null}
        {item.status !== 'submitted' && item.item_count ? (
          <Stack gap={4}>
            <Progress value={percent} aria-hidden="true" />
            <Text size="sm">{t.diagnostics.progress(item.answered, item.item_count)}</Text>
          </Stack>
        ) : null}
        <Group justify="flex-end">
          <RouterButton
            to="/diagnostics/assignments/$assignmentId"
            params={{ assignmentId: item.id }}
            size="md"
            variant={item.status === 'submitted' ? 'light' : 'filled'}
            aria-label={`${label}: ${item.campaign_title}`}
          >
            {label}
          </RouterButton>
        </Group>
      </Stack>
    </Paper>
  );
}
