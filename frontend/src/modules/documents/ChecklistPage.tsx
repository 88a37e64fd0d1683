import { Group, Select, Stack, Table, Text, Tooltip } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { organizationOptionsQuery } from '../../api/queries';
import type { DocumentChecklist } from '../../api/types';
import { can, reachOf } from '../../auth/permissions';
import { useMe } from '../../auth/useMe';
import { ExportMenu } from '../../components/ExportMenu';
import { PageHeader } from '../../components/PageHeader';
import { RouterAnchor } from '../../components/RouterLinks';
import { EmptyBlock, ErrorState, LoadingState } from '../../components/states';
import { academicYearLabel, academicYearStart, recentAcademicYears } from '../../lib/periods';
import { checklistQuery, exportChecklist } from './api';
import { DocumentsSectionNav } from './DocumentsSectionNav';
import { t } from './messages';
import { MUNICIPALITY_LEVEL, type ChecklistSearch, type DocumentType } from './search';

const c = t.checklist;
const STATE_COLORS: Record<string, string> = { approved: 'green', draft: 'orange', missing: 'red' };

type Props = { search: ChecklistSearch; onSearch: (next: ChecklistSearch) => void };

/** Organizations × required document types for an academic year: ✓ / черновик / нет, with the totals and an export. */
export function ChecklistPage({ search, onSearch }: Props) {
  const me = useMe();
  const year = search.academic_year ?? academicYearLabel(academicYearStart());
  const query = useQuery(checklistQuery(year, search.organization_id));
  const organizations = useQuery(organizationOptionsQuery);
  return (
    <Stack>
      <PageHeader title={c.title} actions={<ExportMenu onExport={(format) => exportChecklist(year, search.organization_id, format)} />} />
      <DocumentsSectionNav current="checklist" />
      <Text size="sm" c="dimmed">
        {c.intro}
      </Text>
      <Group align="flex-end">
        <Select
          label={c.year}
          data={recentAcademicYears(8)}
          value={year}
          onChange={(v) => onSearch({ ...search, academic_year: v ?? undefined })}
          allowDeselect={false}
          w={180}
        />
        {reachOf(me, 'documents:checklist') === 'organization' ? null : (
          <Select
            label={c.organization}
            placeholder={c.organizationAny}
            data={(organizations.data ?? []).map((o) => ({ value: o.id, label: o.short_name }))}
            value={search.organization_id ?? null}
            onChange={(v) => onSearch({ ...search, organization_id: v ?? undefined })}
            searchable
            clearable
            w={320}
          />
        )}
      </Group>
      {query.isPending ? <LoadingState /> : null}
      {query.isError ? <ErrorState error={query.error} onRetry={() => void query.refetch()} /> : null}
      {query.data ? <Grid data={query.data} showRequirementsHint={can(me, 'document_requirements:write')} /> : null}
    </Stack>
  );
}

function Grid({ data, showRequirementsHint }: { data: DocumentChecklist; showRequirementsHint: boolean }) {
  if (!data.rows.length) {
    return <EmptyBlock title={c.empty} description={showRequirementsHint ? c.emptyHint : undefined} />;
  }
  return (
    <Stack gap="xs">
      <Text size="sm" data-testid="checklist-totals">
        {c.totals(data.approved, data.draft, data.missing, data.required)}
      </Text>
      <Text size="xs" c="dimmed">
        {c.legend}
      </Text>
      <Table.ScrollContainer minWidth={400 + data.types.length * 140}>
        <Table withTableBorder withColumnBorders verticalSpacing="xs" data-testid="checklist-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{c.columns.organization}</Table.Th>
              {data.types.map((type) => (
                <Table.Th key={type.code} style={{ minWidth: 130 }}>
                  <Tooltip label={type.criterion ?? type.name} multiline w={280} disabled={!type.criterion}>
                    <Text size="xs" fw={600}>
                      {type.name}
                    </Text>
                  </Tooltip>
                </Table.Th>
              ))}
              <Table.Th>{c.columns.summary}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.rows.map((row) => {
              const cells = new Map(row.cells.map((cell) => [cell.type, cell]));
              return (
                <Table.Tr key={`${row.municipality_id}:${row.organization_id ?? ''}`}>
                  <Table.Th scope="row" fw={row.organization_id ? 400 : 600}>
                    {row.organization_name}
                  </Table.Th>
                  {data.types.map((type) => {
                    const cell = cells.get(type.code);
                    if (!cell)
                      return (
                        <Table.Td key={type.code} c="dimmed" ta="center" title={c.notRequiredTitle}>
                          {c.notRequired}
                        </Table.Td>
                      );
                    const mark = c.states[cell.state] ?? cell.state;
                    return (
                      <Table.Td key={type.code} ta="center" title={c.stateTitles[cell.state]} data-state={cell.state}>
                        {cell.document_id ? (
                          <RouterAnchor
                            to="/documents"
                            search={{
                              organization_id: row.organization_id ?? MUNICIPALITY_LEVEL,
                              type: [type.code as DocumentType],
                              academic_year: data.academic_year,
                            }}
                            c={STATE_COLORS[cell.state]}
                            fw={600}
                            size="sm"
                          >
                            {mark}
                          </RouterAnchor>
                        ) : (
                          <Text size="sm" fw={600} c={STATE_COLORS[cell.state]}>
                            {mark}
                          </Text>
                        )}
                      </Table.Td>
                    );
                  })}
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{c.summary(row.approved, row.required)}</Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
