/** «Инструменты диагностики»: versions with kind and status; a new draft, an import from JSON/XLSX. */
import { useState } from 'react';
import { Badge, Button, Group, Select, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { errorMessage } from '../../api/errors';
import { can } from '../../auth/permissions';
import { useMe } from '../../auth/useMe';
import { FiltersCard } from '../../components/FiltersCard';
import { ArchivedFilter } from '../../components/ListFilters';
import { ListView } from '../../components/ListView';
import { PageHeader } from '../../components/PageHeader';
import { RouterAnchor } from '../../components/RouterLinks';
import { formatDate } from '../../lib/format';
import { activeFilterCount } from '../../lib/search';
import { createInstrument, instrumentListQuery, invalidateDiagnostics } from './api';
import { ImportModal } from './ImportModal';
import { newItem } from './logic';
import { t } from './messages';
import { DiagnosticsSectionNav } from './parts';
import { INSTRUMENT_KINDS, INSTRUMENT_STATUSES, type InstrumentSearch } from './search';

const ins = t.instruments;
export const INSTRUMENT_STATUS_COLORS: Record<string, string> = { draft: 'yellow', published: 'green', archived: 'gray' };
const LIMIT = 25;

type Props = { search: InstrumentSearch; onSearch: (next: InstrumentSearch) => void };

export function InstrumentsPage({ search, onSearch }: Props) {
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [importing, setImporting] = useState(false);
  const [creating, setCreating] = useState(false);
  const list = useQuery(
    instrumentListQuery({
      limit: LIMIT,
      offset: search.offset ?? 0,
      sort: 'title',
      ...(search.kind ? { kind: search.kind } : {}),
      ...(search.status ? { status: search.status } : {}),
      ...(search.archived ? { include_archived: true } : {}),
    }),
  );
  const active = activeFilterCount(search);
  const update = (patch: Partial<InstrumentSearch>) => onSearch({ ...search, ...patch, offset: undefined });
  const writer = can(me, 'diagnostics:write');

  async function create() {
    setCreating(true);
    try {
      const created = await createInstrument({
        kind: 'deficit',
        title: ins.create,
        sections: [{ area_code: null, title: t.editor.section(1), items: [{ ...newItem('scale', 'q.1'), text: t.editor.item(1) }] }] as never,
        scale: { deficit_below: 50, partial_below: 75, areas: {} },
      });
      await invalidateDiagnostics(queryClient);
      void navigate({ to: '/diagnostics/instruments/$instrumentId', params: { instrumentId: created.id }, search: { edit: 'yes' } });
    } catch (error) {
      notifications.show({ color: 'red', message: errorMessage(error) });
    } finally {
      setCreating(false);
    }
  }

  return (
    <Stack>
      <PageHeader
        title={ins.title}
        actions={
          writer ? (
            <Group gap="sm">
              <Button variant="default" onClick={() => setImporting(true)}>
                {ins.import}
              </Button>
              <Button onClick={() => void create()} loading={creating}>
                {ins.create}
              </Button>
            </Group>
          ) : null
        }
      />
      <DiagnosticsSectionNav current="instruments" />
      <FiltersCard id="instrument-filters" activeCount={active} onReset={() => onSearch({})}>
        <Select
          label={ins.kind}
          data={[{ value: '', label: ins.kindAny }, ...INSTRUMENT_KINDS.map((k) => ({ value: k, label: t.diagnostics.kinds[k] ?? k }))]}
          value={search.kind ?? ''}
          onChange={(v) => update({ kind: INSTRUMENT_KINDS.find((k) => k === v) })}
          allowDeselect={false}
        />
        <Select
          label={ins.status}
          data={[{ value: '', label: ins.statusAny }, ...INSTRUMENT_STATUSES.map((s) => ({ value: s, label: t.diagnostics.instrumentStatuses[s] ?? s }))]}
          value={search.status ?? ''}
          onChange={(v) => update({ status: INSTRUMENT_STATUSES.find((s) => s === v) })}
          allowDeselect={false}
        />
        <ArchivedFilter value={search.archived} onChange={(archived) => update({ archived })} />
      </FiltersCard>
      <ListView query={list} filtered={active > 0} emptyTitle={ins.empty} onOffsetChange={(offset) => onSearch({ ...search, offset: offset || undefined })}>
        {(items) => (
          <Table.ScrollContainer minWidth={760}>
            <Table striped highlightOnHover verticalSpacing="xs" data-testid="instruments-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{ins.columns.title}</Table.Th>
                  <Table.Th>{ins.columns.kind}</Table.Th>
                  <Table.Th>{ins.columns.version}</Table.Th>
                  <Table.Th>{ins.columns.status}</Table.Th>
                  <Table.Th ta="right">{ins.columns.items}</Table.Th>
                  <Table.Th>{ins.columns.updated}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((item) => {
                  const status = item.archived_at ? 'archived' : item.status;
                  return (
                    <Table.Tr key={item.id}>
                      <Table.Td>
                        <RouterAnchor to="/diagnostics/instruments/$instrumentId" params={{ instrumentId: item.id }} fw={500} size="sm">
                          {item.title}
                        </RouterAnchor>
                        {item.municipality_id === null ? (
                          <Text size="xs" c="dimmed">
                            {ins.shipped}
                          </Text>
                        ) : null}
                      </Table.Td>
                      <Table.Td>{t.diagnostics.kinds[item.kind] ?? item.kind_label}</Table.Td>
                      <Table.Td>{item.instrument_version}</Table.Td>
                      <Table.Td>
                        <Badge color={INSTRUMENT_STATUS_COLORS[status] ?? 'gray'} variant="light" tt="none" miw="max-content">
                          {t.diagnostics.instrumentStatuses[status] ?? item.status_label}
                        </Badge>
                      </Table.Td>
                      <Table.Td ta="right">{item.item_count}</Table.Td>
                      <Table.Td>{formatDate(item.updated_at)}</Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </ListView>
      <ImportModal opened={importing} onClose={() => setImporting(false)} />
    </Stack>
  );
}
