import { useState } from 'react';
import { Badge, Button, Group, Modal, Progress, Select, Stack, Table, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { errorMessage } from '../../api/errors';
import { can, ownMunicipalityId } from '../../auth/permissions';
import { useMe } from '../../auth/useMe';
import { DateField } from '../../components/DateField';
import { ListView } from '../../components/ListView';
import { PageHeader } from '../../components/PageHeader';
import { RouterAnchor } from '../../components/RouterLinks';
import { formatDate } from '../../lib/format';
import { createProgramme, invalidateRoadmap, programmesQuery, progressQuery, type Programme, type ProgrammeCreate } from './api';
import { formatPercent } from './logic';
import { t } from './messages';
import { RoadmapSectionNav } from './RoadmapSectionNav';
import type { ListSearch } from './routes';

const m = t.roadmap;
const LIMIT = 25;

export function ProgrammesPage({ search, onSearch }: { search: ListSearch; onSearch: (next: ListSearch) => void }) {
  const me = useMe();
  const [creating, setCreating] = useState(false);
  const query = useQuery(programmesQuery({ limit: LIMIT, offset: search.offset ?? 0 }));
  return (
    <Stack>
      <PageHeader
        title={m.title}
        actions={
          can(me, 'roadmap:write') ? (
            <Button onClick={() => setCreating(true)}>{m.programmes.create}</Button>
          ) : null
        }
      />
      <RoadmapSectionNav current="programmes" />
      <ListView query={query} emptyTitle={m.programmes.empty} onOffsetChange={(offset) => onSearch({ offset })}>
        {(items) => (
          <Table.ScrollContainer minWidth={640}>
            <Table striped data-testid="programmes-list">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{m.programmes.columns.title}</Table.Th>
                  <Table.Th>{m.programmes.columns.status}</Table.Th>
                  <Table.Th>{m.programmes.columns.period}</Table.Th>
                  <Table.Th>{m.programmes.columns.activities}</Table.Th>
                  <Table.Th>{m.programmes.columns.progress}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((p) => (
                  <Table.Tr key={p.id} data-testid="programme-row">
                    <Table.Td>
                      <RouterAnchor to="/roadmap/programmes/$programmeId" params={{ programmeId: p.id }}>
                        {p.title}
                      </RouterAnchor>
                    </Table.Td>
                    <Table.Td>
                      <ProgrammeStatusBadge status={p.status} />
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {formatDate(p.period_start)} — {formatDate(p.period_end)}
                    </Table.Td>
                    <Table.Td>{p.activity_count}</Table.Td>
                    <Table.Td miw={140}>
                      <ProgressCell programme={p} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </ListView>
      <Modal opened={creating} onClose={() => setCreating(false)} title={m.programmes.createTitle} size="lg" closeButtonProps={{ 'aria-label': t.common.close }}>
        {creating ? <CreateProgrammeForm municipalityId={ownMunicipalityId(me)} onClose={() => setCreating(false)} /> : null}
      </Modal>
    </Stack>
  );
}

export function ProgrammeStatusBadge({ status }: { status: string }) {
  return (
    <Badge variant="outline" color={m.programmeStatusColors[status] ?? 'gray.8'}>
      {m.programmeStatuses[status] ?? status}
    </Badge>
  );
}

function ProgressCell({ programme }: { programme: Programme }) {
  const progress = useQuery({ ...progressQuery(programme.id), enabled: programme.activity_count > 0 });
  if (!programme.activity_count) return <Text size="sm">—</Text>;
  const value = progress.data?.total.done_percent ?? null;
  return (
    <Stack gap={2}>
      <Text size="sm">{formatPercent(value)}</Text>
      <Progress value={value ?? 0} size="sm" aria-label={`${m.programmes.columns.progress}: ${formatPercent(value)}`} />
    </Stack>
  );
}

function CreateProgrammeForm({ municipalityId, onClose }: { municipalityId: string | null; onClose: () => void }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [title, setTitle] = useState('');
  const [start, setStart] = useState<string | null>(null);
  const [end, setEnd] = useState<string | null>(null);
  const [goal, setGoal] = useState('');
  const [basis, setBasis] = useState('');
  const [status, setStatus] = useState<string>('approved');
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const f = m.programmes.fields;

  async function submit() {
    setError(null);
    if (!municipalityId || title.trim().length < 3 || !start || !end) return setError(t.validation.required);
    setPending(true);
    try {
      const p = await createProgramme({
        municipality_id: municipalityId,
        title: title.trim(),
        period_start: start,
        period_end: end,
        goal: goal.trim() || null,
        basis_text: basis.trim() || null,
        status: status as ProgrammeCreate['status'],
        stages: [],
      });
      await invalidateRoadmap(queryClient);
      notifications.show({ color: 'green', message: m.programmes.created });
      onClose();
      void navigate({ to: '/roadmap/programmes/$programmeId', params: { programmeId: p.id } });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setPending(false);
    }
  }

  return (
    <Stack>
      <TextInput label={f.title} required value={title} onChange={(e) => setTitle(e.currentTarget.value)} />
      <Group grow>
        <DateField label={f.start} required value={start} onChange={setStart} />
        <DateField label={f.end} required value={end} onChange={setEnd} />
      </Group>
      <Select
        label={f.status}
        value={status}
        onChange={(v) => v && setStatus(v)}
        allowDeselect={false}
        data={Object.entries(m.programmeStatuses).map(([value, label]) => ({ value, label }))}
      />
      <Textarea label={f.goal} value={goal} onChange={(e) => setGoal(e.currentTarget.value)} autosize minRows={2} />
      <TextInput label={f.basis} value={basis} onChange={(e) => setBasis(e.currentTarget.value)} />
      {error ? (
        <Text c="red" size="sm" role="alert">
          {error}
        </Text>
      ) : null}
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          {t.common.cancel}
        </Button>
        <Button loading={pending} onClick={() => void submit()}>
          {t.common.save}
        </Button>
      </Group>
    </Stack>
  );
}
