import { useState } from 'react';
import { Badge, Button, Group, Modal, Select, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { errorMessage } from '../../api/errors';
import { can } from '../../auth/permissions';
import { useMe } from '../../auth/useMe';
import { FiltersCard } from '../../components/FiltersCard';
import { CodesFilter, MunicipalityFilter, PeriodFilter } from '../../components/ListFilters';
import { ListView } from '../../components/ListView';
import { PageHeader } from '../../components/PageHeader';
import { RouterButton } from '../../components/RouterLinks';
import { FormErrors } from '../../components/states';
import { formatDateTime } from '../../lib/format';
import { recentAcademicYears } from '../../lib/periods';
import { activeFilterCount, compact, DEFAULT_LIMIT } from '../../lib/search';
import { createSnapshot, invalidateKpi, snapshotListQuery, type SnapshotQuery } from './api';
import { lastCompleteAcademicYear } from './format';
import { KpiSectionNav } from './KpiSectionNav';
import { t } from './messages';
import { scopeChoices } from './search';
import { SNAPSHOT_COLORS, SNAPSHOT_STATUSES, type SnapshotSearch } from './snapshotSearch';

const s = t.kpi.snapshots;
export function StatusBadge({ status }: { status: string }) {
  return (
    <Badge variant="dot" color={SNAPSHOT_COLORS[status] ?? 'gray'} tt="none" miw="max-content">
      {s.statuses[status] ?? status}
    </Badge>
  );
}

/** «Срезы и утверждение»: the municipality's snapshots by period and state; «Сформировать срез» with `kpi:submit`. */
export function SnapshotsPage({ search, onSearch }: { search: SnapshotSearch; onSearch: (next: SnapshotSearch) => void }) {
  const me = useMe();
  const choices = scopeChoices(me);
  const query: SnapshotQuery = compact({
    period: search.period,
    status: search.status,
    municipality_id: search.municipality_id,
    limit: DEFAULT_LIMIT,
    offset: search.offset ?? 0,
  });
  const list = useQuery(snapshotListQuery(query));
  const [creating, setCreating] = useState(false);
  const update = (patch: Partial<SnapshotSearch>) => onSearch({ ...search, ...patch, offset: undefined });
  const active = activeFilterCount(search);
  return (
    <Stack>
      <PageHeader title={s.title} description={s.intro} actions={can(me, 'kpi:submit') ? <Button onClick={() => setCreating(true)}>{s.create}</Button> : null} />
      <KpiSectionNav current="snapshots" />
      <FiltersCard id="kpi-snapshot-filters" activeCount={active} onReset={() => onSearch({})}>
        <PeriodFilter label={t.kpi.period} anyLabel={t.common.any} value={search.period} onChange={(period) => update({ period })} />
        <CodesFilter
          label={s.status}
          anyLabel={s.statusAny}
          codes={SNAPSHOT_STATUSES}
          names={s.statuses}
          value={search.status ? [search.status] : undefined}
          onChange={(v) => update({ status: v?.[v.length - 1] })}
        />
        {choices.municipality ? (
          <MunicipalityFilter label={t.kpi.municipality} placeholder={t.common.any} value={search.municipality_id} onChange={(municipality_id) => update({ municipality_id })} />
        ) : null}
      </FiltersCard>
      <ListView query={list} filtered={active > 0} emptyTitle={s.empty} onOffsetChange={(offset) => onSearch({ ...search, offset: offset || undefined })}>
        {(items) => (
          <Table.ScrollContainer minWidth={900}>
            <Table striped highlightOnHover verticalSpacing="xs" data-testid="kpi-snapshots-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{s.columns.period}</Table.Th>
                  <Table.Th>{s.columns.municipality}</Table.Th>
                  <Table.Th>{s.columns.status}</Table.Th>
                  <Table.Th ta="right">{s.columns.indicators}</Table.Th>
                  <Table.Th>{s.columns.created}</Table.Th>
                  <Table.Th>{s.columns.decided}</Table.Th>
                  <Table.Th>{t.common.actions}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((x) => (
                  <Table.Tr key={x.id}>
                    <Table.Td fw={600}>{x.period}</Table.Td>
                    <Table.Td>{x.municipality_name}</Table.Td>
                    <Table.Td>
                      <StatusBadge status={x.status} />
                      {x.comment ? (
                        <Text size="xs" c="dimmed" lineClamp={2} maw={260}>
                          {x.comment}
                        </Text>
                      ) : null}
                    </Table.Td>
                    <Table.Td ta="right">{x.indicators.length}</Table.Td>
                    <Table.Td>
                      <Text size="sm">{formatDateTime(x.created_at)}</Text>
                      <Text size="xs" c="dimmed">
                        {x.created_by_name ?? ''}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      {x.decided_at ? (
                        <>
                          <Text size="sm">{formatDateTime(x.decided_at)}</Text>
                          <Text size="xs" c="dimmed">
                            {x.decided_by_name ?? ''}
                          </Text>
                        </>
                      ) : (
                        t.common.emptyValue
                      )}
                    </Table.Td>
                    <Table.Td>
                      <RouterButton to="/kpi/snapshots/$snapshotId" params={{ snapshotId: x.id }} size="compact-sm" variant="light" aria-label={s.openOf(`${x.period}, ${x.municipality_name}`)}>
                        {s.open}
                      </RouterButton>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </ListView>
      {can(me, 'kpi:submit') ? <CreateSnapshotModal opened={creating} onClose={() => setCreating(false)} municipalityId={search.municipality_id ?? (me.municipality_ids.length === 1 ? me.municipality_ids[0] : undefined)} /> : null}
    </Stack>
  );
}

function CreateSnapshotModal({ opened, onClose, municipalityId }: { opened: boolean; onClose: () => void; municipalityId: string | undefined }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [period, setPeriod] = useState(lastCompleteAcademicYear());
  const [municipality, setMunicipality] = useState<string | undefined>(municipalityId);
  const [error, setError] = useState<string[]>([]);
  const [pending, setPending] = useState(false);
  const run = async () => {
    if (!municipality) {
      setError([t.kpi.municipalityPick]);
      return;
    }
    setPending(true);
    setError([]);
    try {
      const created = await createSnapshot(municipality, period);
      notifications.show({ color: 'green', message: s.created });
      await invalidateKpi(queryClient);
      onClose();
      void navigate({ to: '/kpi/snapshots/$snapshotId', params: { snapshotId: created.id } });
    } catch (e) {
      setError([errorMessage(e)]);
    } finally {
      setPending(false);
    }
  };
  return (
    <Modal opened={opened} onClose={onClose} title={s.createTitle} closeButtonProps={{ 'aria-label': t.common.close }}>
      <Stack>
        <FormErrors messages={error} />
        {!municipalityId ? <MunicipalityFilter label={t.kpi.municipality} placeholder={t.kpi.municipalityPick} value={municipality} onChange={setMunicipality} /> : null}
        <Select label={t.kpi.period} data={recentAcademicYears(8)} value={period} onChange={(v) => v && setPeriod(v)} allowDeselect={false} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t.common.cancel}
          </Button>
          <Button loading={pending} onClick={() => void run()}>
            {s.create}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
