import { useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  List,
  Modal,
  MultiSelect,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { ApiError, errorMessage } from '../../api/errors';
import { organizationOptionsQuery } from '../../api/queries';
import { ListFooter } from '../../components/ListFooter';
import { ErrorState, LoadingState, EmptyBlock } from '../../components/states';
import { useDictionary } from '../../components/useDictionary';
import { formatFullName } from '../../lib/format';
import { teacherListQuery } from '../teachers/api';
import { addParticipantsBulk, type BulkParticipationReport, type EventRead, type ParticipationRole } from './api';
import { t } from './messages';
import { ROLES } from './search';

const b = t.events.bulk;
const p = t.events.participants;
const PAGE = 50;

export type TeacherFilter = { q: string; organization: string | null; position: string[]; subject: string[] };
type Picked = Map<string, string>;

/**
 * Many teachers picked from the registry: filters by school, position, subject and surname, a tick per teacher and
 * «Выбрать всех на странице». The selection (id → name) survives paging and filter changes.
 */
export function TeacherMultiPicker({ picked, onChange }: { picked: Picked; onChange: (next: Picked) => void }) {
  const [filter, setFilter] = useState<TeacherFilter>({ q: '', organization: null, position: [], subject: [] });
  const [offset, setOffset] = useState(0);
  const [q] = useDebouncedValue(filter.q.trim(), 300);
  const organizations = useQuery(organizationOptionsQuery);
  const positions = useDictionary('positions');
  const subjects = useDictionary('subjects');
  const list = useQuery(
    teacherListQuery({
      q: q || undefined,
      organization_id: filter.organization ? [filter.organization] : undefined,
      position: filter.position.length ? filter.position : undefined,
      subject: filter.subject.length ? filter.subject : undefined,
      sort: 'last_name',
      limit: PAGE,
      offset,
    }),
  );
  const update = (patch: Partial<TeacherFilter>) => {
    setFilter((f) => ({ ...f, ...patch }));
    setOffset(0);
  };
  const items = list.data?.items ?? [];
  const allOnPage = items.length > 0 && items.every((x) => picked.has(x.id));
  const toggle = (id: string, name: string, on: boolean) => {
    const next = new Map(picked);
    if (on) next.set(id, name);
    else next.delete(id);
    onChange(next);
  };

  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
        <TextInput label={b.search} value={filter.q} onChange={(e) => update({ q: e.currentTarget.value })} />
        <Select
          label={b.organization}
          placeholder={b.organizationPlaceholder}
          data={(organizations.data ?? []).map((o) => ({ value: o.id, label: o.short_name }))}
          value={filter.organization}
          onChange={(v) => update({ organization: v })}
          searchable
          clearable
        />
        <MultiSelect
          label={b.position}
          placeholder={filter.position.length ? undefined : b.positionPlaceholder}
          data={positions.options}
          value={filter.position}
          onChange={(v) => update({ position: v })}
          searchable
          clearable
        />
        <MultiSelect
          label={b.subject}
          placeholder={filter.subject.length ? undefined : b.subjectPlaceholder}
          data={subjects.options}
          value={filter.subject}
          onChange={(v) => update({ subject: v })}
          searchable
          clearable
        />
      </SimpleGrid>
      {list.isPending ? (
        <LoadingState />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <EmptyBlock title={t.common.nothingFound} description={t.common.nothingFoundHint} />
      ) : (
        <Stack gap="xs" style={{ opacity: list.isPlaceholderData ? 0.6 : 1 }}>
          <Table.ScrollContainer minWidth={560} mah={360}>
            <Table verticalSpacing={4} data-testid="teacher-picker">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={44}>
                    <Checkbox
                      aria-label={b.selectPage}
                      title={b.selectPage}
                      checked={allOnPage}
                      indeterminate={!allOnPage && items.some((x) => picked.has(x.id))}
                      onChange={(e) => {
                        const on = e.currentTarget.checked;
                        const next = new Map(picked);
                        for (const x of items) {
                          if (on) next.set(x.id, formatFullName(x.last_name, x.first_name, x.middle_name));
                          else next.delete(x.id);
                        }
                        onChange(next);
                      }}
                    />
                  </Table.Th>
                  <Table.Th>{p.columns.name}</Table.Th>
                  <Table.Th>{p.columns.organization}</Table.Th>
                  <Table.Th>{b.position}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((x) => {
                  const name = formatFullName(x.last_name, x.first_name, x.middle_name);
                  return (
                    <Table.Tr key={x.id}>
                      <Table.Td>
                        <Checkbox aria-label={b.select(name)} checked={picked.has(x.id)} onChange={(e) => toggle(x.id, name, e.currentTarget.checked)} />
                      </Table.Td>
                      <Table.Td>{name}</Table.Td>
                      <Table.Td>{x.current_organization_name ?? t.common.emptyValue}</Table.Td>
                      <Table.Td>{x.current_position_name ?? t.common.emptyValue}</Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <ListFooter total={list.data.total} limit={list.data.limit} offset={list.data.offset} onOffsetChange={setOffset} />
        </Stack>
      )}
    </Stack>
  );
}

function reportFromError(error: unknown): BulkParticipationReport | null {
  if (error instanceof ApiError && error.problem && typeof error.problem.report === 'object' && error.problem.report) {
    return error.problem.report as BulkParticipationReport;
  }
  return null;
}

/** «Добавить педагогов»: pick many, one role and hours, then the API's report (added, duplicates, refused). */
export function BulkAddModal({ opened, onClose, event, onAdded }: { opened: boolean; onClose: () => void; event: EventRead; onAdded: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title={b.title} size="xl" centered>
      {opened ? <BulkAddForm event={event} onClose={onClose} onAdded={onAdded} /> : null}
    </Modal>
  );
}

function BulkAddForm({ event, onClose, onAdded }: { event: EventRead; onClose: () => void; onAdded: () => void }) {
  const [picked, setPicked] = useState<Picked>(new Map());
  const [role, setRole] = useState<ParticipationRole>(event.type === 'contest' ? 'contestant' : 'listener');
  const [hours, setHours] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [report, setReport] = useState<BulkParticipationReport | null>(null);

  async function submit() {
    setError(null);
    if (picked.size === 0) {
      setError(b.noneSelected);
      return;
    }
    const h = hours.trim().replace(',', '.');
    if (h && !/^\d{1,4}(\.\d)?$/.test(h)) {
      setError(p.hoursInvalid);
      return;
    }
    setPending(true);
    try {
      const result = await addParticipantsBulk(event.id, {
        teacher_ids: [...picked.keys()],
        role,
        hours: h || null,
        attendance: 'registered',
        mode: 'partial',
      });
      setReport(result);
      if (result.added.length) onAdded();
    } catch (err) {
      const withReport = reportFromError(err);
      if (withReport) setReport(withReport);
      setError(errorMessage(err));
    } finally {
      setPending(false);
    }
  }

  if (report) {
    return (
      <Stack>
        <BulkReportView report={report} names={picked} />
        {error ? (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button
            variant="default"
            onClick={() => {
              setReport(null);
              setError(null);
              setPicked(new Map());
            }}
          >
            {b.more}
          </Button>
          <Button onClick={onClose}>{b.done}</Button>
        </Group>
      </Stack>
    );
  }

  return (
    <form
      noValidate
      aria-label={b.title}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Stack>
        <Text size="sm">{b.intro}</Text>
        <TeacherMultiPicker picked={picked} onChange={setPicked} />
        <Group gap="sm" align="flex-end" wrap="wrap">
          <Badge size="lg" variant="light" tt="none" data-testid="picked-count">
            {b.selected(picked.size)}
          </Badge>
          {picked.size ? (
            <Button variant="subtle" size="xs" onClick={() => setPicked(new Map())}>
              {b.clear}
            </Button>
          ) : null}
        </Group>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Select
            label={b.role}
            data={ROLES.map((r) => ({ value: r, label: p.roles[r] ?? r }))}
            value={role}
            onChange={(v) => setRole((v as ParticipationRole | null) ?? role)}
            allowDeselect={false}
          />
          <TextInput label={b.hours} inputMode="decimal" value={hours} onChange={(e) => setHours(e.currentTarget.value)} />
        </SimpleGrid>
        {error ? (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t.common.cancel}
          </Button>
          <Button type="submit" loading={pending}>
            {b.submit(picked.size)}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function BulkReportView({ report, names }: { report: BulkParticipationReport; names: Picked }) {
  const name = (x: { teacher_id: string; teacher_name?: string | null }) => x.teacher_name ?? names.get(x.teacher_id) ?? x.teacher_id;
  return (
    <Stack gap="sm" data-testid="bulk-report">
      <Title order={3} size="h4">
        {b.reportTitle}
      </Title>
      <Alert color={report.added.length ? 'green' : 'gray'} title={b.added(report.added.length)}>
        {report.added.length ? (
          <List size="sm">
            {report.added.map((x) => (
              <List.Item key={x.teacher_id}>{name(x)}</List.Item>
            ))}
          </List>
        ) : null}
      </Alert>
      {report.skipped_duplicates.length ? (
        <Alert color="orange" title={b.duplicates(report.skipped_duplicates.length)} data-testid="bulk-duplicates">
          <List size="sm">
            {report.skipped_duplicates.map((x) => (
              <List.Item key={x.teacher_id}>
                {name(x)}
                {x.reason ? ` — ${x.reason}` : ''}
              </List.Item>
            ))}
          </List>
        </Alert>
      ) : null}
      {report.refused.length ? (
        <Alert color="red" title={b.refused(report.refused.length)}>
          <List size="sm">
            {report.refused.map((x) => (
              <List.Item key={x.teacher_id}>
                {name(x)}
                {x.reason ? ` — ${x.reason}` : ''}
              </List.Item>
            ))}
          </List>
        </Alert>
      ) : null}
    </Stack>
  );
}
