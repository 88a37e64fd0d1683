import { useState } from 'react';
import { Alert, Badge, Button, Card, FileInput, Group, Modal, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@tanstack/react-query';
import { errorMessage } from '../../api/errors';
import { organizationOptionsQuery } from '../../api/queries';
import { importParticipants, type EventRead, type ParticipantImportArgs, type ParticipantImportReport, type ParticipationRole } from './api';
import { t } from './messages';
import { ROLES } from './search';

const u = t.events.upload;
const p = t.events.participants;

const STATUS_COLORS: Record<string, string> = {
  matched: 'blue',
  added: 'green',
  not_found: 'red',
  ambiguous: 'orange',
  duplicate: 'gray',
  bad_value: 'red',
};

function Stat({ label, value, color }: { label: string; value: number; color?: string }) {
  return (
    <Card withBorder padding="sm">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="xl" fw={700} c={color}>
        {value}
      </Text>
    </Card>
  );
}

/** The dry run's or the apply's report: counts, each row with its outcome, file errors, recognised columns. */
export function ParticipantImportReportView({ report }: { report: ParticipantImportReport }) {
  return (
    <Stack data-testid="participant-import-report">
      <Title order={3} size="h4">
        {report.applied ? u.appliedTitle : u.reportTitle}
      </Title>
      <SimpleGrid cols={{ base: 2, sm: 5 }} spacing="sm">
        <Stat label={u.totalRows} value={report.total_rows} />
        <Stat label={report.applied ? u.added : u.toAdd} value={report.to_add} color={report.to_add ? 'green.9' : undefined} />
        <Stat label={u.duplicates} value={report.duplicates} />
        <Stat label={u.notMatched} value={report.not_matched} color={report.not_matched ? 'red.9' : undefined} />
        <Stat label={u.invalidRows} value={report.invalid_rows} color={report.invalid_rows ? 'red.9' : undefined} />
      </SimpleGrid>

      {report.rows.length ? (
        <Card withBorder component="section" aria-labelledby="upload-rows">
          <Title order={4} size="h5" mb="sm" id="upload-rows">
            {u.rowsTitle}
          </Title>
          <Table.ScrollContainer minWidth={640} mah={360}>
            <Table striped verticalSpacing="xs" data-testid="participant-import-rows">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={70}>{u.columns.line}</Table.Th>
                  <Table.Th w={160}>{u.columns.status}</Table.Th>
                  <Table.Th>{u.columns.teacher}</Table.Th>
                  <Table.Th w={150}>{u.columns.role}</Table.Th>
                  <Table.Th>{u.columns.message}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {report.rows.map((row) => (
                  <Table.Tr key={`${row.line}-${row.teacher_id ?? ''}`}>
                    <Table.Td>{row.line}</Table.Td>
                    <Table.Td>
                      <Badge size="sm" variant="light" color={STATUS_COLORS[row.status] ?? 'gray'} tt="none">
                        {u.statuses[row.status] ?? row.status}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{row.teacher_name ?? t.common.emptyValue}</Table.Td>
                    <Table.Td>{row.role ? (p.rolesShort[row.role] ?? row.role) : t.common.emptyValue}</Table.Td>
                    <Table.Td>{row.message ?? ''}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Card>
      ) : null}

      {report.errors.length ? (
        <Card withBorder component="section" aria-labelledby="upload-errors">
          <Title order={4} size="h5" mb="sm" c="red.9" id="upload-errors">
            {u.errorsTitle(report.errors.length)}
          </Title>
          <Table.ScrollContainer minWidth={560}>
            <Table striped verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={70}>{u.columns.line}</Table.Th>
                  <Table.Th w={180}>{u.columns.column}</Table.Th>
                  <Table.Th w={180}>{u.columns.value}</Table.Th>
                  <Table.Th>{u.columns.message}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {report.errors.map((e, i) => (
                  <Table.Tr key={`${e.line}-${e.column ?? ''}-${i}`}>
                    <Table.Td>{e.line}</Table.Td>
                    <Table.Td>{e.column ?? t.common.emptyValue}</Table.Td>
                    <Table.Td style={{ wordBreak: 'break-word' }}>{e.value ?? t.common.emptyValue}</Table.Td>
                    <Table.Td>{e.message}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Card>
      ) : null}

      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Card withBorder component="section" aria-labelledby="upload-mapped">
          <Title order={4} size="h5" mb="sm" id="upload-mapped">
            {u.mappedTitle}
          </Title>
          <Group gap="xs">
            {Object.entries(report.mapped_columns).map(([header, field]) => (
              <Badge key={header} variant="light" tt="none">
                {u.fields[field] ?? header}
              </Badge>
            ))}
          </Group>
        </Card>
        <Card withBorder component="section" aria-labelledby="upload-unmapped">
          <Title order={4} size="h5" mb="sm" id="upload-unmapped">
            {u.unmappedTitle}
          </Title>
          {report.unmapped_columns.length ? (
            <Group gap="xs">
              {report.unmapped_columns.map((c) => (
                <Badge key={c} color="orange" variant="light" tt="none">
                  {c}
                </Badge>
              ))}
            </Group>
          ) : (
            <Text size="sm" c="dimmed">
              {u.noUnmapped}
            </Text>
          )}
        </Card>
      </SimpleGrid>
    </Stack>
  );
}

export function ParticipantUploadModal({
  opened,
  onClose,
  event,
  onApplied,
}: {
  opened: boolean;
  onClose: () => void;
  event: EventRead;
  onApplied: () => void;
}) {
  return (
    <Modal opened={opened} onClose={onClose} title={u.title} size="xl" centered>
      {opened ? <UploadForm event={event} onClose={onClose} onApplied={onApplied} /> : null}
    </Modal>
  );
}

/** Check first (dry run, nothing written), then «Добавить найденных» (the good rows; the rest stay in the report). */
function UploadForm({ event, onClose, onApplied }: { event: EventRead; onClose: () => void; onApplied: () => void }) {
  const organizations = useQuery(organizationOptionsQuery);
  const [file, setFile] = useState<File | null>(null);
  const [organizationId, setOrganizationId] = useState<string | null>(null);
  const [role, setRole] = useState<ParticipationRole>(event.type === 'contest' ? 'contestant' : 'listener');
  const [fileError, setFileError] = useState<string | null>(null);
  const [report, setReport] = useState<ParticipantImportReport | null>(null);
  const mutation = useMutation({
    mutationFn: (args: ParticipantImportArgs) => importParticipants(event.id, args),
    onSuccess: (result) => {
      setReport(result);
      if (result.applied) {
        notifications.show({ color: 'green', message: u.appliedTitle });
        onApplied();
      }
    },
  });
  const reset = () => {
    setReport(null);
    mutation.reset();
  };
  function run(dryRun: boolean) {
    if (!file) {
      setFileError(u.fileRequired);
      return;
    }
    setFileError(null);
    mutation.mutate({ file, organizationId, role, dryRun });
  }
  const canApply = Boolean(report && !report.applied && report.to_add > 0 && !mutation.isPending);

  return (
    <Stack>
      <Text size="sm">{u.intro}</Text>
      <form
        noValidate
        aria-label={u.title}
        onSubmit={(e) => {
          e.preventDefault();
          run(true);
        }}
      >
        <Stack>
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <FileInput
              label={u.file}
              placeholder={u.filePlaceholder}
              accept=".csv,.txt,.xlsx,.xls,.ods,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel"
              value={file}
              onChange={(f) => {
                setFile(f);
                reset();
              }}
              error={fileError}
              clearable
              required
            />
            <Select
              label={u.organization}
              description={u.organizationHint}
              placeholder={u.organizationPlaceholder}
              data={(organizations.data ?? []).map((o) => ({ value: o.id, label: o.short_name }))}
              value={organizationId}
              onChange={(v) => {
                setOrganizationId(v);
                reset();
              }}
              searchable
              clearable
            />
            <Select
              label={u.role}
              data={ROLES.map((r) => ({ value: r, label: p.roles[r] ?? r }))}
              value={role}
              onChange={(v) => {
                setRole((v as ParticipationRole | null) ?? role);
                reset();
              }}
              allowDeselect={false}
            />
          </SimpleGrid>
          {mutation.isError ? (
            <Alert color="red" role="alert">
              {errorMessage(mutation.error)}
            </Alert>
          ) : null}
          <Group>
            <Button type="submit" loading={mutation.isPending && mutation.variables?.dryRun}>
              {u.check}
            </Button>
            <Button color="green" disabled={!canApply} loading={mutation.isPending && mutation.variables?.dryRun === false} onClick={() => run(false)}>
              {u.apply}
            </Button>
            {report?.applied ? (
              <Button variant="default" onClick={onClose}>
                {t.events.bulk.done}
              </Button>
            ) : null}
          </Group>
          {report && !report.applied ? (
            <Text size="sm" c="dimmed">
              {u.applyHint}
            </Text>
          ) : null}
        </Stack>
      </form>
      {report ? <ParticipantImportReportView report={report} /> : null}
    </Stack>
  );
}
