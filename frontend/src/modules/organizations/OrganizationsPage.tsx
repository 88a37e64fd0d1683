import { Badge, Button, Card, Group, MultiSelect, Select, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { organizationListQuery } from './api';
import { type Organization } from '../../api/types';
import { canManageOrganizations } from '../../auth/permissions';
import { useMe } from '../../auth/useMe';
import { ListView } from '../../components/ListView';
import { PageHeader } from '../../components/PageHeader';
import { RouterAnchor } from '../../components/RouterLinks';
import { SearchInput } from '../../components/SearchInput';
import { useDictionary } from '../../components/useDictionary';
import { useSearchText } from '../../lib/searchText';
import { t } from './messages';
import { OrganizationCreateModal } from './OrganizationEditModal';
import { INNOVATION_LEVELS, ORGANIZATION_SORTS, toOrganizationQuery, type OrganizationSearch } from './search';

type Props = { search: OrganizationSearch; onSearch: (next: OrganizationSearch) => void };

const o = t.organizations;

export function OrganizationFlags({ organization }: { organization: Organization }) {
  return (
    <Group gap={4}>
      {organization.is_low_results ? (
        <Badge size="sm" variant="light" color="red" tt="none" title={o.lowResultsFull}>
          {o.lowResults}
        </Badge>
      ) : null}
      {organization.is_unfavourable ? (
        <Badge size="sm" variant="light" color="orange" tt="none" title={o.unfavourableFull}>
          {o.unfavourable}
        </Badge>
      ) : null}
      {organization.innovation_level ? (
        <Badge size="sm" variant="light" color="violet" tt="none">
          {`${o.innovation}: ${(o.innovationLevels[organization.innovation_level] ?? organization.innovation_level).toLowerCase()}`}
        </Badge>
      ) : null}
      {organization.is_resource_center ? (
        <Badge size="sm" variant="light" color="teal" tt="none">
          {o.resourceCenter}
        </Badge>
      ) : null}
      {organization.archived_at ? (
        <Badge size="sm" variant="light" color="gray" tt="none">
          {t.common.archived}
        </Badge>
      ) : null}
    </Group>
  );
}

function triSelect(
  label: string,
  value: 'yes' | 'no' | undefined,
  onChange: (v: 'yes' | 'no' | undefined) => void,
  title?: string,
) {
  return (
    <Select
      label={label}
      title={title}
      data={[
        { value: 'any', label: o.flagFilter.any },
        { value: 'yes', label: o.flagFilter.yes },
        { value: 'no', label: o.flagFilter.no },
      ]}
      value={value ?? 'any'}
      onChange={(v) => onChange(v === 'yes' || v === 'no' ? v : undefined)}
      allowDeselect={false}
    />
  );
}

export function OrganizationsPage({ search, onSearch }: Props) {
  const me = useMe();
  const [createOpened, createModal] = useDisclosure(false);
  const [q, setQ] = useSearchText('organizations');
  const list = useQuery(organizationListQuery(toOrganizationQuery(search, q)));
  const types = useDictionary('organizationTypes');
  const update = (patch: Partial<OrganizationSearch>) => onSearch({ ...search, ...patch, offset: undefined });
  const hasFilters = Boolean(q) || Object.keys(search).some((k) => k !== 'sort' && k !== 'limit' && k !== 'offset');

  return (
    <Stack>
      <PageHeader title={o.title} actions={canManageOrganizations(me) ? <Button onClick={createModal.open}>{o.create}</Button> : null} />
      <Card withBorder padding="md" component="section" aria-label={t.common.filters}>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
          <SearchInput
            label={o.searchLabel}
            placeholder={o.searchPlaceholder}
            value={q}
            onChange={(text) => {
              setQ(text);
              if (search.offset) onSearch({ ...search, offset: undefined });
            }}
          />
          <MultiSelect
            label={o.typeLabel}
            placeholder={search.type_code?.length ? undefined : o.typePlaceholder}
            data={types.options}
            value={search.type_code ?? []}
            onChange={(v) => update({ type_code: v.length ? v : undefined })}
            clearable
          />
          {triSelect(o.lowResults, search.low, (low) => update({ low }), o.lowResultsFull)}
          {triSelect(o.unfavourable, search.unfavourable, (unfavourable) => update({ unfavourable }), o.unfavourableFull)}
          <Select
            label={o.innovation}
            data={[
              { value: 'any', label: o.innovationLevels.any ?? '' },
              ...INNOVATION_LEVELS.map((l) => ({ value: l, label: o.innovationLevels[l] ?? l })),
            ]}
            value={search.innovation ?? 'any'}
            onChange={(v) => update({ innovation: INNOVATION_LEVELS.find((l) => l === v) })}
            allowDeselect={false}
          />
          {triSelect(o.resourceCenter, search.resource, (resource) => update({ resource }))}
          <Select
            label={t.common.sort}
            data={ORGANIZATION_SORTS.map((s) => ({ value: s, label: o.sorts[s] ?? s }))}
            value={search.sort ?? 'short_name'}
            onChange={(v) => update({ sort: ORGANIZATION_SORTS.find((s) => s === v) })}
            allowDeselect={false}
          />
        </SimpleGrid>
        {hasFilters ? (
          <Group mt="sm">
            <Button
              variant="subtle"
              size="xs"
              onClick={() => {
                setQ(undefined);
                onSearch({ sort: search.sort, limit: search.limit });
              }}
            >
              {t.common.reset}
            </Button>
          </Group>
        ) : null}
      </Card>

      <ListView
        query={list}
        filtered={hasFilters}
        emptyTitle={o.empty}
        onOffsetChange={(offset) => onSearch({ ...search, offset: offset || undefined })}
      >
        {(items) => (
          <Table.ScrollContainer minWidth={720}>
            <Table striped highlightOnHover verticalSpacing="xs" data-testid="organizations-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{o.columns.shortName}</Table.Th>
                  <Table.Th>{o.columns.type}</Table.Th>
                  <Table.Th w={280}>{o.columns.flags}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((org) => (
                  <Table.Tr key={org.id}>
                    <Table.Td>
                      <Stack gap={0}>
                        <RouterAnchor to="/organizations/$organizationId" params={{ organizationId: org.id }} fw={500}>
                          {org.short_name}
                        </RouterAnchor>
                        <Text size="xs" c="dimmed" lineClamp={1}>
                          {org.name}
                        </Text>
                      </Stack>
                    </Table.Td>
                    <Table.Td>{types.name(org.type_code)}</Table.Td>
                    <Table.Td>
                      <OrganizationFlags organization={org} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </ListView>
      {canManageOrganizations(me) ? <OrganizationCreateModal opened={createOpened} onClose={createModal.close} /> : null}
    </Stack>
  );
}
