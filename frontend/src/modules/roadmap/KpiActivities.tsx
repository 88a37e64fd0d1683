import { Card, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { can } from '../../auth/permissions';
import { useMe } from '../../auth/useMe';
import { ErrorState, LoadingState } from '../../components/states';
import { activitiesQuery } from './api';
import { ActivityTable } from './ActivityLists';
import { t } from './messages';

/** «Мероприятия дорожной карты» behind a KPI indicator (for the KPI dashboard's indicator details). */
export function KpiActivities({ code }: { code: string }) {
  const me = useMe();
  const allowed = can(me, 'roadmap:read');
  const query = useQuery(activitiesQuery({ kpi: code, limit: 50, sort: 'programme' }, allowed));
  if (!allowed) return null;
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="kpi-roadmap-title" data-testid="kpi-roadmap-activities">
      <Title order={3} size="h4" id="kpi-roadmap-title" mb="sm">
        {t.roadmap.kpi.title}
      </Title>
      {query.isPending ? (
        <LoadingState />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.items.length ? (
        <Stack gap="xs">
          <ActivityTable items={query.data.items} testId="kpi-roadmap-table" />
          {query.data.total > query.data.items.length ? (
            <Text size="sm" c="dimmed">
              {query.data.items.length} / {query.data.total}
            </Text>
          ) : null}
        </Stack>
      ) : (
        <Text c="dimmed">{t.roadmap.kpi.empty}</Text>
      )}
    </Card>
  );
}
