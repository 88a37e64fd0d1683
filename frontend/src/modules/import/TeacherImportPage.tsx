import { useState } from 'react';
import { Alert, Button, Card, FileInput, Group, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, errorMessage } from '../../api/errors';
import { downloadImportErrors, downloadImportTemplate, importTeachers } from './api';
import { organizationOptionsQuery } from '../../api/queries';
import { teacherKeys } from '../teachers/api';
import { type ImportReport } from '../../api/types';
import { ownSchoolId } from '../../auth/permissions';
import { useMe } from '../../auth/useMe';
import { PageHeader } from '../../components/PageHeader';
import { t } from './messages';
import { saveBlob } from '../../lib/download';
import { JobProgress } from '../../components/JobProgress';
import { ImportReportView } from './ImportReportView';

const m = t.teacherImport;

function reportFromError(error: unknown): ImportReport | null {
  if (error instanceof ApiError && error.problem && typeof error.problem.report === 'object' && error.problem.report) {
    return error.problem.report as ImportReport;
  }
  return null;
}

export function TeacherImportPage() {
  const me = useMe();
  const queryClient = useQueryClient();
  const organizations = useQuery(organizationOptionsQuery);
  const preselected = ownSchoolId(me);
  const [organizationId, setOrganizationId] = useState<string | null>(preselected);
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const [formError, setFormError] = useState<{ organization?: string; file?: string }>({});

  // With a single visible organization there is nothing to choose.
  const options = (organizations.data ?? []).map((o) => ({ value: o.id, label: o.short_name }));
  const effectiveOrganization = organizationId ?? (options.length === 1 ? (options[0]?.value ?? null) : null);

  const template = useMutation({
    mutationFn: downloadImportTemplate,
    onSuccess: ({ blob, filename }) => saveBlob(blob, filename),
    onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
  });

  const errorReport = useMutation({
    mutationFn: downloadImportErrors,
    onSuccess: ({ blob, filename }) => saveBlob(blob, filename),
    onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
  });

  const mutation = useMutation({
    mutationFn: importTeachers,
    onSuccess: (result) => {
      if ('jobId' in result) {
        setReport(null);
        setJobId(result.jobId);
        return;
      }
      setJobId(null);
      setReport(result);
      if (result.applied) {
        notifications.show({ color: 'green', message: m.appliedTitle });
        void queryClient.invalidateQueries({ queryKey: teacherKeys.all });
      }
    },
    onError: (error) => {
      const withReport = reportFromError(error);
      if (withReport) setReport(withReport);
    },
  });

  function run(dryRun: boolean, skipInvalid = false) {
    const errors = {
      organization: effectiveOrganization ? undefined : m.organizationRequired,
      file: file ? undefined : m.fileRequired,
    };
    setFormError(errors);
    if (!effectiveOrganization || !file) return;
    mutation.mutate({ file, organizationId: effectiveOrganization, dryRun, skipInvalid });
  }

  const canApply = Boolean(report && !report.applied && report.errors.length === 0 && file && !mutation.isPending);
  // Some rows are bad but others are good: those can be loaded now, the rest fixed from the error report.
  const canApplyValid = Boolean(
    report && !report.applied && report.errors.length > 0 && report.valid_rows > 0 && file && !mutation.isPending,
  );
  const canDownloadErrors = Boolean(report && report.errors.length > 0 && file && effectiveOrganization);
  const requestError = mutation.isError && !reportFromError(mutation.error) ? errorMessage(mutation.error) : null;

  return (
    <Stack>
      <PageHeader
        title={m.title}
        description={m.intro}
        actions={
          <Button variant="default" loading={template.isPending} onClick={() => template.mutate()}>
            {m.template}
          </Button>
        }
      />
      <Text size="sm" c="dimmed" mt={-8}>
        {m.templateHint}
      </Text>
      <Card withBorder>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            run(true);
          }}
          noValidate
        >
          <Stack>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <Select
                label={m.organization}
                placeholder={m.organizationPlaceholder}
                data={options}
                value={effectiveOrganization}
                onChange={(v) => {
                  setOrganizationId(v);
                  setReport(null);
                }}
                error={formError.organization}
                searchable
                required
              />
              <FileInput
                label={m.file}
                placeholder={m.filePlaceholder}
                accept=".csv,.txt,.xlsx,.xls,.ods,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel"
                value={file}
                onChange={(f) => {
                  setFile(f);
                  setReport(null);
                  mutation.reset();
                }}
                error={formError.file}
                clearable
                required
              />
            </SimpleGrid>
            {requestError ? (
              <Alert color="red" role="alert">
                {requestError}
              </Alert>
            ) : null}
            <Group>
              <Button type="submit" loading={mutation.isPending && mutation.variables?.dryRun}>
                {m.check}
              </Button>
              <Button
                color="green"
                disabled={!canApply}
                loading={mutation.isPending && mutation.variables?.dryRun === false}
                onClick={() => run(false)}
              >
                {m.apply}
              </Button>
              {canApplyValid ? (
                <Button
                  color="orange"
                  variant="light"
                  loading={mutation.isPending && mutation.variables?.skipInvalid === true}
                  onClick={() => run(false, true)}
                >
                  {m.applyValid}
                </Button>
              ) : null}
              {canDownloadErrors ? (
                <Button
                  variant="default"
                  loading={errorReport.isPending}
                  onClick={() => {
                    if (file && effectiveOrganization) errorReport.mutate({ file, organizationId: effectiveOrganization });
                  }}
                >
                  {m.errorReport}
                </Button>
              ) : null}
            </Group>
            {report && !canApply && !report.applied ? (
              <Text size="sm" c="dimmed">
                {canApplyValid ? m.applyValidHint(report.invalid_rows) : m.applyHint}
              </Text>
            ) : null}
          </Stack>
        </form>
      </Card>
      {jobId ? <JobProgress jobId={jobId} /> : null}
      {report ? <ImportReportView report={report} /> : null}
    </Stack>
  );
}
