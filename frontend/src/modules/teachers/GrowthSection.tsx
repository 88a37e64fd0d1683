import { Badge, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { downloadPortfolio, teacherGrowthQuery } from './api';
import { t } from './messages';
import { ErrorState, LoadingState } from '../../components/states';
import { saveBlob } from '../../lib/download';
import { formatDate } from '../../lib/format';
import { errorMessage } from '../../api/errors';
import type { Schemas } from '../../api/types';

/** Every kind of growth record (the API's `TimelineEntry.kind`: the compiler asks for a new one) and its colour. */
export const KIND_COLORS: Record<Schemas['TimelineEntry']['kind'], string> = {
  event: 'blue',
  course: 'teal',
  attestation: 'grape',
  mentoring: 'orange',
  award: 'yellow',
  practice: 'cyan',
  association: 'indigo',
  help: 'lime',
};

/** A long kind («Заседание постоянно действующего семинара», «Методическая помощь») wraps instead of «Заседан…». */
const BADGE_WRAPS = { label: { whiteSpace: 'normal', overflow: 'visible', textOverflow: 'clip', lineHeight: 1.3 } } as const;

/** 72 → «72», 1.5 → «1,5». */
export function formatHours(hours: number | null | undefined): string {
  if (!hours) return '';
  return String(Math.round(hours * 10) / 10).replace('.', ',');
}

export function dateRange(start: string, end?: string | null): string {
  return end && end !== start ? `${formatDate(start)} – ${formatDate(end)}` : formatDate(start);
}

/** «Профессиональный рост»: what the teacher did, by academic year, with hours, and the portfolio file. */
export function GrowthSection({ teacherId }: { teacherId: string }) {
  const query = useQuery(teacherGrowthQuery(teacherId));
  const [downloading, setDownloading] = useState(false);
  const g = t.teachers.growth;

  async function download() {
    setDownloading(true);
    try {
      const { blob, filename } = await downloadPortfolio(teacherId);
      saveBlob(blob, filename);
    } catch (e) {
      notifications.show({ color: 'red', message: errorMessage(e) });
    } finally {
      setDownloading(false);
    }
  }

  return (
    <Card withBorder component="section" aria-labelledby="teacher-growth" data-testid="teacher-growth">
      <Group justify="space-between" mb="sm" wrap="wrap">
        <Title order={3} size="h4" id="teacher-growth">
          {g.title}
        </Title>
        <Button variant="light" size="xs" onClick={() => void download()} loading={downloading}>
          {g.portfolio}
        </Button>
      </Group>
      {query.isPending ? <LoadingState /> : null}
      {query.isError ? <ErrorState error={query.error} onRetry={() => void query.refetch()} /> : null}
      {query.data ? (
        query.data.years.length === 0 ? (
          <Text size="sm" c="dimmed">
            {g.empty}
          </Text>
        ) : (
          <Stack gap="md">
            <Text size="sm">{g.total(formatHours(query.data.hours_total) || '0')}</Text>
            {query.data.years.map((year) => (
              <Stack gap={4} key={year.academic_year} data-testid={`growth-year-${year.academic_year}`}>
                <Group gap="xs">
                  <Title order={4} size="h5">
                    {g.year(year.academic_year)}
                  </Title>
                  {year.hours ? (
                    <Badge variant="light" color="gray">
                      {g.hours(formatHours(year.hours))}
                    </Badge>
                  ) : null}
                </Group>
                <Table.ScrollContainer minWidth={560}>
                  <Table striped withTableBorder verticalSpacing="xs">
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>{g.columns.date}</Table.Th>
                        <Table.Th>{g.columns.kind}</Table.Th>
                        <Table.Th>{g.columns.what}</Table.Th>
                        <Table.Th>{g.columns.hours}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {year.entries.map((e) => (
                        <Table.Tr key={`${e.kind}:${e.record_id}`}>
                          <Table.Td style={{ whiteSpace: 'nowrap' }}>{dateRange(e.start, e.end)}</Table.Td>
                          <Table.Td>
                            <Badge
                              variant="light"
                              color={KIND_COLORS[e.kind]}
                              title={g.kinds[e.kind]}
                              h="auto"
                              py={2}
                              styles={BADGE_WRAPS}
                            >
                              {e.kind_label}
                            </Badge>
                          </Table.Td>
                          <Table.Td>
                            <Text size="sm">{e.title}</Text>
                            {e.detail ? (
                              <Text size="xs" c="dimmed">
                                {e.detail}
                              </Text>
                            ) : null}
                          </Table.Td>
                          <Table.Td>{formatHours(e.hours)}</Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              </Stack>
            ))}
          </Stack>
        )
      ) : null}
    </Card>
  );
}
