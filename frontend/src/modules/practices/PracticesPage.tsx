import { useState } from 'react';
import { Badge, Button, Group, MultiSelect, Select, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { can } from '../../auth/permissions';
import { useMe } from '../../auth/useMe';
import { ExportMenu } from '../../components/ExportMenu';
import { FiltersCard } from '../../components/FiltersCard';
import { ArchivedFilter, CodesFilter, OrganizationFilter, PeriodFilter } from '../../components/ListFilters';
import { ListView } from '../../components/ListView';
import { PageHeader } from '../../components/PageHeader';
import { RouterAnchor } from '../../components/RouterLinks';
import { SearchInput } from '../../components/SearchInput';
import { useDictionary } from '../../components/useDictionary';
import { formatDate } from '../../lib/format';
import { activeFilterCount } from '../../lib/search';
import { exportPractices, practiceListQuery } from './api';
import { t } from './messages';
import { PracticeFormModal } from './PracticeFormModal';
import { PracticesSectionNav } from './PracticesSectionNav';
import { PRACTICE_KINDS, PRACTICE_SORTS, PRACTICE_STATUSES, toPracticeQuery, type PracticeSearch } from './search';
import { StatusBadge } from './StatusBadge';

const p = t.practices;

type Props = { search: PracticeSearch; onSearch: (next: PracticeSearch) => void };

/** «Банк практик»: search in Russian (word forms), filters, export; a new practice for those who describe them. */
export function PracticesPage({ search, onSearch }: Props) {
  const me = useMe();
  const query = toPracticeQuery(search);
  const list = useQuery(practiceListQuery(query));
  const levels = useDictionary('eventLevels');
  const areas = useDictionary('competenceAreas');
  const [creating, setCreating] = useState(false);
  const update = (patch: Partial<PracticeSearch>) => onSearch({ ...search, ...patch, offset: undefined });
  const active = activeFilterCount(search);

  return (
    <Stack>
      <PageHeader
        title={p.title}
        description={p.intro}
        actions={
          <Group gap="sm">
            <ExportMenu onExport={(format) => exportPractices(query, format)} />
            {can(me, 'practices:write') ? <Button onClick={() => setCreating(true)}>{p.create}</Button> : null}
          </Group>
        }
      />
      <PracticesSectionNav current="list" />
      <FiltersCard
        id="practice-filters"
        activeCount={active}
        onReset={() => onSearch({ limit: search.limit })}
        search={<SearchInput label={p.search} placeholder={p.searchPlaceholder} value={search.q} onChange={(q) => update({ q })} />}
      >
        <CodesFilter
          label={p.status}
          anyLabel={p.statusAny}
          codes={PRACTICE_STATUSES}
          names={p.statuses}
          value={search.status}
          onChange={(status) => update({ status })}
        />
        <MultiSelect
          label={p.level}
          placeholder={search.level?.length ? undefined : p.levelAny}
          data={levels.options}
          value={search.level ?? []}
          onChange={(v) => update({ level: v.length ? v : undefined })}
          clearable
        />
        <CodesFilter
          label={p.kind}
          anyLabel={p.kindAny}
          codes={PRACTICE_KINDS}
          names={p.kinds}
          value={search.kind}
          onChange={(kind) => update({ kind })}
        />
        <MultiSelect
          label={p.area}
          placeholder={search.area?.length ? undefined : p.areaAny}
          data={areas.options}
          value={search.area ?? []}
          onChange={(v) => update({ area: v.length ? v : undefined })}
          clearable
          searchable
        />
        <OrganizationFilter
          label={p.organization}
          placeholder={p.organizationAny}
          value={search.organization_id}
          onChange={(organization_id) => update({ organization_id })}
        />
        <PeriodFilter label={p.period} anyLabel={p.periodAny} value={search.period} onChange={(period) => update({ period })} />
        <Select
          label={t.common.sort}
          data={[
            ...(search.q ? [{ value: '', label: p.relevance }] : []),
            ...PRACTICE_SORTS.map((s) => ({ value: s, label: p.sorts[s] ?? s })),
          ]}
          value={search.sort ?? (search.q ? '' : '-published_at')}
          onChange={(v) => update({ sort: PRACTICE_SORTS.find((s) => s === v) })}
          allowDeselect={false}
        />
        <ArchivedFilter value={search.archived} onChange={(archived) => update({ archived })} />
      </FiltersCard>

      <ListView
        query={list}
        filtered={active > 0}
        emptyTitle={search.q ? p.emptySearch : p.empty}
        onOffsetChange={(offset) => onSearch({ ...search, offset: offset || undefined })}
      >
        {(items) => (
          <Table.ScrollContainer minWidth={900}>
            <Table striped highlightOnHover verticalSpacing="xs" data-testid="practices-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{p.columns.title}</Table.Th>
                  <Table.Th>{p.columns.authors}</Table.Th>
                  <Table.Th>{p.columns.kind}</Table.Th>
                  <Table.Th>{p.columns.status}</Table.Th>
                  <Table.Th>{p.columns.published}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((x) => (
                  <Table.Tr key={x.id}>
                    <Table.Td maw={420}>
                      <RouterAnchor to="/practices/$practiceId" params={{ practiceId: x.id }} fw={500} size="sm">
                        {x.title}
                      </RouterAnchor>
                      <Text size="xs" c="dimmed">
                        {x.organization_name ?? ''}
                      </Text>
                      {x.snippet ? (
                        <Text size="xs" lineClamp={2} data-testid="practice-snippet">
                          {x.snippet}
                        </Text>
                      ) : null}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{(x.authors ?? []).map((a) => a.full_name).join(', ')}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{p.kinds[x.kind] ?? x.kind_label}</Text>
                      <Text size="xs" c="dimmed">
                        {x.level_label}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        <StatusBadge status={x.status} />
                        {x.archived_at ? (
                          <Badge size="sm" variant="light" color="gray" tt="none">
                            {t.common.archived}
                          </Badge>
                        ) : null}
                      </Group>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{x.published_at ? formatDate(x.published_at) : t.common.emptyValue}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </ListView>
      <PracticeFormModal opened={creating} onClose={() => setCreating(false)} practice={null} />
    </Stack>
  );
}
