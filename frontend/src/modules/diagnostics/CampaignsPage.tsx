/** «Мониторинги»: the municipality's campaigns with their state and how many have submitted; a new one for writers. */
import { useState } from 'react';
import { Badge, Button, Group, Progress, Select, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { can } from '../../auth/permissions';
import { useMe } from '../../auth/useMe';
import { FiltersCard } from '../../components/FiltersCard';
import { ArchivedFilter } from '../../components/ListFilters';
import { ListView } from '../../components/ListView';
import { PageHeader } from '../../components/PageHeader';
import { RouterAnchor } from '../../components/RouterLinks';
import { formatDate } from '../../lib/format';
import { activeFilterCount } from '../../lib/search';
import { campaignListQuery } from './api';
import { CampaignFormModal } from './CampaignFormModal';
import { t } from './messages';
import { DiagnosticsSectionNav } from './parts';
import { CAMPAIGN_STATES, type CampaignSearch } from './search';

const c = t.campaigns;
export const STATE_COLORS: Record<string, string> = { scheduled: 'blue', open: 'green', closed: 'gray' };
const LIMIT = 25;

type Props = { search: CampaignSearch; onSearch: (next: CampaignSearch) => void };

export function CampaignsPage({ search, onSearch }: Props) {
  const me = useMe();
  const [creating, setCreating] = useState(false);
  const list = useQuery(
    campaignListQuery({
      limit: LIMIT,
      offset: search.offset ?? 0,
      ...(search.state ? { state: search.state } : {}),
      ...(search.archived ? { include_archived: true } : {}),
    }),
  );
  const active = activeFilterCount(search);
  const update = (patch: Partial<CampaignSearch>) => onSearch({ ...search, ...patch, offset: undefined });
  return (
    <Stack>
      <PageHeader title={c.title} actions={can(me, 'diagnostics:write') ? <Button onClick={() => setCreating(true)}>{c.create}</Button> : null} />
      <DiagnosticsSectionNav current="campaigns" />
      <FiltersCard id="campaign-filters" activeCount={active} onReset={() => onSearch({})}>
        <Select
          label={c.state}
          data={[{ value: '', label: c.stateAny }, ...CAMPAIGN_STATES.map((s) => ({ value: s, label: t.diagnostics.campaignStates[s] ?? s }))]}
          value={search.state ?? ''}
          onChange={(v) => update({ state: CAMPAIGN_STATES.find((s) => s === v) })}
          allowDeselect={false}
        />
        <ArchivedFilter value={search.archived} onChange={(archived) => update({ archived })} />
      </FiltersCard>
      <ListView query={list} filtered={active > 0} emptyTitle={c.empty} onOffsetChange={(offset) => onSearch({ ...search, offset: offset || undefined })}>
        {(items) => (
          <Table.ScrollContainer minWidth={760}>
            <Table striped highlightOnHover verticalSpacing="xs" data-testid="campaigns-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{c.columns.title}</Table.Th>
                  <Table.Th>{c.columns.instrument}</Table.Th>
                  <Table.Th>{c.columns.window}</Table.Th>
                  <Table.Th>{c.columns.state}</Table.Th>
                  <Table.Th>{c.columns.progress}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((item) => {
                  const percent = item.assigned ? Math.round((item.submitted * 100) / item.assigned) : 0;
                  return (
                    <Table.Tr key={item.id}>
                      <Table.Td>
                        <RouterAnchor to="/diagnostics/campaigns/$campaignId" params={{ campaignId: item.id }} fw={500} size="sm">
                          {item.title}
                        </RouterAnchor>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{item.instrument_title}</Text>
                        <Text size="xs" c="dimmed">
                          {`${t.diagnostics.kinds[item.instrument_kind] ?? item.instrument_kind}, ${t.instruments.version(item.instrument_version)}`}
                        </Text>
                      </Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{t.diagnostics.window(formatDate(item.opens_on), formatDate(item.closes_on))}</Table.Td>
                      <Table.Td>
                        <Group gap={4}>
                          <Badge color={STATE_COLORS[item.state] ?? 'gray'} variant="light" tt="none" miw="max-content">
                            {t.diagnostics.campaignStates[item.state] ?? item.state}
                          </Badge>
                          {item.archived_at ? (
                            <Badge color="gray" variant="light" tt="none">
                              {t.common.archived}
                            </Badge>
                          ) : null}
                        </Group>
                      </Table.Td>
                      <Table.Td miw={140}>
                        <Text size="sm">{c.progress(item.submitted, item.assigned)}</Text>
                        <Progress value={percent} size="sm" aria-hidden="true" />
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </ListView>
      <CampaignFormModal opened={creating} onClose={() => setCreating(false)} campaign={null} />
    </Stack>
  );
}
