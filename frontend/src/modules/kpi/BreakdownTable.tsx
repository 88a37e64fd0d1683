import { useState } from 'react';
import { Anchor, Badge, Table, UnstyledButton } from '@mantine/core';
import { formatKpiValue, sortBreakdown, statusView, type BreakdownRow, type BreakdownSortKey, type SortState } from './format';
import { t } from './messages';

const c = t.kpi.columns;

type Props<T extends BreakdownRow> = {
  rows: readonly T[];
  unit: string;
  unitTitle: string;
  /** Opens the teachers counted in a row (only with `kpi:drilldown` and an indicator of teachers). */
  onOpen?: (row: T) => void;
  testId?: string;
};

/** Per school (or municipality): numerator, denominator, value, target, status; every column sorts. */
export function BreakdownTable<T extends BreakdownRow>({ rows, unit, unitTitle, onOpen, testId }: Props<T>) {
  const [sort, setSort] = useState<SortState>({ key: 'unit_name', desc: false });
  const sorted = sortBreakdown(rows, sort);
  const header = (key: BreakdownSortKey, title: string, right = false) => {
    const active = sort.key === key;
    return (
      <Table.Th ta={right ? 'right' : undefined} aria-sort={active ? (sort.desc ? 'descending' : 'ascending') : 'none'}>
        <UnstyledButton
          onClick={() => setSort(active ? { key, desc: !sort.desc } : { key, desc: key !== 'unit_name' })}
          aria-label={t.kpi.sortBy(title)}
          fw={700}
          fz="sm"
        >
          {title}
          <span aria-hidden="true">{active ? (sort.desc ? ' ↓' : ' ↑') : ' ↕'}</span>
        </UnstyledButton>
      </Table.Th>
    );
  };
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table striped highlightOnHover verticalSpacing="xs" data-testid={testId}>
        <Table.Thead>
          <Table.Tr>
            {header('unit_name', unitTitle)}
            {header('numerator', c.numerator, true)}
            {header('denominator', c.denominator, true)}
            {header('value', c.value, true)}
            {header('target', c.target, true)}
            {header('status', c.status)}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sorted.map((row) => {
            const status = statusView(row.status, row.value);
            return (
              <Table.Tr key={row.unit_id}>
                <Table.Td>
                  {onOpen ? (
                    <Anchor component="button" type="button" size="sm" ta="left" onClick={() => onOpen(row)}>
                      {row.unit_name}
                    </Anchor>
                  ) : (
                    row.unit_name
                  )}
                </Table.Td>
                <Table.Td ta="right">{row.numerator.toLocaleString('ru-RU')}</Table.Td>
                <Table.Td ta="right">{row.denominator === null || row.denominator === undefined ? t.common.emptyValue : row.denominator.toLocaleString('ru-RU')}</Table.Td>
                <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                  {formatKpiValue(row.value, unit)}
                </Table.Td>
                <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                  {row.target === null || row.target === undefined ? t.common.emptyValue : formatKpiValue(row.target, unit)}
                </Table.Td>
                <Table.Td>
                  <Badge variant="dot" color={status.color} tt="none">
                    {status.label}
                  </Badge>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
