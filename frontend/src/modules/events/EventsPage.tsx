import { useState } from 'react';
import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Card,
  Collapse,
  Group,
  MultiSelect,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { organizationOptionsQuery } from '../../api/queries';
import { can } from '../../auth/permissions';
import { useMe } from '../../auth/useMe';
import { ExportMenu } from '../../components/ExportMenu';
import { ListView } from '../../components/ListView';
import { PageHeader } from '../../components/PageHeader';
import { RouterAnchor, RouterButton } from '../../components/RouterLinks';
import { SearchInput } from '../../components/SearchInput';
import { ErrorState, LoadingState } from '../../components/states';
import { useSearchText } from '../../lib/searchText';
import { calendarQuery, eventListQuery, exportEvents, type EventQuery, type EventRead } from './api';
import { academicYearOptions, currentMonth, monthForAcademicYear, monthWindow, shiftMonth, whenText } from './calendar';
import { EventBadges, StatusBadge } from './EventBadges';
import { FeedButton } from './FeedButton';
import { t } from './messages';
import { MonthAgenda, MonthGrid, monthTitle } from './MonthView';
import {
  EVENT_LEVELS,
  EVENT_SORTS,
  EVENT_STATUSES,
  EVENT_TYPES,
  defaultEventSort,
  hasEventFilters,
  toCalendarQuery,
  toEventQuery,
  type EventsSearch,
} from './search';

type Props = { search: EventsSearch; onSearch: (next: EventsSearch) => void };

const e = t.events;
const f = e.filters;
const MAX_CALENDAR_ITEMS = 2000;

const options = (codes: readonly string[], names: Record<string, string>) => codes.map((code) => ({ value: code, label: names[code] ?? code }));

export function EventsPage({ search, onSearch }: Props) {
  const me = useMe();
  const [q, setQ] = useSearchText('events');
  const view = search.view ?? 'month';
  const month = search.month ?? (search.year ? monthForAcademicYear(search.year) : currentMonth());
  const organizations = useQuery(organizationOptionsQuery);
  const phone = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false }) ?? false;
  const [filtersOpen, setFiltersOpen] = useState(false);

  /** A filter change starts from the first page. */
  const update = (patch: Partial<EventsSearch>) => onSearch({ ...search, ...patch, offset: undefined });
  const filtered = Boolean(q) || hasEventFilters(search);
  const activeFilters = [search.type, search.level, search.status, search.organizer, search.year].filter(Boolean).length;
  const listQuery = toEventQuery(search, q);

  const searchInput = (
    <SearchInput
      label={f.search}
      placeholder={f.searchPlaceholder}
      value={q}
      onChange={(text) => {
        setQ(text);
        if (search.offset) onSearch({ ...search, offset: undefined });
      }}
    />
  );
  const filterFields = (
    <>
      <MultiSelect
        label={f.type}
        placeholder={search.type?.length ? undefined : f.typePlaceholder}
        data={options(EVENT_TYPES, e.types)}
        value={search.type ?? []}
        onChange={(v) => update({ type: v.length ? (v as EventsSearch['type']) : undefined })}
        clearable
      />
      <MultiSelect
        label={f.level}
        placeholder={search.level?.length ? undefined : f.levelPlaceholder}
        data={options(EVENT_LEVELS, e.levels)}
        value={search.level ?? []}
        onChange={(v) => update({ level: v.length ? (v as EventsSearch['level']) : undefined })}
        clearable
      />
      <Select
        label={f.organizer}
        placeholder={f.organizerPlaceholder}
        data={(organizations.data ?? []).map((o) => ({ value: o.id, label: o.short_name }))}
        value={search.organizer ?? null}
        onChange={(v) => update({ organizer: v ?? undefined })}
        searchable
        clearable
      />
      <MultiSelect
        label={f.status}
        placeholder={search.status?.length ? undefined : f.statusPlaceholder}
        data={options(EVENT_STATUSES, e.statuses)}
        value={search.status ?? []}
        onChange={(v) => update({ status: v.length ? (v as EventsSearch['status']) : undefined })}
        clearable
      />
      <Select
        label={f.year}
        data={[{ value: 'any', label: f.anyYear }, ...academicYearOptions().map((y) => ({ value: y, label: y }))]}
        value={search.year ?? 'any'}
        onChange={(v) => {
          const year = v && v !== 'any' ? v : undefined;
          // Choosing a year shows a month inside it (the current one, or its September).
          update({ year, month: year ? monthForAcademicYear(year, month) : search.month });
        }}
        allowDeselect={false}
      />
      {view === 'list' ? (
        <Select
          label={t.common.sort}
          data={EVENT_SORTS.map((s) => ({ value: s, label: e.sorts[s] ?? s }))}
          value={search.sort ?? defaultEventSort(search)}
          onChange={(v) => update({ sort: EVENT_SORTS.find((s) => s === v) })}
          allowDeselect={false}
        />
      ) : null}
    </>
  );

  const exportQuery = view === 'month' ? { ...listQuery, date_from: monthWindow(month).from, date_to: monthWindow(month).to } : listQuery;

  return (
    <Stack>
      <PageHeader
        title={e.title}
        actions={
          <Group gap="sm">
            <ExportMenu onExport={(format) => exportEvents(exportQuery, format)} />
            {can(me, 'calendar_feeds:manage') ? <FeedButton /> : null}
            {can(me, 'events:write') ? <RouterButton to="/events/new">{e.create}</RouterButton> : null}
          </Group>
        }
      />
      <Card withBorder padding="md" component="section" aria-label={t.common.filters}>
        {phone ? (
          <Stack gap="sm">
            {searchInput}
            <Button
              variant="light"
              onClick={() => setFiltersOpen((o) => !o)}
              aria-expanded={filtersOpen}
              aria-controls="event-filters"
              rightSection={activeFilters ? <Badge size="sm" circle>{activeFilters}</Badge> : null}
            >
              {f.toggle}
            </Button>
            <Collapse expanded={filtersOpen} id="event-filters">
              <Stack gap="sm">{filterFields}</Stack>
            </Collapse>
          </Stack>
        ) : (
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
            {searchInput}
            {filterFields}
          </SimpleGrid>
        )}
        {filtered ? (
          <Group mt="sm">
            <Button
              variant="subtle"
              size="xs"
              onClick={() => {
                setQ(undefined);
                onSearch({ view: search.view, month: search.month, sort: search.sort, limit: search.limit });
              }}
            >
              {t.common.reset}
            </Button>
          </Group>
        ) : null}
      </Card>

      <Group justify="space-between" wrap="wrap" gap="sm">
        <SegmentedControl
          aria-label={e.calendar.views}
          data={[
            { value: 'month', label: e.calendar.month },
            { value: 'list', label: e.calendar.list },
          ]}
          value={view}
          onChange={(v) => onSearch({ ...search, view: v === 'list' ? 'list' : undefined, offset: undefined })}
        />
        {view === 'month' ? (
          <MonthSwitcher month={month} onMonth={(next) => onSearch({ ...search, month: next === currentMonth() ? undefined : next })} />
        ) : null}
      </Group>

      {view === 'month' ? (
        <MonthContent search={search} month={month} q={q} phone={phone} />
      ) : (
        <ListContent query={listQuery} filtered={filtered} onOffset={(offset) => onSearch({ ...search, offset: offset || undefined })} />
      )}
    </Stack>
  );
}

function MonthSwitcher({ month, onMonth }: { month: string; onMonth: (month: string) => void }) {
  const c = e.calendar;
  return (
    <Group gap="xs" wrap="nowrap">
      <ActionIcon variant="default" size="lg" aria-label={c.previous} onClick={() => onMonth(shiftMonth(month, -1))}>
        <span aria-hidden="true">‹</span>
      </ActionIcon>
      <Title order={3} size="h4" miw={150} ta="center" aria-live="polite" data-testid="calendar-month">
        {monthTitle(month)}
      </Title>
      <ActionIcon variant="default" size="lg" aria-label={c.next} onClick={() => onMonth(shiftMonth(month, 1))}>
        <span aria-hidden="true">›</span>
      </ActionIcon>
      <Button variant="default" size="xs" onClick={() => onMonth(currentMonth())} disabled={month === currentMonth()}>
        {c.today}
      </Button>
    </Group>
  );
}

function MonthContent({ search, month, q, phone }: { search: EventsSearch; month: string; q?: string; phone: boolean }) {
  const calendar = useQuery(calendarQuery(toCalendarQuery(search, month, q)));
  if (calendar.isPending) return <LoadingState />;
  if (calendar.isError) return <ErrorState error={calendar.error} onRetry={() => void calendar.refetch()} />;
  const items = calendar.data.items;
  return (
    <Stack gap="sm" style={{ opacity: calendar.isPlaceholderData ? 0.6 : 1 }} aria-busy={calendar.isFetching}>
      {items.length >= MAX_CALENDAR_ITEMS ? <Alert color="orange">{e.calendar.tooMany}</Alert> : null}
      {phone ? <MonthAgenda month={month} items={items} /> : <MonthGrid month={month} items={items} />}
    </Stack>
  );
}

function ListContent({ query, filtered, onOffset }: { query: EventQuery; filtered: boolean; onOffset: (offset: number) => void }) {
  const list = useQuery(eventListQuery(query));
  return (
    <ListView query={list} filtered={filtered} emptyTitle={e.empty} onOffsetChange={onOffset}>
      {(items) => <EventsTable items={items} />}
    </ListView>
  );
}

export function EventsTable({ items }: { items: EventRead[] }) {
  const col = e.columns;
  return (
    <Table.ScrollContainer minWidth={880}>
      <Table striped highlightOnHover verticalSpacing="xs" data-testid="events-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={170}>{col.date}</Table.Th>
            <Table.Th>{col.title}</Table.Th>
            <Table.Th w={230}>{col.type}</Table.Th>
            <Table.Th w={120}>{col.status}</Table.Th>
            <Table.Th w={180}>{col.organizer}</Table.Th>
            <Table.Th w={100} ta="right">
              {col.participants}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((event) => (
            <Table.Tr key={event.id}>
              <Table.Td>
                <Text size="sm">{whenText(event)}</Text>
              </Table.Td>
              <Table.Td>
                <Stack gap={2}>
                  <RouterAnchor
                    to="/events/$eventId"
                    params={{ eventId: event.id }}
                    fw={500}
                    td={event.status === 'cancelled' ? 'line-through' : undefined}
                  >
                    {event.title}
                  </RouterAnchor>
                  {event.series_title ? (
                    <Text size="xs" c="dimmed" lineClamp={1}>
                      {event.series_title}
                    </Text>
                  ) : null}
                </Stack>
              </Table.Td>
              <Table.Td>
                <EventBadges event={event} withStatus={false} />
              </Table.Td>
              <Table.Td>
                <StatusBadge status={event.status} />
              </Table.Td>
              <Table.Td>
                <Text size="sm">{event.organizer_organization_name ?? event.organizer_name ?? t.common.emptyValue}</Text>
              </Table.Td>
              <Table.Td ta="right">{event.participant_count}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
