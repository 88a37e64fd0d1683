import { useState } from 'react';
import { Button, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { can, canBrowseTeachers, reachesEverything } from '../../auth/permissions';
import { useMe } from '../../auth/useMe';
import { DateField, isInvalidDateText } from '../../components/DateField';
import { ExportMenu } from '../../components/ExportMenu';
import { FiltersCard } from '../../components/FiltersCard';
import { MunicipalityFilter, OrganizationFilter, SortFilter } from '../../components/ListFilters';
import { ListView } from '../../components/ListView';
import { PageHeader } from '../../components/PageHeader';
import { RouterAnchor } from '../../components/RouterLinks';
import { StatCard } from '../../components/StatCard';
import { formatDate } from '../../lib/format';
import { activeFilterCount } from '../../lib/search';
import { exportYoungWithoutMentor, youngWithoutMentorQuery } from './api';
import { MentoringSectionNav } from './MentoringSectionNav';
import { t } from './messages';
import { PairModal, type NewPairFor } from './PairModal';
import { toYoungQuery, YOUNG_SORTS, type YoungSearch } from './search';

const y = t.youngWithoutMentor;

type Props = { search: YoungSearch; onSearch: (next: YoungSearch) => void };

/** Young teachers without a mentor on a date, with the share of those who have one (Zeya's target: 100 %). */
export function YoungWithoutMentorPage({ search, onSearch }: Props) {
  const me = useMe();
  const query = toYoungQuery(search);
  const page = useQuery(youngWithoutMentorQuery(query));
  const everywhere = reachesEverything(me, 'mentoring:read');
  const [assigning, setAssigning] = useState<NewPairFor>(null);
  const update = (patch: Partial<YoungSearch>) => onSearch({ ...search, ...patch, offset: undefined });
  const teacherLinks = canBrowseTeachers(me);
  const canAssign = can(me, 'mentoring:write');
  const data = page.data;

  return (
    <Stack>
      <PageHeader title={y.title} description={y.intro} actions={<ExportMenu onExport={(format) => exportYoungWithoutMentor(query, format)} />} />
      <MentoringSectionNav current="young" />
      <FiltersCard
        id="young-filters"
        activeCount={activeFilterCount(search)}
        onReset={() => onSearch({ sort: search.sort, limit: search.limit })}
        search={
          <DateField
            label={y.on}
            value={search.on ?? null}
            onChange={(v) => {
              if (!isInvalidDateText(v)) update({ on: v ?? undefined });
            }}
          />
        }
      >
        {everywhere ? (
          <MunicipalityFilter
            label={y.municipality}
            placeholder={y.municipalityAny}
            value={search.municipality_id}
            onChange={(municipality_id) => update({ municipality_id })}
          />
        ) : null}
        <OrganizationFilter
          label={y.organization}
          placeholder={y.organizationAny}
          value={search.organization_id}
          onChange={(organization_id) => update({ organization_id })}
        />
        <SortFilter sorts={YOUNG_SORTS} names={y.sorts} value={search.sort} fallback="organization_name" onChange={(sort) => update({ sort })} />
      </FiltersCard>

      {data ? (
        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm" data-testid="young-summary">
          <StatCard label={y.youngTotal} value={data.young_total} testId="young-total" />
          <StatCard label={y.withMentor} value={data.with_mentor} color="green.8" testId="young-with-mentor" />
          <StatCard label={y.without} value={data.total} color={data.total ? 'red.8' : undefined} testId="young-without" />
          <StatCard
            label={y.share}
            value={data.share === null || data.share === undefined ? t.common.noData : y.shareValue(data.share)}
            hint={y.target(data.target ?? 100)}
            testId="young-share"
          />
        </SimpleGrid>
      ) : null}

      <ListView query={page} emptyTitle={y.empty} onOffsetChange={(offset) => onSearch({ ...search, offset: offset || undefined })}>
        {(items) => (
          <Table.ScrollContainer minWidth={900}>
            <Table striped highlightOnHover verticalSpacing="xs" data-testid="young-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{y.columns.name}</Table.Th>
                  <Table.Th>{y.columns.organization}</Table.Th>
                  <Table.Th>{y.columns.position}</Table.Th>
                  <Table.Th>{y.columns.age}</Table.Th>
                  <Table.Th>{y.columns.experience}</Table.Th>
                  <Table.Th>{y.columns.lastMentor}</Table.Th>
                  {canAssign ? <Table.Th>{t.common.actions}</Table.Th> : null}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((x) => (
                  <Table.Tr key={x.teacher_id}>
                    <Table.Td>
                      {teacherLinks ? (
                        <RouterAnchor to="/teachers/$teacherId" params={{ teacherId: x.teacher_id }} fw={500} size="sm">
                          {x.full_name}
                        </RouterAnchor>
                      ) : (
                        x.full_name
                      )}
                    </Table.Td>
                    <Table.Td>{x.organization_name ?? t.common.emptyValue}</Table.Td>
                    <Table.Td>{x.position_name ?? t.common.emptyValue}</Table.Td>
                    <Table.Td>{x.age ?? t.common.emptyValue}</Table.Td>
                    <Table.Td>{x.experience_years ?? t.common.emptyValue}</Table.Td>
                    <Table.Td>
                      {x.last_mentor_name ? (
                        <Text size="sm">{y.lastMentor(x.last_mentor_name, formatDate(x.last_pair_end_date))}</Text>
                      ) : (
                        t.common.emptyValue
                      )}
                    </Table.Td>
                    {canAssign ? (
                      <Table.Td>
                        <Button
                          size="compact-sm"
                          variant="light"
                          onClick={() =>
                            setAssigning({ menteeId: x.teacher_id, menteeLabel: [x.full_name, x.organization_name].filter(Boolean).join(', ') })
                          }
                          aria-label={`${y.assign}: ${x.full_name}`}
                        >
                          {y.assign}
                        </Button>
                      </Table.Td>
                    ) : null}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </ListView>
      {canAssign ? <PairModal opened={assigning !== null} onClose={() => setAssigning(null)} mentee={assigning} /> : null}
    </Stack>
  );
}
