import { useState } from 'react';
import { Badge, Button, Progress, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { can, ownMunicipalityId } from '../../auth/permissions';
import { useMe } from '../../auth/useMe';
import { ListView } from '../../components/ListView';
import { PageHeader } from '../../components/PageHeader';
import { RouterAnchor } from '../../components/RouterLinks';
import { formatDate } from '../../lib/format';
import { programmesQuery, progressQuery, type Programme } from './api';
import { formatPercent } from './logic';
import { t } from './messages';
import { ProgrammeFormModal } from './ProgrammeFormModal';
import { RoadmapSectionNav } from './RoadmapSectionNav';
import type { ListSearch } from './routes';

const m = t.roadmap;
const LIMIT = 25;

export function ProgrammesPage({ search, onSearch }: { search: ListSearch; onSearch: (next: ListSearch) => void }) {
  const me = useMe();
  const [creating, setCreating] = useState(false);
  const query = useQuery(programmesQuery({ limit: LIMIT, offset: search.offset ?? 0 }));
  return (
    <Stack>
      <PageHeader
        title={m.title}
        actions={
          can(me, 'roadmap:write') ? (
            <Button onClick={() => setCreating(true)}>{m.programmes.create}</Button>
          ) : null
        }
      />
      <RoadmapSectionNav current="programmes" />
      <ListView query={query} emptyTitle={m.programmes.empty} onOffsetChange={(offset) => onSearch({ offset })}>
        {(items) => (
          <Table.ScrollContainer minWidth={640}>
            <Table striped data-testid="programmes-list">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{m.programmes.columns.title}</Table.Th>
                  <Table.Th>{m.programmes.columns.status}</Table.Th>
                  <Table.Th>{m.programmes.columns.period}</Table.Th>
                  <Table.Th>{m.programmes.columns.activities}</Table.Th>
                  <Table.Th>{m.programmes.columns.progress}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((p) => (
                  <Table.Tr key={p.id} data-testid="programme-row">
                    <Table.Td>
                      <RouterAnchor to="/roadmap/programmes/$programmeId" params={{ programmeId: p.id }}>
                        {p.title}
                      </RouterAnchor>
                    </Table.Td>
                    <Table.Td>
                      <ProgrammeStatusBadge status={p.status} />
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {formatDate(p.period_start)} — {formatDate(p.period_end)}
                    </Table.Td>
                    <Table.Td>{p.activity_count}</Table.Td>
                    <Table.Td miw={140}>
                      <ProgressCell programme={p} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </ListView>
      <ProgrammeFormModal opened={creating} onClose={() => setCreating(false)} municipalityId={ownMunicipalityId(me)} />
    </Stack>
  );
}

export function ProgrammeStatusBadge({ status }: { status: string }) {
  return (
    <Badge variant="outline" color={m.programmeStatusColors[status] ?? 'gray.8'}>
      {m.programmeStatuses[status] ?? status}
    </Badge>
  );
}

function ProgressCell({ programme }: { programme: Programme }) {
  const progress = useQuery({ ...progressQuery(programme.id), enabled: programme.activity_count > 0 });
  if (!programme.activity_count) return <Text size="sm">—</Text>;
  const value = progress.data?.total.done_percent ?? null;
  return (
    <Stack gap={2}>
      <Text size="sm">{formatPercent(value)}</Text>
      <Progress value={value ?? 0} size="sm" aria-label={`${m.programmes.columns.progress}: ${formatPercent(value)}`} />
    </Stack>
  );
}
