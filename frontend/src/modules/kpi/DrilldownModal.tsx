import { useState } from 'react';
import { Modal, SegmentedControl, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { canBrowseTeachers } from '../../auth/permissions';
import { useMe } from '../../auth/useMe';
import { ListView } from '../../components/ListView';
import { RouterAnchor } from '../../components/RouterLinks';
import { formatDate } from '../../lib/format';
import { drilldownQuery, measuresQuery, type KpiDrilldown } from './api';
import { describeFilters, formatFraction, formatKpiValue } from './format';
import { t } from './messages';

const d = t.kpi.drilldown;
const LIMIT = 25;

export type DrilldownTarget = {
  indicator: string;
  name: string;
  unit: string;
  period: string;
  where: { organization_id?: string; municipality_id?: string; region_id?: string };
  /** Where, in words: «город Кострома», «СОШ № 22». */
  whereName: string;
  hasDenominator: boolean;
  /** The indicator counts records (documents, meetings, events, practices), not teachers. */
  records: boolean;
};

/** The teachers counted in a value (numerator or denominator), paged, with how the value was obtained. */
export function DrilldownModal({ target, onClose }: { target: DrilldownTarget | null; onClose: () => void }) {
  return (
    <Modal opened={target !== null} onClose={onClose} title={target ? (target.records ? d.recordsTitle(target.indicator) : d.title(target.indicator)) : ''} size="xl" closeButtonProps={{ 'aria-label': t.common.close }}>
      {target ? <DrilldownBody key={`${target.indicator}:${JSON.stringify(target.where)}:${target.period}`} target={target} /> : null}
    </Modal>
  );
}

function DrilldownBody({ target }: { target: DrilldownTarget }) {
  const me = useMe();
  const [part, setPart] = useState<'numerator' | 'denominator'>('numerator');
  const [offset, setOffset] = useState(0);
  const query = { indicator: target.indicator, period: target.period, ...target.where, part, limit: LIMIT, offset };
  const list = useQuery(drilldownQuery(query));
  const teacherLinks = canBrowseTeachers(me);
  return (
    <Stack>
      <Text size="sm">{`${target.name} · ${target.whereName} · ${target.period}`}</Text>
      {target.hasDenominator ? (
        <SegmentedControl
          aria-label={d.part}
          value={part}
          onChange={(v) => {
            setPart(v === 'denominator' ? 'denominator' : 'numerator');
            setOffset(0);
          }}
          data={[
            { value: 'numerator', label: d.numerator },
            { value: 'denominator', label: d.denominator },
          ]}
        />
      ) : null}
      {list.data ? <Explain explain={list.data.explain} unit={target.unit} /> : null}
      <ListView query={list} emptyTitle={target.records ? d.emptyRecords : d.empty} onOffsetChange={setOffset}>
        {(items) => (
          <Table.ScrollContainer minWidth={420}>
            <Table striped verticalSpacing="xs" data-testid="kpi-drilldown-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{target.records ? d.columns.record : d.columns.name}</Table.Th>
                  {target.records ? <Table.Th>{d.columns.date}</Table.Th> : null}
                  <Table.Th>{d.columns.organization}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((x) => (
                  <Table.Tr key={x.key}>
                    <Table.Td>
                      {teacherLinks && x.teacherId ? (
                        <RouterAnchor to="/teachers/$teacherId" params={{ teacherId: x.teacherId }} size="sm">
                          {x.title}
                        </RouterAnchor>
                      ) : (
                        x.title
                      )}
                    </Table.Td>
                    {target.records ? <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(x.on)}</Table.Td> : null}
                    <Table.Td>{x.organization ?? (target.records ? d.municipalityRecord : t.common.emptyValue)}</Table.Td>
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

function Explain({ explain, unit }: { explain: KpiDrilldown['explain']; unit: string }) {
  const measures = useQuery(measuresQuery);
  const measure = (code: string | null | undefined) => (measures.data ?? []).find((m) => m.code === code);
  const name = (code: string | null | undefined) => (code ? (measure(code)?.name ?? code) : t.common.emptyValue);
  const fraction = formatFraction(explain.numerator, explain.denominator);
  const rows: [string, string][] = [
    [d.definitionVersion, String(explain.definition_version)],
    [d.period, explain.period],
    [d.referenceDate, formatDate(explain.reference_date)],
    [d.population, name(explain.population_measure)],
    [d.numeratorMeasure, `${name(explain.numerator_measure)} (${describeFilters(explain.numerator_filters, measure(explain.numerator_measure)?.filters)})`],
  ];
  if (explain.denominator_measure) {
    rows.push([d.denominatorMeasure, `${name(explain.denominator_measure)} (${describeFilters(explain.denominator_filters, measure(explain.denominator_measure)?.filters)})`]);
  }
  rows.push([d.counts, [formatKpiValue(explain.value, unit), fraction].filter(Boolean).join(' · ')]);
  return (
    <Stack gap={4} component="section" aria-labelledby="kpi-explain-title" data-testid="kpi-explain">
      <Title order={3} size="h5" id="kpi-explain-title">
        {d.explain}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing={4} verticalSpacing={4} component="dl" m={0}>
        {rows.map(([label, value]) => (
          <div key={label}>
            <Text component="dt" size="xs" c="dimmed">
              {label}
            </Text>
            <Text component="dd" size="sm" m={0}>
              {value}
            </Text>
          </div>
        ))}
      </SimpleGrid>
    </Stack>
  );
}
