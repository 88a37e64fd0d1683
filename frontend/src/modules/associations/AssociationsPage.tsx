import { useState } from 'react';
import { Badge, Button, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { can } from '../../auth/permissions';
import { useMe } from '../../auth/useMe';
import { ExportMenu } from '../../components/ExportMenu';
import { FiltersCard } from '../../components/FiltersCard';
import { OrganizationFilter, PeriodFilter } from '../../components/ListFilters';
import { ListView } from '../../components/ListView';
import { PageHeader } from '../../components/PageHeader';
import { RouterAnchor } from '../../components/RouterLinks';
import { activeFilterCount } from '../../lib/search';
import { associationListQuery, exportAssociations } from './api';
import { AssociationModal } from './AssociationModal';
import { t } from './messages';
import { ShareFigure } from './ShareFigure';
import { ASSOCIATION_SORTS, LEVELS, STATUSES, toAssociationQuery, type AssociationSearch } from './search';

const a = t.associations;

type Props = { search: AssociationSearch; onSearch: (next: AssociationSearch) => void };

/** «Методобъединения»: ГМО and ШМО by academic year, with the share of planned meetings held, exports and a new one. */
export function AssociationsPage({ search, onSearch }: Props) {
  const me = useMe();
  const query = toAssociationQuery(search);
  const list = useQuery(associationListQuery(query));
  const [creating, setCreating] = useState(false);
  const update = (patch: Partial<AssociationSearch>) => onSearch({ ...search, ...patch, offset: undefined });
  const active = activeFilterCount(search, [search.sort]);

  return (
    <Stack>
      <PageHeader
        title={a.title}
        actions={
          <Group gap="sm">
            <ExportMenu onExport={(format) => exportAssociations(query, format)} />
            {can(me, 'associations:write') ? <Button onClick={() => setCreating(true)}>{a.create}</Button> : null}
          </Group>
        }
      />
      <FiltersCard
        id="associations-filters"
        activeCount={active}
        onReset={() => onSearch({ sort: search.sort, limit: search.limit })}
        search={
          <TextInput
            label={a.search}
            placeholder={a.searchPlaceholder}
            defaultValue={search.q ?? ''}
            onBlur={(e) => update({ q: e.currentTarget.value.trim() || undefined })}
            onKeyDown={(e) => {
              if (e.key === 'Enter') update({ q: e.currentTarget.value.trim() || undefined });
            }}
          />
        }
      >
        <PeriodFilter label={a.academicYear} anyLabel={a.academicYearAny} value={search.academic_year} onChange={(academic_year) => update({ academic_year })} />
        <Select
          label={a.level}
          data={[{ value: '', label: a.levelAny }, ...LEVELS.map((l) => ({ value: l, label: a.levels[l] ?? l }))]}
          value={search.level ?? ''}
          onChange={(v) => update({ level: LEVELS.find((l) => l === v) })}
          allowDeselect={false}
        />
        <OrganizationFilter
          label={a.organization}
          placeholder={a.organizationAny}
          value={search.organization_id}
          onChange={(organization_id) => update({ organization_id })}
        />
        <Select
          label={a.status}
          data={STATUSES.map((s) => ({ value: s, label: a.statuses[s] ?? s }))}
          value={search.status ?? 'active'}
          onChange={(v) => update({ status: v === 'archived' ? 'archived' : undefined })}
          allowDeselect={false}
        />
        <Select
          label={t.common.sort}
          data={ASSOCIATION_SORTS.map((s) => ({ value: s, label: a.sorts[s] ?? s }))}
          value={search.sort ?? 'title'}
          onChange={(v) => update({ sort: ASSOCIATION_SORTS.find((s) => s === v) })}
          allowDeselect={false}
        />
      </FiltersCard>

      <ListView query={list} filtered={active > 0} emptyTitle={a.empty} onOffsetChange={(offset) => onSearch({ ...search, offset: offset || undefined })}>
        {(items) => (
          <Table.ScrollContainer minWidth={900}>
            <Table striped highlightOnHover verticalSpacing="xs" data-testid="associations-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{a.columns.title}</Table.Th>
                  <Table.Th>{a.columns.year}</Table.Th>
                  <Table.Th>{a.columns.leader}</Table.Th>
                  <Table.Th>{a.columns.members}</Table.Th>
                  <Table.Th>{a.columns.share}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((row) => (
                  <Table.Tr key={row.id}>
                    <Table.Td>
                      <Stack gap={2}>
                        <Group gap={6} wrap="nowrap">
                          <Badge size="sm" variant="light" color={row.level === 'city' ? 'blue' : 'teal'} tt="none" miw="max-content">
                            {a.levelShort[row.level] ?? row.level_label}
                          </Badge>
                          <RouterAnchor to="/associations/$associationId" params={{ associationId: row.id }} fw={500} size="sm">
                            {row.title}
                          </RouterAnchor>
                          {row.archived_at ? (
                            <Badge size="sm" variant="light" color="gray" tt="none">
                              {t.common.archived}
                            </Badge>
                          ) : null}
                        </Group>
                        <Text size="xs" c="dimmed">
                          {[row.organization_name, row.subject_name ?? row.problem].filter(Boolean).join(' · ')}
                        </Text>
                      </Stack>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{row.academic_year}</Table.Td>
                    <Table.Td>{row.leader_name ?? t.common.emptyValue}</Table.Td>
                    <Table.Td>{row.members_count}</Table.Td>
                    <Table.Td>
                      <ShareFigure planned={row.planned ?? 0} held={row.held ?? 0} share={row.share} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </ListView>
      <AssociationModal opened={creating} onClose={() => setCreating(false)} />
    </Stack>
  );
}
