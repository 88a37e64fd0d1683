import { useState } from 'react';
import { Badge, Button, Group, MultiSelect, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { HelpRequest } from '../../api/types';
import { can, canBrowse } from '../../auth/permissions';
import { useMe } from '../../auth/useMe';
import { ExportMenu } from '../../components/ExportMenu';
import { FiltersCard } from '../../components/FiltersCard';
import { ArchivedFilter, CodesFilter, OrganizationFilter, PeriodFilter } from '../../components/ListFilters';
import { ListView } from '../../components/ListView';
import { PageHeader } from '../../components/PageHeader';
import { RouterAnchor } from '../../components/RouterLinks';
import { useDictionary } from '../../components/useDictionary';
import { formatDate } from '../../lib/format';
import { activeFilterCount } from '../../lib/search';
import { exportHelpRequests, helpListQuery } from './api';
import { AskModal } from './AskModal';
import { t } from './messages';
import { QUEUES, STATES, toHelpQuery, type HelpSearch, type Queue } from './search';

const m = t.help;
export const STATE_COLORS: Record<string, string> = { new: 'blue', in_progress: 'yellow', closed: 'green' };

type Props = { search: HelpSearch; onSearch: (next: HelpSearch) => void };

/** The requests: queues for the methodologist (new / taken by me / overdue / all), the school's and the teacher's own
 * list («Мои обращения»), filters, export, and «Обратиться за помощью». */
export function HelpRequestsPage({ search, onSearch }: Props) {
  const me = useMe();
  const [asking, setAsking] = useState(false);
  const browse = canBrowse(me, 'help_requests:read');
  const handler = can(me, 'help_requests:handle');
  const queues: Queue[] = handler ? [...QUEUES.filter((q) => q !== 'all'), 'all'] : browse ? ['all', 'new', 'overdue'] : ['all'];
  const queue = search.queue && queues.includes(search.queue) ? search.queue : handler ? 'new' : 'all';
  const query = toHelpQuery({ ...search, queue });
  const list = useQuery(helpListQuery(query));
  const topics = useDictionary('competenceAreas');
  const update = (patch: Partial<HelpSearch>) => onSearch({ ...search, ...patch, offset: undefined });
  const active = activeFilterCount({ ...search, queue: undefined });

  return (
    <Stack>
      <PageHeader
        title={browse ? m.title : m.myTitle}
        description={browse ? undefined : m.myIntro}
        actions={
          <Group gap="sm">
            <ExportMenu onExport={(format) => exportHelpRequests(query, format)} />
            {can(me, 'help_requests:create') ? <Button onClick={() => setAsking(true)}>{m.create}</Button> : null}
          </Group>
        }
      />
      {queues.length > 1 ? (
        <SegmentedControl
          aria-label={m.queuesLabel}
          data={queues.map((q) => ({ value: q, label: m.queues[q] ?? q }))}
          value={queue}
          onChange={(v) => update({ queue: QUEUES.find((q) => q === v) })}
          style={{ alignSelf: 'flex-start' }}
        />
      ) : null}
      <FiltersCard id="help-filters" activeCount={active} onReset={() => onSearch({ queue: search.queue, limit: search.limit })}>
        <PeriodFilter label={m.period} anyLabel={m.periodAny} value={search.period} onChange={(period) => update({ period })} />
        {browse ? (
          <OrganizationFilter
            label={m.organization}
            placeholder={m.organizationAny}
            value={search.organization_id}
            onChange={(organization_id) => update({ organization_id })}
          />
        ) : null}
        <CodesFilter
          label={m.state}
          anyLabel={m.stateAny}
          codes={STATES}
          names={m.states}
          value={search.state}
          onChange={(state) => update({ state })}
        />
        <MultiSelect
          label={m.topic}
          placeholder={search.topic?.length ? undefined : m.topicAny}
          data={topics.options}
          value={search.topic ?? []}
          onChange={(v) => update({ topic: v.length ? v : undefined })}
          searchable
          clearable
        />
        <ArchivedFilter value={search.archived} onChange={(archived) => update({ archived })} />
      </FiltersCard>

      <ListView
        query={list}
        filtered={active > 0 || queue !== 'all'}
        emptyTitle={browse ? m.empty : m.emptyMine}
        onOffsetChange={(offset) => onSearch({ ...search, offset: offset || undefined })}
      >
        {(items) => (
          <Table.ScrollContainer minWidth={900}>
            <Table striped highlightOnHover verticalSpacing="xs" data-testid="help-requests-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{m.columns.opened}</Table.Th>
                  <Table.Th>{m.columns.who}</Table.Th>
                  <Table.Th>{m.columns.topic}</Table.Th>
                  <Table.Th>{m.columns.state}</Table.Th>
                  <Table.Th>{m.columns.assignee}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((r) => (
                  <Row key={r.id} r={r} />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </ListView>
      <AskModal opened={asking} onClose={() => setAsking(false)} />
    </Stack>
  );
}

export function StateBadges({ r }: { r: HelpRequest }) {
  return (
    <Group gap={4}>
      <Badge size="sm" variant="light" miw="max-content" color={STATE_COLORS[r.state] ?? 'gray'} tt="none">
        {m.states[r.state] ?? r.state_label}
      </Badge>
      {r.overdue ? (
        <Badge size="sm" variant="filled" miw="max-content" color="red" tt="none">
          {m.overdue}
        </Badge>
      ) : null}
      {r.resolution ? (
        <Badge size="sm" variant="outline" miw="max-content" color={r.resolution === 'full' ? 'green' : 'gray'} tt="none">
          {m.resolutions[r.resolution] ?? r.resolution_label}
        </Badge>
      ) : null}
      {r.archived_at ? (
        <Badge size="sm" variant="light" miw="max-content" color="gray" tt="none">
          {t.common.archived}
        </Badge>
      ) : null}
    </Group>
  );
}

function Row({ r }: { r: HelpRequest }) {
  return (
    <Table.Tr>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <RouterAnchor to="/help-requests/$helpRequestId" params={{ helpRequestId: r.id }} fw={500} size="sm">
          {formatDate(r.opened_on)}
        </RouterAnchor>
        {r.state === 'new' ? (
          <Text size="xs" c={r.overdue ? 'red' : 'dimmed'}>
            {m.dueOn(formatDate(r.due_on))}
          </Text>
        ) : null}
      </Table.Td>
      <Table.Td>
        <Text size="sm" fw={500}>
          {r.teacher_name ?? m.schoolItself}
        </Text>
        <Text size="xs" c="dimmed">
          {r.organization_name ?? ''}
        </Text>
      </Table.Td>
      <Table.Td maw={320}>
        <Text size="sm">{r.topic_name}</Text>
        <Text size="xs" c="dimmed" lineClamp={2}>
          {r.description}
        </Text>
      </Table.Td>
      <Table.Td>
        <StateBadges r={r} />
      </Table.Td>
      <Table.Td>
        <Text size="sm">{r.assignee_name ?? t.common.emptyValue}</Text>
      </Table.Td>
    </Table.Tr>
  );
}
