import { lazy, Suspense, useState } from 'react';
import { Alert, Card, Group, SegmentedControl, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { can } from '../../auth/permissions';
import { useMe } from '../../auth/useMe';
import { ExportMenu } from '../../components/ExportMenu';
import { FiltersCard } from '../../components/FiltersCard';
import { MunicipalityFilter, OrganizationFilter } from '../../components/ListFilters';
import { PageHeader } from '../../components/PageHeader';
import { EmptyBlock, ErrorState, LoadingState } from '../../components/states';
import { formatDate } from '../../lib/format';
import { recentAcademicYears } from '../../lib/periods';
import { exportValues, indicatorsQuery, measuresQuery, selectionQuery, valuesQuery, type Indicator, type KpiValueRow, type KpiValues, type ValuesQuery } from './api';
import { BreakdownTable } from './BreakdownTable';
import { KpiActivities } from '../roadmap/KpiActivities';
import { DrilldownModal, type DrilldownTarget } from './DrilldownModal';
import { formatFraction, formatKpiValue, lastCompleteAcademicYear, statusView, trendPeriods } from './format';
import { IndicatorCard } from './IndicatorCard';
import { KpiSectionNav } from './KpiSectionNav';
import { t } from './messages';
import { kpiScope, scopeChoices, type KpiScope, type KpiSearch } from './search';

const KpiChart = lazy(() => import('./KpiChart'));
const k = t.kpi;

type Props = { search: KpiSearch; onSearch: (next: KpiSearch) => void };

/** The passports in force, one per code (the newest definition). */
export function currentIndicators(items: readonly Indicator[] | undefined): Indicator[] {
  const byCode = new Map<string, Indicator>();
  for (const ind of items ?? []) {
    const seen = byCode.get(ind.code);
    if (!seen || ind.definition_version > seen.definition_version) byCode.set(ind.code, ind);
  }
  return [...byCode.values()].sort((a, b) => a.code.localeCompare(b.code, 'ru'));
}

/** The municipality's set, in its order (none chosen yet: every passport). */
export function inSelection(list: Indicator[], codes: readonly string[] | undefined): Indicator[] {
  if (!codes?.length) return list;
  return codes.map((code) => list.find((i) => i.code === code)).filter((i): i is Indicator => Boolean(i));
}

/** What the values of the period are: the approved snapshot (on a date) or live figures. */
export function snapshotStateText(meta: KpiValues['meta'] | undefined, mode: string): string | null {
  if (!meta) return null;
  if (mode === 'live') return k.snapshotState.live;
  const used = meta.snapshots?.find((x) => x.period === meta.period);
  return used ? k.snapshotState.approved(formatDate(used.approved_at), '') : k.snapshotState.none;
}

/** «Показатели»: a card per indicator for the period and scope, the trend and the breakdown of one, drill-down. */
export function KpiDashboardPage({ search, onSearch }: Props) {
  const me = useMe();
  const period = search.period ?? lastCompleteAcademicYear();
  const scope = kpiScope(me, search);
  const choices = scopeChoices(me);
  const indicators = useQuery(indicatorsQuery);
  const measures = useQuery(measuresQuery);
  const [drilldown, setDrilldown] = useState<DrilldownTarget | null>(null);
  const selection = useQuery(selectionQuery(scope?.municipalityId));
  const list = inSelection(currentIndicators(indicators.data?.items), selection.data?.codes);
  const codes = list.map((i) => i.code);
  const mode = search.mode ?? 'approved';
  const update = (patch: Partial<KpiSearch>) => onSearch({ ...search, ...patch });
  const base: ValuesQuery | null = scope && codes.length ? { indicators: codes.join(','), period: [period], ...scope.where, mode } : null;
  const values = useQuery(valuesQuery(base ?? { indicators: '', period: [period] }, base !== null));
  const selected = search.indicator && codes.includes(search.indicator) ? search.indicator : codes[0];

  const teachersMeasure = (code: string | null | undefined) => (measures.data ?? []).find((m) => m.code === code)?.kind === 'teachers';
  const mayDrill = can(me, 'kpi:drilldown');
  const whereName = values.data?.rows[0]?.unit_name ?? '';
  const openDrilldown = (code: string, where: KpiScope['where'], name: string) => {
    const ind = list.find((i) => i.code === code);
    if (!ind) return;
    setDrilldown({ indicator: code, name: ind.name, unit: ind.unit, period, where, whereName: name, hasDenominator: Boolean(ind.denominator_measure), records: !teachersMeasure(ind.numerator_measure) });
  };
  const drillable = (code: string) => {
    const ind = list.find((i) => i.code === code);
    // Teachers (people: kpi:drilldown) or, for indicators of records, the documents, meetings, events counted.
    return mayDrill && Boolean(ind) && Boolean(measures.data);
  };

  const filters = (
    <FiltersCard
      id="kpi-filters"
      activeCount={[search.municipality_id, search.organization_id].filter(Boolean).length}
      onReset={() => onSearch({ period: search.period, indicator: search.indicator })}
      search={
        <Select
          label={k.period}
          data={recentAcademicYears(8).map((y) => ({ value: y, label: y }))}
          value={period}
          onChange={(v) => update({ period: v ?? undefined })}
          allowDeselect={false}
        />
      }
    >
      {choices.municipality ? (
        <MunicipalityFilter
          label={k.municipality}
          placeholder={choices.region ? k.municipalityAll : k.municipalityPick}
          value={search.municipality_id}
          onChange={(municipality_id) => update({ municipality_id, organization_id: undefined })}
        />
      ) : null}
      {choices.organization && (scope?.municipalityId || search.organization_id) ? (
        <OrganizationFilter label={k.organization} placeholder={k.organizationAll} value={search.organization_id} onChange={(organization_id) => update({ organization_id })} />
      ) : null}
    </FiltersCard>
  );

  const exportQuery: ValuesQuery | null = base && scope ? { ...base, breakdown: scope.breakdown } : null;
  return (
    <Stack>
      <PageHeader
        title={k.title}
        description={whereName ? k.scopeOf(whereName, period) : undefined}
        actions={exportQuery ? <ExportMenu onExport={(format) => exportValues(exportQuery, format)} /> : null}
      />
      <KpiSectionNav current="dashboard" />
      {filters}
      {scope ? (
        <Group justify="space-between" align="center" wrap="wrap" gap="sm">
          <SegmentedControl
            aria-label={k.mode}
            value={mode}
            onChange={(v) => update({ mode: v === 'live' ? 'live' : undefined })}
            data={[
              { value: 'approved', label: k.modes.approved ?? 'approved' },
              { value: 'live', label: k.modes.live ?? 'live' },
            ]}
          />
          {values.data ? (
            <Alert variant="light" color={values.data.meta.snapshots?.some((x) => x.period === period) && mode !== 'live' ? 'green' : 'gray'} p="xs" data-testid="kpi-snapshot-state" style={{ flex: '1 1 320px' }}>
              <Text size="sm">{snapshotStateText(values.data.meta, mode)}</Text>
            </Alert>
          ) : null}
        </Group>
      ) : null}
      {!scope ? (
        <EmptyBlock title={k.municipalityPick} description={k.pickMunicipality} />
      ) : indicators.isPending ? (
        <LoadingState />
      ) : indicators.isError ? (
        <ErrorState error={indicators.error} onRetry={() => void indicators.refetch()} />
      ) : !codes.length ? (
        <EmptyBlock title={k.noIndicators} />
      ) : values.isPending ? (
        <LoadingState />
      ) : values.isError ? (
        <ErrorState error={values.error} onRetry={() => void values.refetch()} />
      ) : (
        <>
          <SimpleGrid
            cols={{ base: 1, xs: 2, md: 3, xl: 4 }}
            spacing="md"
            component="section"
            aria-label={k.cardsLabel}
            data-testid="kpi-cards"
            style={{ opacity: values.isPlaceholderData ? 0.6 : 1 }}
          >
            {list.map((ind) => {
              const row = values.data.rows.find((r) => r.indicator === ind.code);
              const meta = values.data.meta.indicators[ind.code];
              return (
                <IndicatorCard
                  key={ind.code}
                  card={{
                    code: ind.code,
                    name: meta?.name ?? ind.name,
                    unit: meta?.unit ?? ind.unit,
                    numerator: row?.numerator ?? 0,
                    denominator: row?.denominator ?? null,
                    value: row?.value ?? null,
                    target: row?.target ?? null,
                    status: row?.status ?? null,
                    selected: ind.code === selected,
                    records: !teachersMeasure(ind.numerator_measure),
                    note: mode === 'approved' && row?.source === 'live' && values.data.meta.snapshots?.length ? k.source.liveInApproved : undefined,
                  }}
                  onDetails={() => {
                    update({ indicator: ind.code });
                    document.getElementById('kpi-details')?.scrollIntoView({ behavior: 'smooth', block: 'start' });
                  }}
                  onDrilldown={drillable(ind.code) && row ? () => openDrilldown(ind.code, scope.where, row.unit_name) : undefined}
                />
              );
            })}
          </SimpleGrid>
          {selected ? (
            <Details
              key={selected}
              code={selected}
              indicators={list}
              period={period}
              scope={scope}
              mode={mode}
              onSelect={(indicator) => update({ indicator })}
              onOpen={drillable(selected) ? (row) => openDrilldown(selected, row.unit_kind === 'municipality' ? { municipality_id: row.unit_id } : { organization_id: row.unit_id }, row.unit_name) : undefined}
            />
          ) : null}
        </>
      )}
      <DrilldownModal target={drilldown} onClose={() => setDrilldown(null)} />
    </Stack>
  );
}

type DetailsProps = {
  code: string;
  indicators: Indicator[];
  period: string;
  scope: KpiScope;
  mode: 'approved' | 'live';
  onSelect: (code: string) => void;
  onOpen?: (row: KpiValueRow) => void;
};

/** The selected indicator: its trend over five academic years and its values per school (or municipality). */
function Details({ code, indicators, period, scope, mode, onSelect, onOpen }: DetailsProps) {
  const periods = trendPeriods(period, 5);
  const trend = useQuery(valuesQuery({ indicators: code, period: periods, ...scope.where, mode }));
  const breakdown = useQuery(valuesQuery({ indicators: code, period: [period], ...scope.where, breakdown: scope.breakdown, mode }, scope.breakdown !== 'none'));
  const ind = indicators.find((i) => i.code === code);
  const unit = ind?.unit ?? 'count';
  const suffix = unit === 'percent' ? ' %' : '';
  return (
    <Stack id="kpi-details" gap="md" style={{ scrollMarginTop: 80 }}>
      <Select
        label={k.selected}
        data={indicators.map((i) => ({ value: i.code, label: `${i.code} — ${i.name}` }))}
        value={code}
        onChange={(v) => v && onSelect(v)}
        allowDeselect={false}
        searchable
        maw={720}
      />
      <Card withBorder padding="md" component="section" aria-labelledby="kpi-trend-title">
        <Title order={3} size="h4" id="kpi-trend-title" mb="sm">
          {k.trendTitle(code)}
        </Title>
        <Section query={trend}>{(data) => <Trend data={data} code={code} name={ind?.name ?? code} unit={unit} suffix={suffix} />}</Section>
      </Card>
      {scope.breakdown !== 'none' ? (
        <Card withBorder padding="md" component="section" aria-labelledby="kpi-breakdown-title">
          <Title order={3} size="h4" id="kpi-breakdown-title" mb="sm">
            {scope.breakdown === 'municipality' ? k.breakdownMunicipalitiesTitle(code) : k.breakdownTitle(code)}
          </Title>
          <Section query={breakdown}>
            {(data) =>
              data.rows.length ? (
                <Stack gap="md">
                  <Suspense fallback={<LoadingState />}>
                    <KpiChart
                      kind="bar"
                      testId="kpi-breakdown-chart"
                      ariaLabel={k.breakdownLabel(ind?.name ?? code)}
                      suffix={suffix}
                      target={data.rows.find((r) => r.target !== null && r.target !== undefined)?.target ?? null}
                      points={data.rows.map((r) => ({ label: r.unit_name, value: r.value ?? null, color: statusView(r.status, r.value).code === 'no_target' ? '#1971c2' : statusView(r.status, r.value).hex }))}
                    />
                  </Suspense>
                  <BreakdownTable
                    rows={data.rows}
                    unit={unit}
                    unitTitle={scope.breakdown === 'municipality' ? k.columns.municipalityUnit : k.columns.unit}
                    onOpen={onOpen}
                    testId="kpi-breakdown-table"
                  />
                </Stack>
              ) : (
                <EmptyBlock title={k.breakdownEmpty} />
              )
            }
          </Section>
        </Card>
      ) : null}
      <KpiActivities code={code} />
    </Stack>
  );
}

function Section({ query, children }: { query: ReturnType<typeof useQuery<KpiValues>>; children: (data: KpiValues) => React.ReactNode }) {
  if (query.isPending) return <LoadingState />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  return <div style={{ opacity: query.isPlaceholderData ? 0.6 : 1 }}>{children(query.data)}</div>;
}

function Trend({ data, code, name, unit, suffix }: { data: KpiValues; code: string; name: string; unit: string; suffix: string }) {
  const rows = data.meta.periods.map((p) => data.rows.find((r) => r.period === p && r.indicator === code) ?? null);
  const summary = data.meta.periods.map((p, i) => `${p}: ${formatKpiValue(rows[i]?.value ?? null, unit)}`).join('; ');
  return (
    <Stack gap="md">
      {unit !== 'yes_no' ? (
        <Suspense fallback={<LoadingState />}>
          <KpiChart
            kind="line"
            testId="kpi-trend-chart"
            ariaLabel={k.trendLabel(name, summary)}
            suffix={suffix}
            points={data.meta.periods.map((p, i) => ({ label: p, value: rows[i]?.value ?? null }))}
          />
        </Suspense>
      ) : null}
      <Table.ScrollContainer minWidth={420}>
        <Table verticalSpacing={4} data-testid="kpi-trend-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{k.columns.period}</Table.Th>
              <Table.Th ta="right">{k.columns.value}</Table.Th>
              <Table.Th ta="right">{k.columns.fraction}</Table.Th>
              <Table.Th>{k.columns.status}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.meta.periods.map((p, i) => {
              const r = rows[i];
              return (
                <Table.Tr key={p}>
                  <Table.Td>{p}</Table.Td>
                  <Table.Td ta="right">{formatKpiValue(r?.value ?? null, unit)}</Table.Td>
                  <Table.Td ta="right">{r ? (formatFraction(r.numerator, r.denominator) ?? r.numerator.toLocaleString('ru-RU')) : t.common.emptyValue}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{statusView(r?.status, r?.value).label}</Text>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
