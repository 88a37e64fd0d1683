import { Badge, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { RouterAnchor } from '../../components/RouterLinks';
import { EmptyBlock, ErrorState, LoadingState } from '../../components/states';
import { participationListQuery, type ParticipationRead } from './api';
import { academicYearOf, dateRange } from './calendar';
import { t } from './messages';
import { formatHours } from './Participants';

const tl = t.events.timeline;
const p = t.events.participants;
const LIMIT = 200;

export type YearGroup = { year: string; items: ParticipationRead[]; hours: number; events: number };

/** Participation grouped by academic year (newest first), with each year's hours and number of events. */
export function groupByAcademicYear(items: readonly ParticipationRead[]): YearGroup[] {
  const groups = new Map<string, ParticipationRead[]>();
  for (const item of items) {
    const year = academicYearOf(item.event_start_date);
    const list = groups.get(year);
    if (list) list.push(item);
    else groups.set(year, [item]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a < b ? 1 : -1))
    .map(([year, list]) => {
      const sorted = [...list].sort((a, b) => (a.event_start_date < b.event_start_date ? 1 : a.event_start_date > b.event_start_date ? -1 : 0));
      return {
        year,
        items: sorted,
        hours: sorted.reduce((sum, x) => sum + (x.hours ? Number(x.hours) || 0 : 0), 0),
        events: new Set(sorted.map((x) => x.event_id)).size,
      };
    });
}

/** A teacher's events and roles by academic year with hours totals (the teacher card and «Мой профиль»). */
export function TeacherParticipations({ teacherId }: { teacherId: string }) {
  const list = useQuery(participationListQuery({ teacher_id: teacherId, sort: '-event_start_date', limit: LIMIT }));
  return (
    <Card withBorder component="section" aria-labelledby="teacher-events">
      <Title order={3} size="h4" mb="sm" id="teacher-events">
        {tl.title}
      </Title>
      {list.isPending ? (
        <LoadingState />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <EmptyBlock title={tl.empty} />
      ) : (
        <Stack gap="md" data-testid="teacher-timeline">
          {groupByAcademicYear(list.data.items).map((group) => (
            <Stack key={group.year} gap={4} component="section" aria-label={tl.year(group.year)}>
              <Group justify="space-between" wrap="wrap">
                <Text fw={700}>{tl.year(group.year)}</Text>
                <Group gap="xs">
                  <Badge variant="light" tt="none">
                    {tl.count(group.events)}
                  </Badge>
                  <Badge variant="light" color="teal" tt="none">
                    {tl.hoursTotal(formatHours(group.hours))}
                  </Badge>
                </Group>
              </Group>
              <Table.ScrollContainer minWidth={640}>
                <Table verticalSpacing={4} striped>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th w={120}>{t.events.columns.date}</Table.Th>
                      <Table.Th>{t.events.columns.title}</Table.Th>
                      <Table.Th w={150}>{p.columns.role}</Table.Th>
                      <Table.Th w={150}>{p.columns.attendance}</Table.Th>
                      <Table.Th w={70} ta="right">
                        {p.columns.hours}
                      </Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {group.items.map((x) => (
                      <Table.Tr key={x.id}>
                        <Table.Td>{dateRange(x.event_start_date, null)}</Table.Td>
                        <Table.Td>
                          <Stack gap={0}>
                            <RouterAnchor to="/events/$eventId" params={{ eventId: x.event_id }} size="sm">
                              {x.event_title}
                            </RouterAnchor>
                            <Text size="xs" c="dimmed">
                              {t.events.types[x.event_type] ?? x.event_type} · {(t.events.levels[x.event_level] ?? x.event_level).toLowerCase()}
                            </Text>
                          </Stack>
                        </Table.Td>
                        <Table.Td>
                          {p.rolesShort[x.role] ?? x.role}
                          {x.result ? ` (${(p.results[x.result] ?? x.result).toLowerCase()})` : ''}
                        </Table.Td>
                        <Table.Td>{p.attendance[x.attendance] ?? x.attendance}</Table.Td>
                        <Table.Td ta="right">{formatHours(x.hours)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            </Stack>
          ))}
        </Stack>
      )}
    </Card>
  );
}
