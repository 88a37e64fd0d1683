import { useState } from 'react';
import { Card, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { ListView } from '../../components/ListView';
import { PageHeader } from '../../components/PageHeader';
import { RouterAnchor } from '../../components/RouterLinks';
import { formatDate } from '../../lib/format';
import { activitiesQuery, type Activity, type ActivityQuery } from './api';
import { t } from './messages';
import { ActivityStateBadge } from './ProgrammePage';
import { RoadmapSectionNav } from './RoadmapSectionNav';
import type { ListSearch } from './routes';

const m = t.roadmap.lists;
const LIMIT = 25;

/** Activities as a table: number, title (link), programme, the next due date, state. */
export function ActivityTable({ items, testId = 'roadmap-activities', showProgramme = true }: { items: Activity[]; testId?: string; showProgramme?: boolean }) {
  const c = m.columns;
  return (
    <Table.ScrollContainer minWidth={600}>
      <Table striped data-testid={testId}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={60}>{c.number}</Table.Th>
            <Table.Th>{c.title}</Table.Th>
            {showProgramme ? <Table.Th>{c.programme}</Table.Th> : null}
            <Table.Th w={130}>{c.next}</Table.Th>
            <Table.Th w={140}>{c.state}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((a) => (
            <Table.Tr key={a.id} data-testid="roadmap-activity-row" bg={a.state === 'overdue' ? 'var(--mantine-color-red-light)' : undefined}>
              <Table.Td>{a.number}</Table.Td>
              <Table.Td>
                <RouterAnchor to="/roadmap/activities/$activityId" params={{ activityId: a.id }}>
                  {a.title}
                </RouterAnchor>
              </Table.Td>
              {showProgramme ? <Table.Td>{a.programme_title}</Table.Td> : null}
              <Table.Td>{a.next_due_on ? formatDate(a.next_due_on) : t.common.emptyValue}</Table.Td>
              <Table.Td>
                <ActivityStateBadge state={a.state ?? 'unscheduled'} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export function MyActivitiesPage({ search, onSearch }: { search: ListSearch; onSearch: (next: ListSearch) => void }) {
  const query = useQuery(activitiesQuery({ mine: true, limit: LIMIT, offset: search.offset ?? 0, sort: 'next_due_on' }));
  return (
    <Stack>
      <PageHeader title={m.myTitle} />
      <RoadmapSectionNav current="my" />
      <ListView query={query} emptyTitle={m.myEmpty} onOffsetChange={(offset) => onSearch({ offset })}>
        {(items) => <ActivityTable items={items} testId="roadmap-my" />}
      </ListView>
    </Stack>
  );
}

function DueBlock({ title, filter, empty, testId }: { title: string; filter: Partial<ActivityQuery>; empty: string; testId: string }) {
  const [offset, setOffset] = useState(0);
  const query = useQuery(activitiesQuery({ ...filter, limit: LIMIT, offset, sort: 'next_due_on' }));
  return (
    <Card withBorder component="section" aria-labelledby={`${testId}-title`}>
      <Title order={3} size="h4" id={`${testId}-title`} mb="sm">
        {title}
        {query.data ? <Text span c="dimmed">{` · ${query.data.total}`}</Text> : null}
      </Title>
      <ListView query={query} emptyTitle={empty} onOffsetChange={setOffset}>
        {(items) => <ActivityTable items={items} testId={testId} />}
      </ListView>
    </Card>
  );
}

export function DueActivitiesPage() {
  return (
    <Stack>
      <PageHeader title={m.dueTitle} />
      <RoadmapSectionNav current="due" />
      <DueBlock title={m.overdue} filter={{ overdue: true }} empty={m.overdueEmpty} testId="roadmap-overdue" />
      <DueBlock title={m.thisMonth} filter={{ due_this_month: true }} empty={m.monthEmpty} testId="roadmap-this-month" />
    </Stack>
  );
}
