import { useState } from 'react';
import { Badge, Button, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { can } from '../../auth/permissions';
import { useMe } from '../../auth/useMe';
import { PageHeader } from '../../components/PageHeader';
import { EmptyBlock, ErrorState, LoadingState } from '../../components/states';
import { formatDate } from '../../lib/format';
import { indicatorsQuery, measuresQuery } from './api';
import { describeFilters } from './format';
import { IndicatorEditor } from './IndicatorEditor';
import { KpiSectionNav } from './KpiSectionNav';
import { t } from './messages';

const k = t.kpi;
const c = k.catalogue;

/** «Паспорта показателей»: code, name, unit, numerator/denominator, source, version; «Новый показатель» with
 * `kpi:write`. */
export function IndicatorsPage() {
  const me = useMe();
  const indicators = useQuery(indicatorsQuery);
  const measures = useQuery(measuresQuery);
  const [editing, setEditing] = useState(false);
  const measure = (code: string | null | undefined) => (measures.data ?? []).find((m) => m.code === code);
  const measureText = (code: string | null | undefined, filters: Record<string, unknown>) => {
    if (!code) return null;
    const m = measure(code);
    const f = describeFilters(filters, m?.filters);
    return `${m?.name ?? code}${f === k.drilldown.noFilters ? '' : ` (${f})`}`;
  };
  return (
    <Stack>
      <PageHeader
        title={c.title}
        description={c.intro}
        actions={can(me, 'kpi:write') ? <Button onClick={() => setEditing(true)}>{c.create}</Button> : null}
      />
      <KpiSectionNav current="indicators" />
      {indicators.isPending ? (
        <LoadingState />
      ) : indicators.isError ? (
        <ErrorState error={indicators.error} onRetry={() => void indicators.refetch()} />
      ) : indicators.data.items.length === 0 ? (
        <EmptyBlock title={c.empty} />
      ) : (
        <Table.ScrollContainer minWidth={960}>
          <Table striped verticalSpacing="xs" data-testid="kpi-indicators-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{k.columns.code}</Table.Th>
                <Table.Th>{k.columns.name}</Table.Th>
                <Table.Th>{k.columns.unitKind}</Table.Th>
                <Table.Th>{k.columns.measures}</Table.Th>
                <Table.Th>{k.columns.source}</Table.Th>
                <Table.Th>{k.columns.version}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {indicators.data.items.map((ind) => (
                <Table.Tr key={ind.id}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Text size="sm" fw={600}>
                      {ind.code}
                    </Text>
                    <Badge size="xs" variant="light" color={ind.municipality_id ? 'blue' : 'gray'} tt="none">
                      {ind.municipality_id ? c.ownOwner : c.catalogueOwner}
                    </Badge>
                  </Table.Td>
                  <Table.Td maw={360}>
                    <Text size="sm">{ind.name}</Text>
                    <Text size="xs" c="dimmed" lineClamp={2}>
                      {ind.description}
                    </Text>
                  </Table.Td>
                  <Table.Td>{k.units[ind.unit] ?? ind.unit}</Table.Td>
                  <Table.Td maw={320}>
                    <Text size="sm">{measureText(ind.numerator_measure, ind.numerator_filters)}</Text>
                    {ind.denominator_measure ? (
                      <Text size="xs" c="dimmed">
                        {`/ ${measureText(ind.denominator_measure, ind.denominator_filters) ?? ''}`}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>{ind.source ?? t.common.emptyValue}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{c.version(ind.definition_version, formatDate(ind.effective_from))}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {can(me, 'kpi:write') ? <IndicatorEditor opened={editing} onClose={() => setEditing(false)} /> : null}
    </Stack>
  );
}
