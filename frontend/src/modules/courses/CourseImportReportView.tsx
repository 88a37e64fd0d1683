import { Alert, SimpleGrid, Stack, Title } from '@mantine/core';
import type { CourseImportReport } from '../../api/types';
import { ImportColumns, ImportErrors, ImportNotices, ImportStat } from '../import/ImportReportView';
import { t } from './messages';

const m = t.courseImport;

/** A provider's list checked or loaded: counts, rows already recorded, bad rows, the columns recognised. */
export function CourseImportReportView({ report }: { report: CourseImportReport }) {
  const errorCount = report.errors.length;
  return (
    <Stack data-testid="import-report">
      <Title order={3} size="h4">
        {report.applied ? (report.skipped_rows ? m.partialTitle : m.appliedTitle) : m.reportTitle}
      </Title>
      <SimpleGrid cols={{ base: 2, sm: 4, lg: report.skipped_rows ? 5 : 4 }} spacing="sm">
        <ImportStat label={m.totalRows} value={report.total_rows} />
        <ImportStat label={m.validRows} value={report.valid_rows} color={errorCount ? undefined : 'green'} />
        <ImportStat label={report.applied ? m.created : m.toCreate} value={report.to_create} />
        <ImportStat label={m.alreadyRecorded} value={report.already_recorded ?? 0} />
        {report.skipped_rows ? <ImportStat label={m.skippedRows} value={report.skipped_rows} color="orange" /> : null}
      </SimpleGrid>
      <ImportNotices title={m.noticesTitle(report.notices?.length ?? 0)} notices={report.notices ?? []} />
      {errorCount ? (
        <ImportErrors errors={report.errors} />
      ) : report.applied ? null : report.to_create > 0 ? (
        <Alert color="green">{m.noErrors}</Alert>
      ) : (
        <Alert color="blue">{m.nothingNew}</Alert>
      )}
      <ImportColumns mapped={report.mapped_columns} unmapped={report.unmapped_columns} fieldNames={m.fields} />
    </Stack>
  );
}
