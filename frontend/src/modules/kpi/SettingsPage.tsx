import { useState } from 'react';
import { Button, Card, Checkbox, Group, NumberInput, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { errorMessage, isStatus } from '../../api/errors';
import { can } from '../../auth/permissions';
import { useMe } from '../../auth/useMe';
import { MunicipalityFilter } from '../../components/ListFilters';
import { PageHeader } from '../../components/PageHeader';
import { ConflictAlert, EmptyBlock, ErrorState, FormErrors, LoadingState } from '../../components/states';
import { recentAcademicYears } from '../../lib/periods';
import { indicatorsQuery, invalidateKpi, saveSelection, saveTargets, selectionQuery, targetsQuery, type Indicator, type KpiSelection, type KpiTargets } from './api';
import { lastCompleteAcademicYear } from './format';
import { currentIndicators } from './KpiDashboardPage';
import { KpiSectionNav } from './KpiSectionNav';
import { t } from './messages';
import { scopeChoices } from './search';

const st = t.kpi.settings;

/** «Набор и целевые значения»: which indicators the municipality keeps, and its targets for an academic year. */
export function SettingsPage() {
  const me = useMe();
  const choices = scopeChoices(me);
  const [municipality, setMunicipality] = useState<string | undefined>(me.municipality_ids.length === 1 ? me.municipality_ids[0] : undefined);
  const [period, setPeriod] = useState(lastCompleteAcademicYear());
  const indicators = useQuery(indicatorsQuery);
  const selection = useQuery(selectionQuery(municipality));
  const targets = useQuery(targetsQuery(municipality, period));
  const editable = can(me, 'kpi:write');
  const list = currentIndicators(indicators.data?.items);
  return (
    <Stack>
      <PageHeader title={st.title} description={st.intro} />
      <KpiSectionNav current="settings" />
      <Card withBorder padding="md">
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
          {choices.municipality ? <MunicipalityFilter label={t.kpi.municipality} placeholder={t.kpi.municipalityPick} value={municipality} onChange={setMunicipality} /> : null}
          <Select label={t.kpi.period} data={recentAcademicYears(8)} value={period} onChange={(v) => v && setPeriod(v)} allowDeselect={false} />
        </SimpleGrid>
      </Card>
      {!municipality ? (
        <EmptyBlock title={t.kpi.municipalityPick} />
      ) : indicators.isPending || selection.isPending ? (
        <LoadingState />
      ) : indicators.isError || selection.isError ? (
        <ErrorState error={indicators.error ?? selection.error} onRetry={() => void selection.refetch()} />
      ) : (
        <>
          <SelectionForm key={`${selection.data.municipality_id}:${selection.data.version}`} selection={selection.data} indicators={list} editable={editable} onReload={() => void selection.refetch()} />
          {targets.isPending ? (
            <LoadingState />
          ) : targets.isError ? (
            <ErrorState error={targets.error} onRetry={() => void targets.refetch()} />
          ) : (
            <TargetsForm
              key={`${municipality}:${period}:${JSON.stringify(targets.data.items)}`}
              targets={targets.data}
              indicators={selection.data.codes.length ? list.filter((i) => selection.data.codes.includes(i.code)) : list}
              editable={editable}
            />
          )}
        </>
      )}
    </Stack>
  );
}

function SelectionForm({ selection, indicators, editable, onReload }: { selection: KpiSelection; indicators: Indicator[]; editable: boolean; onReload: () => void }) {
  const queryClient = useQueryClient();
  const [codes, setCodes] = useState<string[]>(selection.codes.length ? selection.codes : []);
  const [saving, setSaving] = useState(false);
  const [conflict, setConflict] = useState(false);
  const [messages, setMessages] = useState<string[]>([]);
  const save = async () => {
    setSaving(true);
    setMessages([]);
    try {
      // The catalogue's order keeps the set readable.
      await saveSelection(selection, indicators.map((i) => i.code).filter((c) => codes.includes(c)));
      notifications.show({ color: 'green', message: st.selectionSaved });
      await invalidateKpi(queryClient);
    } catch (error) {
      if (isStatus(error, 412)) setConflict(true);
      else setMessages([errorMessage(error)]);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="kpi-selection-title">
      <Title order={3} size="h4" id="kpi-selection-title">
        {st.selection}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {st.selectionHint}
      </Text>
      {conflict ? <ConflictAlert onReload={onReload} /> : null}
      <FormErrors messages={messages} />
      <Checkbox.Group value={codes} onChange={setCodes} aria-labelledby="kpi-selection-title">
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xs">
          {indicators.map((i) => (
            <Checkbox key={i.code} value={i.code} disabled={!editable} label={`${i.code} — ${i.name}`} />
          ))}
        </SimpleGrid>
      </Checkbox.Group>
      {editable ? (
        <Group justify="flex-end" mt="sm">
          <Button loading={saving} onClick={() => void save()}>
            {st.saveSelection}
          </Button>
        </Group>
      ) : null}
    </Card>
  );
}

function TargetsForm({ targets, indicators, editable }: { targets: KpiTargets; indicators: Indicator[]; editable: boolean }) {
  const queryClient = useQueryClient();
  const initial = Object.fromEntries(targets.items.map((x) => [x.code, x.target ?? null]));
  const [values, setValues] = useState<Record<string, number | null>>(initial);
  const [saving, setSaving] = useState(false);
  const [messages, setMessages] = useState<string[]>([]);
  const save = async () => {
    setSaving(true);
    setMessages([]);
    try {
      await saveTargets(
        targets.municipality_id,
        targets.period,
        indicators.map((i) => ({ code: i.code, target: values[i.code] ?? null })),
      );
      notifications.show({ color: 'green', message: st.targetsSaved });
      await invalidateKpi(queryClient);
    } catch (error) {
      setMessages([errorMessage(error)]);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="kpi-targets-title">
      <Title order={3} size="h4" id="kpi-targets-title" mb="sm">
        {st.targets(targets.period)}
      </Title>
      <FormErrors messages={messages} />
      <Table.ScrollContainer minWidth={560}>
        <Table verticalSpacing="xs" data-testid="kpi-targets-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t.kpi.columns.code}</Table.Th>
              <Table.Th>{t.kpi.columns.name}</Table.Th>
              <Table.Th>{t.kpi.columns.unitKind}</Table.Th>
              <Table.Th>{st.target}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {indicators.map((i) => (
              <Table.Tr key={i.code}>
                <Table.Td fw={600} style={{ whiteSpace: 'nowrap' }}>
                  {i.code}
                </Table.Td>
                <Table.Td maw={380}>
                  <Text size="sm" lineClamp={2}>
                    {i.name}
                  </Text>
                </Table.Td>
                <Table.Td>{t.kpi.units[i.unit] ?? i.unit}</Table.Td>
                <Table.Td w={160}>
                  <NumberInput
                    aria-label={st.targetOf(i.code)}
                    value={values[i.code] ?? ''}
                    onChange={(v) => setValues((x) => ({ ...x, [i.code]: typeof v === 'number' ? v : null }))}
                    min={0}
                    max={i.unit === 'percent' ? 100 : i.unit === 'yes_no' ? 1 : undefined}
                    decimalScale={i.unit === 'percent' ? 1 : 0}
                    decimalSeparator=","
                    disabled={!editable}
                    size="xs"
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {editable ? (
        <Group justify="flex-end" mt="sm">
          <Button loading={saving} onClick={() => void save()}>
            {st.saveTargets}
          </Button>
        </Group>
      ) : null}
    </Card>
  );
}
