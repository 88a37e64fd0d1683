import { Badge, Card, Checkbox, Group, Progress, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { can } from '../../auth/permissions';
import { useMe } from '../../auth/useMe';
import { FiltersCard } from '../../components/FiltersCard';
import { ArchivedFilter, CodesFilter, OrganizationFilter } from '../../components/ListFilters';
import { ListView } from '../../components/ListView';
import { PageHeader } from '../../components/PageHeader';
import { RouterAnchor } from '../../components/RouterLinks';
import { StatCard } from '../../components/StatCard';
import { ErrorState, LoadingState } from '../../components/states';
import { formatDate } from '../../lib/format';
import { activeFilterCount } from '../../lib/search';
import { routeListQuery, routeSummaryQuery } from './api';
import { overdueText, progressView, type RouteSummary } from './logic';
import { t } from './messages';
import { STATUSES, toRouteQuery, type RoutesSearch } from './search';

const m = t.routes;

type Props = { search: RoutesSearch; onSearch: (next: RoutesSearch) => void };

/** «Индивидуальные образовательные маршруты»: the list (a teacher their own, a school its teachers', a methodologist
 * the municipality's) with status, progress and overdue actions; the department sees the summary only. */
export function RoutesListPage({ search, onSearch }: Props) {
  const me = useMe();
  const reads = can(me, 'routes:read');
  const mine = reads && !can(me, 'routes:write') && !can(me, 'routes:summary');
  return (
    <Stack>
      <PageHeader title={mine ? m.myTitle : m.title} description={m.intro} />
      {can(me, 'routes:summary') ? <SummaryCard /> : null}
      {reads ? <RouteList search={search} onSearch={onSearch} mine={mine} /> : null}
    </Stack>
  );
}

function SummaryCard() {
  const q = useQuery(routeSummaryQuery());
  if (q.isPending) return <LoadingState />;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  const s = q.data;
  const c = m.summaryColumns;
  return (
    <Card withBorder data-testid="routes-summary">
      <Stack>
        <Text fw={600}>{m.summaryTitle}</Text>
        <Text size="sm" c="dimmed">
          {m.summaryIntro}
        </Text>
        <SimpleGrid cols={{ base: 2, sm: 3, md: 6 }}>
          <StatCard label={m.total} value={s.total} />
          {STATUSES.map((st) => (
            <StatCard key={st} label={m.statuses[st] ?? st} value={s.by_status[st] ?? 0} />
          ))}
          <StatCard label={m.withOverdue} value={s.with_overdue} />
        </SimpleGrid>
        {s.organizations.length ? (
          <Table.ScrollContainer minWidth={640}>
            <Table striped verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{c.organization}</Table.Th>
                  <Table.Th>{c.total}</Table.Th>
                  <Table.Th>{c.draft}</Table.Th>
                  <Table.Th>{c.approved}</Table.Th>
                  <Table.Th>{c.in_progress}</Table.Th>
                  <Table.Th>{c.completed}</Table.Th>
                  <Table.Th>{c.overdue}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {s.organizations.map((o) => (
                  <Table.Tr key={o.organization_id ?? 'none'}>
                    <Table.Td>{o.organization_name ?? m.noOrganization}</Table.Td>
                    <Table.Td>{o.total}</Table.Td>
                    <Table.Td>{o.draft}</Table.Td>
                    <Table.Td>{o.approved}</Table.Td>
                    <Table.Td>{o.in_progress}</Table.Td>
                    <Table.Td>{o.completed}</Table.Td>
                    <Table.Td c={o.with_overdue ? 'red' : undefined}>{o.with_overdue}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        ) : null}
      </Stack>
    </Card>
  );
}

function RouteList({ search, onSearch, mine }: Props & { mine: boolean }) {
  const query = toRouteQuery(search);
  const list = useQuery(routeListQuery(query));
  const update = (patch: Partial<RoutesSearch>) => onSearch({ ...search, ...patch, offset: undefined });
  const active = activeFilterCount(search);
  return (
    <>
      <FiltersCard id="routes-filters" activeCount={active} onReset={() => onSearch({ limit: search.limit })}>
        <CodesFilter
          label={m.status}
          anyLabel={m.statusAny}
          codes={STATUSES}
          names={m.statuses}
          value={search.status}
          onChange={(status) => update({ status })}
        />
        {mine ? null : (
          <OrganizationFilter
            label={m.organization}
            placeholder={m.organizationAny}
            value={search.organization_id}
            onChange={(organization_id) => update({ organization_id })}
          />
        )}
        <Checkbox
          mt={{ base: 0, sm: 'xl' }}
          label={m.overdueOnly}
          checked={search.overdue === 'yes'}
          onChange={(e) => update({ overdue: e.currentTarget.checked ? 'yes' : undefined })}
        />
        <ArchivedFilter value={search.archived} onChange={(archived) => update({ archived })} />
      </FiltersCard>
      <ListView
        query={list}
        filtered={active > 0}
        emptyTitle={mine ? m.emptyMine : m.empty}
        onOffsetChange={(offset) => onSearch({ ...search, offset: offset || undefined })}
      >
        {(items) => (
          <Stack gap="sm" data-testid="routes-list">
            {items.map((r) => (
              <RouteRow key={r.id} r={r} />
            ))}
          </Stack>
        )}
      </ListView>
    </>
  );
}

export function StatusBadge({ status }: { status: string }) {
  return (
    <Badge size="sm" variant="light" color={m.statusColors[status] ?? 'gray'} tt="none" miw="max-content">
      {m.statuses[status] ?? status}
    </Badge>
  );
}

/** One route as a card (readable on a phone): who, the diagnostic, status, the progress bar, overdue highlighted. */
function RouteRow({ r }: { r: RouteSummary }) {
  const p = progressView(r.progress ?? 0, r.actions_total ?? 0);
  const overdue = overdueText(r.overdue_count ?? 0);
  return (
    <Card withBorder padding="sm" data-testid="route-row">
      <Stack gap={6}>
        <Group justify="space-between" wrap="wrap" gap="xs">
          <RouterAnchor to="/individual-routes/$routeId" params={{ routeId: r.id }} fw={600}>
            {r.teacher_name ?? r.title}
          </RouterAnchor>
          <Group gap={4}>
            <StatusBadge status={r.status} />
            {r.archived_at ? (
              <Badge size="sm" variant="light" color="gray" tt="none">
                {t.common.archived}
              </Badge>
            ) : null}
          </Group>
        </Group>
        <Text size="xs" c="dimmed">
          {[r.organization_name, r.campaign_title].filter(Boolean).join(' · ')}
        </Text>
        <Group gap="sm" wrap="nowrap" align="center">
          <Progress value={p.value} color={p.color} style={{ flex: 1 }} aria-label={m.columns.progress} />
          <Text size="sm" miw={90} ta="right">
            {p.label} ({m.progress(r.actions_done ?? 0, r.actions_total ?? 0)})
          </Text>
        </Group>
        <Group gap="md">
          {overdue ? (
            <Badge color="red" variant="filled" tt="none" data-testid="route-overdue">
              {overdue}
            </Badge>
          ) : null}
          {r.next_deadline ? (
            <Text size="xs" c="dimmed">
              {m.columns.next}: {formatDate(r.next_deadline)}
            </Text>
          ) : null}
        </Group>
      </Stack>
    </Card>
  );
}
