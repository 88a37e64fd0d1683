import { Alert, Badge, Card, Group, List, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { ImportReport } from '../../api/types';
import { t } from './messages';

const m = t.teacherImport;

type Issue = ImportReport['errors'][number];

export function ImportStat({ label, value, color }: { label: string; value: number; color?: string }) {
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

/** Notices of a report (not errors): «Строка 7: …». */
export function ImportNotices({ title, intro, notices }: { title: string; intro?: string; notices: Issue[] }) {
  if (!notices.length) return null;
  return (
    <Alert color="blue" title={title} data-testid="import-notices">
      {intro ? (
        <Text size="sm" mb="xs">
          {intro}
        </Text>
      ) : null}
      <List size="sm">
        {notices.map((n) => (
          <List.Item key={`${n.line}-${n.message}`}>
            {m.errorColumns.line} {n.line}: {n.message}
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}

/** The bad rows of a file: line, column, value, what is wrong. */
export function ImportErrors({ errors }: { errors: Issue[] }) {
  return (
    <Card withBorder component="section" aria-labelledby="import-errors">
      <Title order={4} size="h5" mb="sm" c="red.8" id="import-errors">
        {m.errorsTitle(errors.length)}
      </Title>
      <Table.ScrollContainer minWidth={560}>
        <Table striped verticalSpacing="xs" data-testid="import-errors">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={90}>{m.errorColumns.line}</Table.Th>
              <Table.Th w={220}>{m.errorColumns.column}</Table.Th>
              <Table.Th w={200}>{m.errorColumns.value}</Table.Th>
              <Table.Th>{m.errorColumns.message}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {errors.map((e, i) => (
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
  );
}

/** Which columns of the file were recognised (header → field) and which are not loaded. */
export function ImportColumns({
  mapped,
  unmapped,
  fieldNames,
}: {
  mapped: Record<string, string>;
  unmapped: string[];
  fieldNames: Record<string, string>;
}) {
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
      <Card withBorder component="section" aria-labelledby="import-mapped">
        <Title order={4} size="h5" mb="sm" id="import-mapped">
          {m.mappedTitle}
        </Title>
        <Table verticalSpacing={4} data-testid="import-mapped">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{m.mappedColumns.header}</Table.Th>
              <Table.Th>{m.mappedColumns.field}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {Object.entries(mapped).map(([header, field]) => (
              <Table.Tr key={header}>
                <Table.Td>{header}</Table.Td>
                <Table.Td>{fieldNames[field] ?? field}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Card>
      <Card withBorder component="section" aria-labelledby="import-unmapped">
        <Title order={4} size="h5" mb="sm" id="import-unmapped">
          {m.unmappedTitle}
        </Title>
        {unmapped.length ? (
          <Group gap="xs">
            {unmapped.map((c) => (
              <Badge key={c} color="orange" variant="light" tt="none">
                {c}
              </Badge>
            ))}
          </Group>
        ) : (
          <Text size="sm" c="dimmed">
            {m.noUnmapped}
          </Text>
        )}
      </Card>
    </SimpleGrid>
  );
}

/** Dry-run or apply result: counts, bad rows (line, column, message), column mapping. */
export function ImportReportView({ report }: { report: ImportReport }) {
  const errorCount = report.errors.length;
  return (
    <Stack data-testid="import-report">
      <Title order={3} size="h4">
        {report.applied ? (report.skipped_rows ? m.partialTitle : m.appliedTitle) : m.reportTitle}
      </Title>
      <SimpleGrid cols={{ base: 2, sm: 4, lg: report.to_add_employment || report.skipped_rows ? 6 : 4 }} spacing="sm">
        <ImportStat label={m.totalRows} value={report.total_rows} />
        <ImportStat label={m.validRows} value={report.valid_rows} color={errorCount ? undefined : 'green'} />
        <ImportStat label={report.applied ? m.created : m.toCreate} value={report.to_create} />
        <ImportStat label={report.applied ? m.updated : m.toUpdate} value={report.to_update} />
        {report.to_add_employment ? (
          <ImportStat label={report.applied ? m.addedEmployment : m.toAddEmployment} value={report.to_add_employment} />
        ) : null}
        {report.skipped_rows ? <ImportStat label={m.skippedRows} value={report.skipped_rows} color="orange" /> : null}
      </SimpleGrid>

      <ImportNotices title={m.noticesTitle(report.notices?.length ?? 0)} intro={m.noticesIntro} notices={report.notices ?? []} />

      {errorCount ? <ImportErrors errors={report.errors} /> : report.applied ? null : <Alert color="green">{m.noErrors}</Alert>}

      <ImportColumns mapped={report.mapped_columns} unmapped={report.unmapped_columns} fieldNames={m.fields} />
    </Stack>
  );
}
