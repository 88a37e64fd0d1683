import { Badge, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { PageHeader } from '../../components/PageHeader';
import { RouterButton } from '../../components/RouterLinks';
import { ErrorState, LoadingState } from '../../components/states';
import { formatDate } from '../../lib/format';
import { memberGrowthQuery } from './api';
import { t } from './messages';

const g = t.associations.growth;

const hours = (h: number | null | undefined) => (h ? String(Math.round(h * 10) / 10).replace('.', ',') : '');

/** A member's professional growth by academic year, as the member sees it — for the association's leader. */
export function MemberGrowthPage({ associationId, teacherId }: { associationId: string; teacherId: string }) {
  const query = useQuery(memberGrowthQuery(associationId, teacherId));
  if (query.isPending) return <LoadingState />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const data = query.data;
  return (
    <Stack>
      <PageHeader
        title={g.title(data.teacher_name)}
        description={[data.organization_name, data.position_name, data.category].filter(Boolean).join(' · ')}
        actions={
          <RouterButton to="/associations/$associationId" params={{ associationId }} variant="default">
            {g.back}
          </RouterButton>
        }
      />
      {data.years.length === 0 ? <Text c="dimmed">{g.empty}</Text> : null}
      {data.years.map((year) => (
        <Card withBorder key={year.academic_year} component="section" aria-label={year.academic_year}>
          <Stack gap="xs">
            <Title order={3} size="h5">
              {g.year(year.academic_year, hours(year.hours))}
            </Title>
            <Table verticalSpacing={4} data-testid="member-growth">
              <Table.Tbody>
                {year.entries.map((e) => (
                  <Table.Tr key={`${e.kind}:${e.record_id}`}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }} w={200}>
                      {e.end && e.end !== e.start ? `${formatDate(e.start)} – ${formatDate(e.end)}` : formatDate(e.start)}
                    </Table.Td>
                    <Table.Td>
                      <Group gap={6}>
                        <Badge size="sm" variant="light" tt="none">
                          {e.kind_label}
                        </Badge>
                        <Text size="sm">{e.title}</Text>
                      </Group>
                      {e.detail ? (
                        <Text size="xs" c="dimmed">
                          {e.detail}
                        </Text>
                      ) : null}
                    </Table.Td>
                    <Table.Td w={80}>{hours(e.hours)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Stack>
        </Card>
      ))}
    </Stack>
  );
}
