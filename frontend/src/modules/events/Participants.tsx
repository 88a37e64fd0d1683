import { useState } from 'react';
import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { errorMessage, etagOf, isStatus } from '../../api/errors';
import { canBrowseTeachers } from '../../auth/permissions';
import { useMe } from '../../auth/useMe';
import { ArchiveModal } from '../../components/ArchiveModal';
import { ExportMenu } from '../../components/ExportMenu';
import { FormActions } from '../../components/FormActions';
import { ListView } from '../../components/ListView';
import { RouterAnchor } from '../../components/RouterLinks';
import { ConflictAlert, FormErrors } from '../../components/states';
import {
  archiveParticipation,
  eventKeys,
  exportParticipations,
  markAttendance,
  participationListQuery,
  updateParticipation,
  type EventRead,
  type ParticipationQuery,
  type ParticipationRead,
  type ParticipationUpdate,
} from './api';
import { BulkAddModal } from './BulkAddModal';
import { t } from './messages';
import { ParticipantUploadModal } from './ParticipantUpload';
import { ATTENDANCE, RESULTS, ROLES } from './search';

const p = t.events.participants;
const PAGE = 100;


const ATTENDANCE_COLORS: Record<string, string> = { registered: 'gray', attended: 'green', absent: 'red' };

/** «2.0» → «2», «1.5» → «1,5». */
export function formatHours(hours: string | number | null | undefined): string {
  if (hours === null || hours === undefined || hours === '') return t.common.emptyValue;
  const n = Number(hours);
  return Number.isFinite(n) ? String(n).replace('.', ',') : String(hours);
}

/** The event card's «Участники»: the list with role, result, hours and attendance; adding, uploading, marking. */
export function ParticipantsPanel({ event }: { event: EventRead }) {
  const me = useMe();
  const queryClient = useQueryClient();
  const [offset, setOffset] = useState(0);
  const query: ParticipationQuery = { event_id: event.id, sort: 'teacher_name', limit: PAGE, offset };
  const list = useQuery(participationListQuery(query));
  const actions = event.actions ?? [];
  const canAdd = actions.includes('add_participants');
  const canMark = actions.includes('mark_attendance');
  const [bulkOpened, bulk] = useDisclosure(false);
  const [uploadOpened, upload] = useDisclosure(false);
  const [marking, setMarking] = useState(false);
  const [editing, setEditing] = useState<ParticipationRead | null>(null);
  const [archiving, setArchiving] = useState<ParticipationRead | null>(null);
  const linkTeachers = canBrowseTeachers(me);

  const refresh = () => queryClient.invalidateQueries({ queryKey: eventKeys.all });

  return (
    <Card withBorder component="section" aria-labelledby="event-participants">
      <Group justify="space-between" mb="sm" wrap="wrap" gap="sm">
        <Title order={3} size="h4" id="event-participants">
          {p.title}
        </Title>
        <Group gap="sm">
          {canAdd ? <Button onClick={bulk.open}>{p.add}</Button> : null}
          {canAdd ? (
            <Button variant="default" onClick={upload.open}>
              {p.upload}
            </Button>
          ) : null}
          {canMark && !marking ? (
            <Button variant="default" onClick={() => setMarking(true)}>
              {p.markAttendance}
            </Button>
          ) : null}
          <ExportMenu onExport={(format) => exportParticipations(query, format)} />
        </Group>
      </Group>
      <ListView query={list} emptyTitle={p.empty} onOffsetChange={setOffset}>
        {(items) =>
          marking ? (
            <AttendanceForm
              eventId={event.id}
              items={items}
              onDone={() => {
                setMarking(false);
                void refresh();
              }}
            />
          ) : (
            <ParticipantsTable items={items} linkTeachers={linkTeachers} onEdit={setEditing} onArchive={setArchiving} />
          )
        }
      </ListView>

      {canAdd ? <BulkAddModal opened={bulkOpened} onClose={bulk.close} event={event} onAdded={() => void refresh()} /> : null}
      {canAdd ? (
        <ParticipantUploadModal opened={uploadOpened} onClose={upload.close} event={event} onApplied={() => void refresh()} />
      ) : null}
      <Modal opened={editing !== null} onClose={() => setEditing(null)} title={p.editTitle} size="lg" centered>
        {editing ? (
          <ParticipationForm
            key={`${editing.id}-${editing.version}`}
            row={editing}
            onCancel={() => setEditing(null)}
            onSaved={() => {
              setEditing(null);
              void refresh();
            }}
            onReload={async () => {
              await list.refetch();
              setEditing(null);
            }}
          />
        ) : null}
      </Modal>
      <ArchiveModal
        opened={archiving !== null}
        onClose={() => setArchiving(null)}
        title={p.archiveTitle}
        text={p.archiveText(archiving?.teacher_name ?? '')}
        onReload={() => {
          setArchiving(null);
          void list.refetch();
        }}
        onConfirm={async (reason) => {
          if (!archiving) return null;
          const saved = await archiveParticipation(archiving.id, etagOf(archiving.version), reason);
          setArchiving(null);
          notifications.show({ color: 'green', message: p.archived });
          void refresh();
          return saved;
        }}
      />
    </Card>
  );
}

function ParticipantsTable({
  items,
  linkTeachers,
  onEdit,
  onArchive,
}: {
  items: ParticipationRead[];
  linkTeachers: boolean;
  onEdit: (row: ParticipationRead) => void;
  onArchive: (row: ParticipationRead) => void;
}) {
  const c = p.columns;
  const anyActions = items.some((x) => (x.actions ?? []).length > 0);
  return (
    <Table.ScrollContainer minWidth={820}>
      <Table striped verticalSpacing="xs" data-testid="participants-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{c.name}</Table.Th>
            <Table.Th w={170}>{c.organization}</Table.Th>
            <Table.Th w={170}>{c.role}</Table.Th>
            <Table.Th w={110}>{c.result}</Table.Th>
            <Table.Th w={70} ta="right">
              {c.hours}
            </Table.Th>
            <Table.Th w={150}>{c.attendance}</Table.Th>
            {anyActions ? <Table.Th w={90}>{c.actions}</Table.Th> : null}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((row) => (
            <Table.Tr key={row.id}>
              <Table.Td>
                <Stack gap={0}>
                  {linkTeachers ? (
                    <RouterAnchor to="/teachers/$teacherId" params={{ teacherId: row.teacher_id }} size="sm" fw={500}>
                      {row.teacher_name}
                    </RouterAnchor>
                  ) : (
                    <Text size="sm" fw={500}>
                      {row.teacher_name}
                    </Text>
                  )}
                  {row.presentation_title ? (
                    <Text size="xs" c="dimmed">
                      {row.presentation_title}
                    </Text>
                  ) : null}
                </Stack>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{row.organization_name ?? t.common.emptyValue}</Text>
              </Table.Td>
              <Table.Td>
                <Stack gap={2} align="flex-start">
                  <Text size="sm">{p.rolesShort[row.role] ?? row.role}</Text>
                  {row.intends_to_apply ? (
                    <Badge size="xs" variant="light" color="teal" tt="none" title={p.intendsToApply}>
                      {p.intendsShort}
                    </Badge>
                  ) : null}
                </Stack>
              </Table.Td>
              <Table.Td>{row.result ? (p.results[row.result] ?? row.result) : t.common.emptyValue}</Table.Td>
              <Table.Td ta="right">{formatHours(row.hours)}</Table.Td>
              <Table.Td>
                <Badge size="sm" variant="light" color={ATTENDANCE_COLORS[row.attendance] ?? 'gray'} tt="none">
                  {p.attendance[row.attendance] ?? row.attendance}
                </Badge>
              </Table.Td>
              {anyActions ? (
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    {(row.actions ?? []).includes('update') ? (
                      <ActionIcon variant="subtle" aria-label={p.edit(row.teacher_name)} title={p.edit(row.teacher_name)} onClick={() => onEdit(row)}>
                        <span aria-hidden="true">✎</span>
                      </ActionIcon>
                    ) : null}
                    {(row.actions ?? []).includes('archive') ? (
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={p.archive(row.teacher_name)}
                        title={p.archive(row.teacher_name)}
                        onClick={() => onArchive(row)}
                      >
                        <span aria-hidden="true">✕</span>
                      </ActionIcon>
                    ) : null}
                  </Group>
                </Table.Td>
              ) : null}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/**
 * What «Сохранить посещение» sends: every row whose tick differs from its mark, and every row still only registered
 * (after the event an unticked participant was absent).
 */
export function attendanceChanges(
  items: readonly Pick<ParticipationRead, 'id' | 'attendance'>[],
  ticks: Record<string, boolean>,
): { participation_id: string; attended: boolean }[] {
  return items
    .filter((x) => x.attendance === 'registered' || (x.attendance === 'attended') !== Boolean(ticks[x.id]))
    .map((x) => ({ participation_id: x.id, attended: Boolean(ticks[x.id]) }));
}

/** Ticks for the rows on screen; «Сохранить посещение» sends the changed ones in one request. */
function AttendanceForm({ eventId, items, onDone }: { eventId: string; items: ParticipationRead[]; onDone: () => void }) {
  const [ticks, setTicks] = useState<Record<string, boolean>>(() =>
    Object.fromEntries(items.map((x) => [x.id, x.attendance === 'attended'])),
  );
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const changed = attendanceChanges(items, ticks);

  async function save() {
    setError(null);
    if (changed.length === 0) {
      notifications.show({ message: p.nothingToSave });
      onDone();
      return;
    }
    setPending(true);
    try {
      const report = await markAttendance(eventId, changed);
      notifications.show({ color: 'green', message: p.attendanceSaved(report.updated) });
      onDone();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setPending(false);
    }
  }

  const all = (value: boolean) => setTicks(Object.fromEntries(items.map((x) => [x.id, value])));
  return (
    <Stack gap="sm" data-testid="attendance-form">
      <Text size="sm">{p.attendanceHint}</Text>
      <Group gap="xs">
        <Button size="xs" variant="light" onClick={() => all(true)}>
          {p.checkAll}
        </Button>
        <Button size="xs" variant="subtle" onClick={() => all(false)}>
          {p.uncheckAll}
        </Button>
      </Group>
      <Table.ScrollContainer minWidth={560}>
        <Table verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={80}>{p.columns.attended}</Table.Th>
              <Table.Th>{p.columns.name}</Table.Th>
              <Table.Th w={200}>{p.columns.role}</Table.Th>
              <Table.Th w={170}>{p.columns.attendance}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((row) => (
              <Table.Tr key={row.id}>
                <Table.Td>
                  <Checkbox
                    aria-label={p.attendedCheckbox(row.teacher_name)}
                    checked={Boolean(ticks[row.id])}
                    onChange={(ev) => {
                      const checked = ev.currentTarget.checked;
                      setTicks((prev) => ({ ...prev, [row.id]: checked }));
                    }}
                  />
                </Table.Td>
                <Table.Td>{row.teacher_name}</Table.Td>
                <Table.Td>{p.rolesShort[row.role] ?? row.role}</Table.Td>
                <Table.Td>{p.attendance[row.attendance] ?? row.attendance}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {error ? (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      ) : null}
      <FormActions onCancel={onDone} submitLabel={p.saveAttendance} loading={pending} onConfirm={() => void save()} />
    </Stack>
  );
}

const HOURS_RE = /^\d{1,4}([.,]\d)?$/;

/** One participation: role, result, hours, certificate, the intention to apply, attendance (PATCH with If-Match). */
function ParticipationForm({
  row,
  onCancel,
  onSaved,
  onReload,
}: {
  row: ParticipationRead;
  onCancel: () => void;
  onSaved: () => void;
  onReload: () => void;
}) {
  const [role, setRole] = useState<string>(row.role);
  const [result, setResult] = useState<string | null>(row.result);
  const [hours, setHours] = useState(row.hours ? formatHours(row.hours) : '');
  const [certificate, setCertificate] = useState(row.certificate_number ?? '');
  const [intends, setIntends] = useState(row.intends_to_apply);
  const [attendance, setAttendance] = useState<string>(row.attendance);
  const [presentation, setPresentation] = useState(row.presentation_title ?? '');
  const [note, setNote] = useState(row.note ?? '');
  const [hoursError, setHoursError] = useState<string | null>(null);
  const [messages, setMessages] = useState<string[]>([]);
  const [conflict, setConflict] = useState(false);
  const [pending, setPending] = useState(false);

  async function submit() {
    const h = hours.trim();
    if (h && !HOURS_RE.test(h)) {
      setHoursError(p.hoursInvalid);
      return;
    }
    setHoursError(null);
    setMessages([]);
    setConflict(false);
    const body: ParticipationUpdate = {};
    if (role !== row.role) body.role = role as ParticipationUpdate['role'];
    const nextResult = role === 'contestant' ? result : null;
    if (nextResult !== row.result) body.result = nextResult as ParticipationUpdate['result'];
    const nextHours = h ? h.replace(',', '.') : null;
    if ((nextHours === null ? null : Number(nextHours)) !== (row.hours === null ? null : Number(row.hours))) body.hours = nextHours;
    if ((certificate.trim() || null) !== row.certificate_number) body.certificate_number = certificate.trim() || null;
    if (intends !== row.intends_to_apply) body.intends_to_apply = intends;
    if (attendance !== row.attendance) body.attendance = attendance as ParticipationUpdate['attendance'];
    if ((presentation.trim() || null) !== row.presentation_title) body.presentation_title = presentation.trim() || null;
    if ((note.trim() || null) !== row.note) body.note = note.trim() || null;
    if (Object.keys(body).length === 0) {
      onCancel();
      return;
    }
    setPending(true);
    try {
      // The version of the row on screen: a change made meanwhile answers 412.
      await updateParticipation(row.id, etagOf(row.version), body);
      notifications.show({ color: 'green', message: t.common.saved });
      onSaved();
    } catch (error) {
      if (isStatus(error, 412)) setConflict(true);
      else setMessages([errorMessage(error)]);
    } finally {
      setPending(false);
    }
  }

  return (
    <form
      noValidate
      aria-label={p.editTitle}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Stack>
        <Text fw={600}>{row.teacher_name}</Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Select
            label={p.role}
            data={ROLES.map((r) => ({ value: r, label: p.roles[r] ?? r }))}
            value={role}
            onChange={(v) => setRole(v ?? role)}
            allowDeselect={false}
          />
          {role === 'contestant' ? (
            <Select
              label={p.result}
              placeholder={p.noResult}
              data={RESULTS.map((r) => ({ value: r, label: p.results[r] ?? r }))}
              value={result}
              onChange={setResult}
              clearable
            />
          ) : null}
          <TextInput label={p.hours} inputMode="decimal" value={hours} onChange={(e) => setHours(e.currentTarget.value)} error={hoursError} />
          <TextInput label={p.certificate} value={certificate} onChange={(e) => setCertificate(e.currentTarget.value)} />
          <Select
            label={p.attendanceLabel}
            data={ATTENDANCE.map((a) => ({ value: a, label: p.attendance[a] ?? a }))}
            value={attendance}
            onChange={(v) => setAttendance(v ?? attendance)}
            allowDeselect={false}
          />
        </SimpleGrid>
        <TextInput label={p.presentation} value={presentation} onChange={(e) => setPresentation(e.currentTarget.value)} />
        <Checkbox label={p.intendsToApply} checked={intends} onChange={(e) => setIntends(e.currentTarget.checked)} />
        <TextInput label={p.note} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
        {conflict ? <ConflictAlert onReload={onReload} /> : null}
        <FormErrors messages={messages} />
        <FormActions onCancel={onCancel} submitLabel={t.common.save} loading={pending} />
      </Stack>
    </form>
  );
}
