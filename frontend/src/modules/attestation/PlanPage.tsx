import { Badge, Card, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { municipalitiesQuery, organizationOptionsQuery } from '../../api/queries';
import type { AttestationPlan } from '../../api/types';
import { canBrowseTeachers, reachesEverything } from '../../auth/permissions';
import { useMe } from '../../auth/useMe';
import { ExportMenu } from '../../components/ExportMenu';
import { FiltersCard } from '../../components/FiltersCard';
import { PageHeader } from '../../components/PageHeader';
import { RouterAnchor } from '../../components/RouterLinks';
import { StatCard } from '../../components/StatCard';
import { EmptyBlock, ErrorState, LoadingState } from '../../components/states';
import { formatDate } from '../../lib/format';
import { academicYearLabel, academicYearStart } from '../../lib/periods';
import { activeFilterCount } from '../../lib/search';
import { attestationPlanQuery, exportAttestationPlan } from './api';
import { AttestationSectionNav } from './AttestationSectionNav';
import { t } from './messages';
import { toPlanQuery, type PlanSearch } from './search';

const p = t.attestationPlan;

type Props = { search: PlanSearch; onSearch: (next: PlanSearch) => void };

/** The 5-year attestation plan-schedule of an organization or the municipality, by academic year, printable. */
export function PlanPage({ search, onSearch }: Props) {
  const me = useMe();
  const query = toPlanQuery(search);
  const plan = useQuery(attestationPlanQuery(query));
  const organizations = useQuery(organizationOptionsQuery);
  const everywhere = reachesEverything(me, 'attestations:read');
  const municipalities = useQuery({ ...municipalitiesQuery, enabled: everywhere });
  const current = academicYearStart();
  const years = Array.from({ length: 8 }, (_, i) => current - 2 + i);

  return (
    <Stack>
      <PageHeader title={p.title} description={p.intro} actions={<ExportMenu onExport={(format) => exportAttestationPlan(query, format)} />} />
      <AttestationSectionNav current="plan" />
      <FiltersCard id="plan-filters" activeCount={activeFilterCount(search)} onReset={() => onSearch({})}>
        <Select
          label={p.fromYear}
          data={years.map((y) => ({ value: String(y), label: academicYearLabel(y) }))}
          value={String(search.from_year ?? current)}
          onChange={(v) => onSearch({ ...search, from_year: v && Number(v) !== current ? Number(v) : undefined })}
          allowDeselect={false}
        />
        {everywhere ? (
          <Select
            label={p.municipality}
            placeholder={p.municipalityAll}
            data={(municipalities.data ?? []).map((m) => ({ value: m.id, label: m.name }))}
            value={search.municipality_id ?? null}
            onChange={(v) => onSearch({ ...search, municipality_id: v ?? undefined })}
            searchable
            clearable
          />
        ) : null}
        <Select
          label={p.organization}
          placeholder={p.organizationAll}
          data={(organizations.data ?? []).map((o) => ({ value: o.id, label: o.short_name }))}
          value={search.organization_id ?? null}
          onChange={(v) => onSearch({ ...search, organization_id: v ?? undefined })}
          searchable
          clearable
        />
      </FiltersCard>
      {plan.isPending ? (
        <LoadingState />
      ) : plan.isError ? (
        <ErrorState error={plan.error} onRetry={() => void plan.refetch()} />
      ) : (
        <PlanView plan={plan.data} showOrganization={!search.organization_id} teacherLinks={canBrowseTeachers(me)} dimmed={plan.isPlaceholderData} />
      )}
    </Stack>
  );
}

function PlanView({ plan, showOrganization, teacherLinks, dimmed }: { plan: AttestationPlan; showOrganization: boolean; teacherLinks: boolean; dimmed: boolean }) {
  return (
    <Stack style={{ opacity: dimmed ? 0.6 : 1 }} data-testid="attestation-plan">
      <Title order={3} size="h4">
        {plan.title}
      </Title>
      <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} spacing="sm">
        <StatCard label={p.total} value={plan.total} testId="plan-total" />
        {plan.years.map((y) => (
          <StatCard key={y.academic_year} label={y.academic_year} value={y.count} />
        ))}
      </SimpleGrid>
      <Text size="sm" c="dimmed">
        {p.builtOn(formatDate(plan.built_on))}
      </Text>
      {plan.total === 0 ? <EmptyBlock title={p.empty} /> : null}
      {plan.total > 0
        ? plan.years.map((year) => {
            const id = `plan-year-${year.academic_year.replace('/', '-')}`;
            return (
              <Card key={year.academic_year} withBorder component="section" aria-labelledby={id}>
                <Title order={4} size="h5" mb="sm" id={id}>
                  {p.year(year.academic_year, year.count)}
                </Title>
                {year.teachers.length === 0 ? (
                  <Text size="sm" c="dimmed">
                    {p.emptyYear}
                  </Text>
                ) : (
                  <Table.ScrollContainer minWidth={860}>
                    <Table striped verticalSpacing="xs">
                      <Table.Thead>
                        <Table.Tr>
                          <Table.Th w={50}>{p.columns.number}</Table.Th>
                          <Table.Th>{p.columns.name}</Table.Th>
                          {showOrganization ? <Table.Th>{p.columns.organization}</Table.Th> : null}
                          <Table.Th>{p.columns.position}</Table.Th>
                          <Table.Th>{p.columns.category}</Table.Th>
                          <Table.Th>{p.columns.expires}</Table.Th>
                          <Table.Th>{p.columns.application}</Table.Th>
                        </Table.Tr>
                      </Table.Thead>
                      <Table.Tbody>
                        {year.teachers.map((row) => (
                          <Table.Tr key={row.teacher_id}>
                            <Table.Td>{row.number}</Table.Td>
                            <Table.Td>
                              {teacherLinks ? (
                                <RouterAnchor to="/teachers/$teacherId" params={{ teacherId: row.teacher_id }} size="sm">
                                  {row.full_name}
                                </RouterAnchor>
                              ) : (
                                row.full_name
                              )}
                            </Table.Td>
                            {showOrganization ? <Table.Td>{row.organization_name ?? t.common.emptyValue}</Table.Td> : null}
                            <Table.Td>{row.position_name ?? t.common.emptyValue}</Table.Td>
                            <Table.Td>{row.category_name ?? row.category_code}</Table.Td>
                            <Table.Td>
                              <Stack gap={2} align="flex-start">
                                <Text size="sm">{formatDate(row.expires_on)}</Text>
                                {row.overdue ? (
                                  <Badge size="xs" color="red" variant="light" tt="none">
                                    {p.overdue}
                                  </Badge>
                                ) : null}
                              </Stack>
                            </Table.Td>
                            <Table.Td>
                              {row.pending_category_sought ? (
                                <Text size="sm">
                                  {p.pending(
                                    t.attestation.categories[row.pending_category_sought] ?? row.pending_category_sought,
                                    formatDate(row.pending_applied_on),
                                  )}
                                </Text>
                              ) : (
                                <Text size="sm" c="dimmed">
                                  {p.noPending}
                                </Text>
                              )}
                            </Table.Td>
                          </Table.Tr>
                        ))}
                      </Table.Tbody>
                    </Table>
                  </Table.ScrollContainer>
                )}
              </Card>
            );
          })
        : null}
    </Stack>
  );
}
