import { Box, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import dayjs from 'dayjs';
import { RouterAnchor } from '../../components/RouterLinks';
import { EmptyBlock } from '../../components/states';
import type { EventBrief } from './api';
import { EventBadges } from './EventBadges';
import { eventsByDay, gridWindow, monthGrid, monthWindow, shortTime, timeRange, todayIso } from './calendar';
import { t } from './messages';

const c = t.events.calendar;

/** «Апрель 2022». */
export function monthTitle(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return `${c.months[(m ?? 1) - 1] ?? ''} ${y ?? ''}`;
}

/** «20 апреля, среда». */
export function dayTitle(iso: string): string {
  const d = dayjs(iso, 'YYYY-MM-DD', true);
  return `${d.date()} ${c.monthsGenitive[d.month()] ?? ''}, ${c.weekdaysFull[(d.day() + 6) % 7] ?? ''}`;
}

function EventChip({ event, day }: { event: EventBrief; day: string }) {
  const continues = event.start_date < day;
  const time = continues ? c.continues : shortTime(event.start_time);
  const cancelled = event.status === 'cancelled';
  const meta = `${t.events.typesShort[event.type] ?? event.type} · ${(t.events.levels[event.level] ?? event.level).toLowerCase()}`;
  return (
    <Box
      component="li"
      px={6}
      py={4}
      style={{
        listStyle: 'none',
        borderLeft: `3px solid var(--mantine-color-${cancelled ? 'gray' : event.status === 'held' ? 'green' : 'blue'}-7)`,
        background: 'var(--mantine-color-gray-0)',
        borderRadius: 4,
      }}
    >
      <RouterAnchor
        to="/events/$eventId"
        params={{ eventId: event.id }}
        size="xs"
        fw={600}
        lineClamp={3}
        title={event.title}
        td={cancelled ? 'line-through' : undefined}
        style={{ wordBreak: 'break-word' }}
      >
        {time ? `${time} ` : ''}
        {event.title}
      </RouterAnchor>
      <Text size="xs" c="dimmed" lineClamp={2}>
        {meta}
        {event.status !== 'planned' ? ` · ${(t.events.statuses[event.status] ?? '').toLowerCase()}` : ''}
      </Text>
    </Box>
  );
}

/** The month as a table of weeks (Monday first); each day lists its events (multi-day ones on every day). */
export function MonthGrid({ month, items, today = todayIso() }: { month: string; items: EventBrief[]; today?: string }) {
  const weeks = monthGrid(month, today);
  const { from, to } = gridWindow(month);
  const byDay = eventsByDay(items, from, to);
  return (
    <Table layout="fixed" withTableBorder withColumnBorders data-testid="events-month-grid">
      <caption>
        <VisuallyHidden>{c.gridCaption(monthTitle(month))}</VisuallyHidden>
      </caption>
      <Table.Thead>
        <Table.Tr>
          {c.weekdays.map((name, i) => (
            <Table.Th key={name} ta="center" scope="col">
              <abbr title={c.weekdaysFull[i]} style={{ textDecoration: 'none' }}>
                {name}
              </abbr>
            </Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {weeks.map((week) => (
          <Table.Tr key={week[0]?.iso}>
            {week.map((d) => {
              const list = byDay.get(d.iso) ?? [];
              return (
                <Table.Td
                  key={d.iso}
                  data-date={d.iso}
                  p={4}
                  style={{
                    verticalAlign: 'top',
                    height: 112,
                    background: d.inMonth ? undefined : 'var(--mantine-color-gray-1)',
                  }}
                >
                  <Stack gap={4}>
                    <Text
                      size="sm"
                      fw={d.isToday ? 700 : 500}
                      c={d.isToday ? 'white' : d.inMonth ? undefined : 'dimmed'}
                      bg={d.isToday ? 'blue.9' : undefined}
                      px={6}
                      style={{ borderRadius: 12, alignSelf: 'flex-start' }}
                      aria-current={d.isToday ? 'date' : undefined}
                    >
                      <span aria-hidden="true">{d.day}</span>
                      <VisuallyHidden>
                        {dayTitle(d.iso)}
                        {list.length ? `: ${c.countInDay(list.length)}` : ''}
                      </VisuallyHidden>
                    </Text>
                    {list.length ? (
                      <Stack component="ul" gap={4} m={0} p={0}>
                        {list.map((event) => (
                          <EventChip key={event.id} event={event} day={d.iso} />
                        ))}
                      </Stack>
                    ) : null}
                  </Stack>
                </Table.Td>
              );
            })}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** One event as a row of a day list: time, title (link), type, level and status. */
export function EventLine({ event, day }: { event: EventBrief; day?: string }) {
  const continues = day !== undefined && event.start_date < day;
  const time = continues ? c.continues : timeRange(event.start_time, event.end_time) || c.allDay;
  return (
    <Box component="li" style={{ listStyle: 'none' }} py={6}>
      <Text size="sm" c="dimmed">
        {time}
      </Text>
      <RouterAnchor
        to="/events/$eventId"
        params={{ eventId: event.id }}
        fw={600}
        td={event.status === 'cancelled' ? 'line-through' : undefined}
        style={{ wordBreak: 'break-word' }}
      >
        {event.title}
      </RouterAnchor>
      <Box mt={4}>
        <EventBadges event={event} />
      </Box>
      {event.place || event.organizer ? (
        <Text size="xs" c="dimmed" mt={2}>
          {[event.place, event.organizer].filter(Boolean).join(' · ')}
        </Text>
      ) : null}
    </Box>
  );
}

/** The month as a list of its days that have events (the phone's month view). */
export function MonthAgenda({ month, items }: { month: string; items: EventBrief[] }) {
  const { from, to } = monthWindow(month);
  const byDay = eventsByDay(items, from, to);
  const days = [...byDay.keys()].sort();
  if (days.length === 0) return <EmptyBlock title={t.events.emptyMonth} />;
  return (
    <Stack gap="md" data-testid="events-month-agenda">
      {days.map((iso) => (
        <Box key={iso} component="section" aria-labelledby={`day-${iso}`}>
          <Title order={3} size="h5" id={`day-${iso}`} pb={4} style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
            {dayTitle(iso)}
          </Title>
          <Stack component="ul" gap={0} m={0} p={0}>
            {(byDay.get(iso) ?? []).map((event) => (
              <EventLine key={event.id} event={event} day={iso} />
            ))}
          </Stack>
        </Box>
      ))}
    </Stack>
  );
}
