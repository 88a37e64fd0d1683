import { Badge, NumberInput, Select, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { canBrowseTeachers, reachesEverything } from '../../auth/permissions';
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
import { exportPdWindow, pdWindowQuery } from './api';
import { CoursesSectionNav } from './CoursesSectionNav';
import { t } from './messages';
import { DEFAULT_MONTHS, PD_SORTS, PD_STATES, toPdWindowQuery, type PdWindowSearch } from './search';

const w = t.pdWindow;

type Props = { search: PdWindowSearch; onSearch: (next: PdWindowSearch) => void };

/** Teachers outside the 3-year window of professional development on a date, or leaving it within N months. */
export function PdWindowPage({ search, onSearch }: Props) {
  const me = useMe();
  const query = toPdWindowQuery(search);
  const page = useQuery(pdWindowQuery(query));
  const everywhere = reachesEverything(me, 'courses:read');
  const update = (patch: Partial<PdWindowSearch>) => onSearch({ ...search, ...patch, offset: undefined });
  const months = page.data?.months ?? search.months ?? DEFAULT_MONTHS;
  const teacherLinks = canBrowseTeachers(me);

  return (
    <Stack>
      <PageHeader title={w.title} description={w.intro} actions={<ExportMenu onExport={(format) => exportPdWindow(query, format)} />} />
      <CoursesSectionNav current="window" />
      <FiltersCard
        id="pd-window-filters"
        activeCount={activeFilterCount(search)}
        onReset={() => onSearch({ sort: search.sort, limit: search.limit })}
        search={
          <DateField
            label={w.on}
            value={search.on ?? null}
            onChange={(v) => {
              // A half-typed date waits; a real one (or an empty field: today) applies.
              if (!isInvalidDateText(v)) update({ on: v ?? undefined });
            }}
          />
        }
      >
        <NumberInput
          label={w.months}
          min={0}
          max={36}
          allowDecimal={false}
          value={search.months ?? DEFAULT_MONTHS}
          onChange={(v) => {
            const n = typeof v === 'number' ? v : Number.NaN;
            if (Number.isInteger(n) && n >= 0 && n <= 36) update({ months: n === DEFAULT_MONTHS ? undefined : n });
          }}
        />
        <Select
          label={w.state}
          data={[{ value: '', label: w.states.both ?? '' }, ...PD_STATES.map((s) => ({ value: s, label: w.states[s] ?? s }))]}
          value={search.state ?? ''}
          onChange={(v) => update({ state: PD_STATES.find((s) => s === v) })}
          allowDeselect={false}
        />
        {everywhere ? (
          <MunicipalityFilter
            label={w.municipality}
            placeholder={w.municipalityAny}
            value={search.municipality_id}
            onChange={(municipality_id) => update({ municipality_id })}
          />
        ) : null}
        <OrganizationFilter
          label={w.organization}
          placeholder={w.organizationAny}
          value={search.organization_id}
          onChange={(organization_id) => update({ organization_id })}
        />
        <SortFilter sorts={PD_SORTS} names={w.sorts} value={search.sort} fallback="full_name" onChange={(sort) => update({ sort })} />
      </FiltersCard>

      {page.data ? (
        <Stack gap="xs">
          <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }} spacing="sm" data-testid="pd-window-summary">
            <StatCard label={w.counted} value={page.data.counted} testId="pd-counted" />
            <StatCard label={w.inWindow} value={page.data.in_window} color="green.8" testId="pd-in-window" />
            <StatCard label={w.outside} value={page.data.outside} color="red.8" testId="pd-outside" />
            <StatCard label={w.leaving(months)} value={page.data.leaving} color="orange.8" testId="pd-leaving" />
            <StatCard
              label={w.share}
              value={page.data.share === null || page.data.share === undefined ? t.common.noData : w.shareValue(page.data.share)}
              testId="pd-share"
            />
          </SimpleGrid>
          <Text size="sm" c="dimmed">
            {w.horizon(formatDate(page.data.on), formatDate(page.data.horizon))}
          </Text>
        </Stack>
      ) : null}

      <ListView
        query={page}
        emptyTitle={w.empty}
        onOffsetChange={(offset) => onSearch({ ...search, offset: offset || undefined })}
      >
        {(items) => (
          <Table.ScrollContainer minWidth={900}>
            <Table striped highlightOnHover verticalSpacing="xs" data-testid="pd-window-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{w.columns.name}</Table.Th>
                  <Table.Th>{w.columns.organization}</Table.Th>
                  <Table.Th>{w.columns.position}</Table.Th>
                  <Table.Th>{w.columns.state}</Table.Th>
                  <Table.Th>{w.columns.lastCourse}</Table.Th>
                  <Table.Th>{w.columns.leavesOn}</Table.Th>
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
                    <Table.Td>
                      <Badge size="sm" variant="light" color={x.state === 'outside' ? 'red' : 'orange'} tt="none" miw="max-content">
                        {w.stateLabels[x.state] ?? x.state_label}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      {x.last_course_end ? (
                        <Stack gap={0}>
                          <Text size="sm">{formatDate(x.last_course_end)}</Text>
                          <Text size="xs" c="dimmed" lineClamp={2}>
                            {x.last_course_title}
                          </Text>
                        </Stack>
                      ) : (
                        <Text size="sm" c="dimmed">
                          {w.noCourse}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>{x.state === 'leaving' ? formatDate(x.leaves_window_on) : t.common.emptyValue}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </ListView>
    </Stack>
  );
}
