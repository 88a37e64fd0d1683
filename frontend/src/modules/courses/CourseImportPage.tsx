import { useState } from 'react';
import { Alert, Button, Card, FileInput, Group, Radio, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, errorMessage } from '../../api/errors';
import { municipalitiesQuery, organizationOptionsQuery } from '../../api/queries';
import type { CourseImportReport } from '../../api/types';
import { ownSchoolId, reachesEverything } from '../../auth/permissions';
import { useMe } from '../../auth/useMe';
import { PageHeader } from '../../components/PageHeader';
import { importCourses, invalidateCourses, type CourseImportArgs } from './api';
import { CourseImportReportView } from './CourseImportReportView';
import { CoursesSectionNav } from './CoursesSectionNav';
import { t } from './messages';

const m = t.courseImport;
const f = t.courses.form;

function reportFromError(error: unknown): CourseImportReport | null {
  if (error instanceof ApiError && error.problem && typeof error.problem.report === 'object' && error.problem.report) {
    return error.problem.report as CourseImportReport;
  }
  return null;
}

type ProviderSource = 'file' | 'dictionary' | 'text';

/** A provider's list: upload → the dry run's report → load all rows, or only the good ones. */
export function CourseImportPage() {
  const me = useMe();
  const queryClient = useQueryClient();
  const organizations = useQuery(organizationOptionsQuery);
  const everywhere = reachesEverything(me, 'courses:import');
  const municipalities = useQuery({ ...municipalitiesQuery, enabled: everywhere });
  const [organizationId, setOrganizationId] = useState<string | null>(ownSchoolId(me));
  const [municipalityId, setMunicipalityId] = useState<string | null>(null);
  const [providerSource, setProviderSource] = useState<ProviderSource>('file');
  const [providerOrganizationId, setProviderOrganizationId] = useState<string | null>(null);
  const [providerName, setProviderName] = useState('');
  const [providerStateOwned, setProviderStateOwned] = useState<'yes' | 'no' | 'unknown'>('yes');
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [report, setReport] = useState<CourseImportReport | null>(null);
  const orgOptions = (organizations.data ?? []).map((o) => ({ value: o.id, label: o.short_name }));

  const mutation = useMutation({
    mutationFn: importCourses,
    onSuccess: (result) => {
      setReport(result);
      if (result.applied) {
        notifications.show({ color: 'green', message: m.appliedTitle });
        void invalidateCourses(queryClient);
      }
    },
    onError: (error) => {
      const withReport = reportFromError(error);
      if (withReport) setReport(withReport);
    },
  });

  // Anything changed in the form makes the last check stale.
  const changed = <T,>(set: (v: T) => void) => (v: T) => {
    set(v);
    setReport(null);
    mutation.reset();
  };

  function run(dryRun: boolean, skipInvalid = false) {
    setFileError(file ? null : m.fileRequired);
    if (!file) return;
    const args: CourseImportArgs = {
      file,
      organizationId,
      municipalityId,
      providerOrganizationId: providerSource === 'dictionary' ? providerOrganizationId : null,
      providerName: providerSource === 'text' ? providerName : null,
      providerStateOwned: providerSource === 'text' ? (providerStateOwned === 'unknown' ? null : providerStateOwned === 'yes') : null,
      dryRun,
      skipInvalid,
    };
    mutation.mutate(args);
  }

  const idle = !mutation.isPending;
  const canApply = Boolean(report && !report.applied && report.errors.length === 0 && report.to_create > 0 && file && idle);
  const canApplyValid = Boolean(report && !report.applied && report.errors.length > 0 && report.to_create > 0 && file && idle);
  const requestError = mutation.isError && !reportFromError(mutation.error) ? errorMessage(mutation.error) : null;

  return (
    <Stack>
      <PageHeader title={m.title} description={m.intro} />
      <CoursesSectionNav current="import" />
      <Card withBorder>
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            run(true);
          }}
        >
          <Stack>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <FileInput
                label={m.file}
                placeholder={m.filePlaceholder}
                accept=".csv,.txt,.xlsx,.xls,.ods,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel"
                value={file}
                onChange={changed(setFile)}
                error={fileError}
                clearable
                required
              />
              <Select
                label={m.organization}
                description={m.organizationHint}
                placeholder={m.organizationAny}
                data={orgOptions}
                value={organizationId}
                onChange={changed(setOrganizationId)}
                searchable
                clearable
              />
              {everywhere && !organizationId ? (
                <Select
                  label={m.municipality}
                  data={(municipalities.data ?? []).map((x) => ({ value: x.id, label: x.name }))}
                  value={municipalityId}
                  onChange={changed(setMunicipalityId)}
                  searchable
                  required
                />
              ) : null}
            </SimpleGrid>
            <Stack gap="xs">
              <Title order={3} size="h5">
                {m.providerTitle}
              </Title>
              <Radio.Group value={providerSource} onChange={(v) => changed(setProviderSource)(v as ProviderSource)} aria-label={m.providerTitle}>
                <Group gap="md">
                  <Radio value="file" label={m.providerFromFile} />
                  <Radio value="dictionary" label={f.providerFromDictionary} />
                  <Radio value="text" label={f.providerAsText} />
                </Group>
              </Radio.Group>
              {providerSource === 'dictionary' ? (
                <Select
                  label={f.providerOrganization}
                  placeholder={f.providerOrganizationPlaceholder}
                  data={orgOptions}
                  value={providerOrganizationId}
                  onChange={changed(setProviderOrganizationId)}
                  searchable
                  maw={480}
                />
              ) : null}
              {providerSource === 'text' ? (
                <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                  <TextInput label={f.providerName} value={providerName} onChange={(e) => changed(setProviderName)(e.currentTarget.value)} />
                  <Select
                    label={f.providerStateOwned}
                    description={f.stateOwnedHint}
                    data={(['yes', 'no', 'unknown'] as const).map((x) => ({ value: x, label: f.stateOwned[x] ?? x }))}
                    value={providerStateOwned}
                    onChange={(v) => changed(setProviderStateOwned)((v as 'yes' | 'no' | 'unknown' | null) ?? 'unknown')}
                    allowDeselect={false}
                  />
                </SimpleGrid>
              ) : null}
            </Stack>
            {requestError ? (
              <Alert color="red" role="alert">
                {requestError}
              </Alert>
            ) : null}
            <Group>
              <Button type="submit" loading={mutation.isPending && mutation.variables?.dryRun}>
                {m.check}
              </Button>
              <Button color="green" disabled={!canApply} loading={mutation.isPending && mutation.variables?.dryRun === false && !mutation.variables?.skipInvalid} onClick={() => run(false)}>
                {m.apply}
              </Button>
              {canApplyValid ? (
                <Button color="orange" variant="light" loading={mutation.isPending && mutation.variables?.skipInvalid === true} onClick={() => run(false, true)}>
                  {m.applyValid}
                </Button>
              ) : null}
            </Group>
            {report && !report.applied && !canApply ? (
              <Text size="sm" c="dimmed">
                {canApplyValid ? m.applyValidHint(report.invalid_rows ?? report.errors.length) : report.to_create > 0 ? m.applyHint : null}
              </Text>
            ) : null}
          </Stack>
        </form>
      </Card>
      {report ? <CourseImportReportView report={report} /> : null}
    </Stack>
  );
}
