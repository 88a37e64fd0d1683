import { useState } from 'react';
import { Badge, Card, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMe } from '../../../auth/useMe';
import { ListFooter } from '../../../components/ListFooter';
import { PageHeader } from '../../../components/PageHeader';
import { EmptyBlock, ErrorState, LoadingState } from '../../../components/states';
import { comparisonQuery, campaignsQuery, type AreaChange, type Comparison, type GroupBy } from './api';
import { holds } from './CorporateDeficitsPage';
import { BAND_COLORS } from './heatmap';
import { t } from './messages';

const m = t.results.compare;
const CHANGE_COLORS = { improved: 'green', same: 'gray', worse: 'red' } as const;
const LIMIT = 25;

/** Re-diagnosis: two campaigns of the municipality, per area how many teachers improved, stayed or got worse, per
 * group (suppressed like corporate deficits) and, for those entitled, per teacher with the route actions done. */
export function ComparisonPage() {
  const me = useMe();
  const campaigns = useQuery(campaignsQuery);
  const withResults = (campaigns.data ?? []).filter((x) => x.submitted > 0);
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string | null>(null);
  const [groupBy, setGroupBy] = useState<GroupBy | null>(null);
  const [offset, setOffset] = useState(0);
  // Defaults: the newest campaign against the one before it.
  const toId = to ?? withResults[0]?.id ?? null;
  const fromId = from ?? withResults.find((x) => x.id !== toId)?.id ?? null;
  const ready = Boolean(fromId && toId && fromId !== toId);
  const query = {
    from_campaign_id: fromId ?? '',
    to_campaign_id: toId ?? '',
    ...(groupBy ? { group_by: groupBy } : {}),
    limit: LIMIT,
    offset,
  };
  const data = useQuery(comparisonQuery(query, ready));
  const options = withResults.map((x) => ({ value: x.id, label: `${x.title} (${x.opens_on.slice(0, 4)})` }));

  if (campaigns.isPending) return <LoadingState />;
  if (campaigns.isError) return <ErrorState error={campaigns.error} onRetry={() => void campaigns.refetch()} />;
  return (
    <Stack>
      <PageHeader title={m.title} description={m.description} />
      <Card withBorder>
        <Group align="flex-end" wrap="wrap">
          <Select label={m.from} data={options} value={fromId} onChange={(v) => { setFrom(v); setOffset(0); }} allowDeselect={false} w={360} maw="100%" />
          <Select label={m.to} data={options} value={toId} onChange={(v) => { setTo(v); setOffset(0); }} allowDeselect={false} w={360} maw="100%" />
          <Select
            label={m.groupBy}
            data={[
              { value: '', label: m.groupNone },
              ...(['organization', 'subject', 'position'] as const).map((g) => ({ value: g, label: t.results.groupBy[g] })),
            ]}
            value={groupBy ?? ''}
            onChange={(v) => setGroupBy(v ? (v as GroupBy) : null)}
            allowDeselect={false}
            w={220}
          />
        </Group>
      </Card>
      {!ready ? (
        <EmptyBlock title={m.pickBoth} />
      ) : data.isPending ? (
        <LoadingState />
      ) : data.isError ? (
        <ErrorState error={data.error} onRetry={() => void data.refetch()} />
      ) : (
        <ComparisonBody data={data.data} entitled={holds(me, 'diagnostics:results')} onOffsetChange={setOffset} />
      )}
    </Stack>
  );
}

function Counts({ area }: { area: AreaChange }) {
  if (area.improved === null || area.improved === undefined) {
    return (
      <Text size="sm" c="dimmed" fs="italic">
        {t.results.suppressed}
      </Text>
    );
  }
  return (
    <Group gap={4}>
      <Badge color={CHANGE_COLORS.improved} variant="light" tt="none">{`${t.results.changes.improved}: ${area.improved}`}</Badge>
      <Badge color={CHANGE_COLORS.same} variant="light" tt="none">{`${t.results.changes.same}: ${area.same ?? 0}`}</Badge>
      <Badge color={CHANGE_COLORS.worse} variant="light" tt="none">{`${t.results.changes.worse}: ${area.worse ?? 0}`}</Badge>
    </Group>
  );
}

function ComparisonBody({ data, entitled, onOffsetChange }: { data: Comparison; entitled: boolean; onOffsetChange: (n: number) => void }) {
  if (data.size === 0) return <EmptyBlock title={m.empty} />;
  const teachers = data.teachers;
  const groups = data.groups ?? [];
  return (
    <Stack>
      <Text size="sm">{data.size !== null && data.size !== undefined ? m.size(data.size) : data.suppression_rule}</Text>
      <Table withTableBorder verticalSpacing="xs" aria-label={m.tableLabel} data-testid="comparison-areas">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{m.area}</Table.Th>
            <Table.Th>{m.improved}</Table.Th>
            <Table.Th>{m.same}</Table.Th>
            <Table.Th>{m.worse}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data.areas.map((a) => (
            <Table.Tr key={a.area_code}>
              <Table.Td>{a.area_name}</Table.Td>
              <Table.Td>{a.improved ?? '—'}</Table.Td>
              <Table.Td>{a.same ?? '—'}</Table.Td>
              <Table.Td>{a.worse ?? '—'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {groups.length > 0 ? (
        <Table.ScrollContainer minWidth={720}>
          <Table withTableBorder withColumnBorders verticalSpacing="xs" data-testid="comparison-groups">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t.results.corporate.group}</Table.Th>
                {data.areas.map((a) => (
                  <Table.Th key={a.area_code}>{a.area_name}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {groups.map((g) => (
                <Table.Tr key={g.key}>
                  <Table.Td>
                    {g.name}
                    {g.size !== null && g.size !== undefined ? ` (${g.size})` : ''}
                  </Table.Td>
                  {g.suppressed ? (
                    <Table.Td colSpan={data.areas.length}>
                      <Text size="sm" c="dimmed" fs="italic">
                        {g.suppressed_reason}
                      </Text>
                    </Table.Td>
                  ) : (
                    g.areas.map((a) => (
                      <Table.Td key={a.area_code}>
                        <Counts area={a} />
                      </Table.Td>
                    ))
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
      <Title order={3}>{m.teachers}</Title>
      {!entitled || !teachers ? (
        <Text c="dimmed">{m.noTeachers}</Text>
      ) : (
        <Stack gap="sm">
            <Table.ScrollContainer minWidth={720}>
              <Table striped verticalSpacing="xs" data-testid="comparison-teachers">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{m.teacher}</Table.Th>
                    <Table.Th>{m.organization}</Table.Th>
                    {data.areas.map((a) => (
                      <Table.Th key={a.area_code}>{a.area_name}</Table.Th>
                    ))}
                    <Table.Th>{m.actions}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {teachers.items.map((x) => (
                    <Table.Tr key={x.teacher_id}>
                      <Table.Td>{x.teacher_name}</Table.Td>
                      <Table.Td>{x.organization_name ?? '—'}</Table.Td>
                      {data.areas.map((a) => {
                        const row = x.areas.find((y) => y.area_code === a.area_code);
                        return (
                          <Table.Td key={a.area_code}>
                            {row ? (
                              <Stack gap={2}>
                                <Badge color={CHANGE_COLORS[row.change]} variant="light" tt="none">
                                  {t.results.changes[row.change]}
                                </Badge>
                                <Text size="xs" c={BAND_COLORS[row.to_band as keyof typeof BAND_COLORS]}>
                                  {`${t.results.bandShort[row.from_band as keyof typeof t.results.bandShort]} → ${t.results.bandShort[row.to_band as keyof typeof t.results.bandShort]}`}
                                </Text>
                              </Stack>
                            ) : (
                              '—'
                            )}
                          </Table.Td>
                        );
                      })}
                      <Table.Td>{x.completed_actions ?? <Text size="xs" c="dimmed">{m.actionsOff}</Text>}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <ListFooter total={teachers.total} limit={teachers.limit} offset={teachers.offset} onOffsetChange={onOffsetChange} />
        </Stack>
      )}
    </Stack>
  );
}
