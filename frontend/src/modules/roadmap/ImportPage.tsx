import { useState } from 'react';
import { Alert, Badge, Button, Card, FileInput, Group, List, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '../../api/errors';
import { PageHeader } from '../../components/PageHeader';
import { RouterButton } from '../../components/RouterLinks';
import { StatCard } from '../../components/StatCard';
import { ErrorState, LoadingState } from '../../components/states';
import { importRoadmap, invalidateRoadmap, programmeQuery, type ImportReport } from './api';
import { t } from './messages';

const m = t.roadmap.import;

/** Upload → dry-run report (what was recognised and matched, what not) → «Применить» → the result. */
export function ImportPage({ programmeId }: { programmeId: string }) {
  const queryClient = useQueryClient();
  const programme = useQuery(programmeQuery(programmeId));
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  if (programme.isPending) return <LoadingState />;
  if (programme.isError) return <ErrorState error={programme.error} onRetry={() => void programme.refetch()} notFoundTitle={t.roadmap.programme.notFound} />;

  async function run(dryRun: boolean) {
    if (!file) return;
    setPending(true);
    setError(null);
    try {
      const next = await importRoadmap(programmeId, file, dryRun);
      setReport(next);
      if (!dryRun) await invalidateRoadmap(queryClient);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setPending(false);
    }
  }

  const applied = report && !report.dry_run;
  return (
    <Stack>
      <PageHeader title={m.title} description={programme.data.title} />
      <Text size="sm">{m.intro}</Text>
      {!applied ? (
        <Group align="flex-end">
          <FileInput
            label={m.file}
            accept=".xlsx,.csv,.docx"
            value={file}
            onChange={(f) => {
              setFile(f);
              setReport(null);
            }}
            clearable
            w={360}
            maw="100%"
          />
          <Button onClick={() => void run(true)} loading={pending && !report} disabled={!file}>
            {m.check}
          </Button>
        </Group>
      ) : null}
      {error ? (
        <Alert color="red" role="alert" title={t.common.loadError}>
          {error}
        </Alert>
      ) : null}
      {report ? <ReportView report={report} /> : null}
      <Group>
        {report && report.dry_run && !report.errors?.length ? (
          <Button color="green" onClick={() => void run(false)} loading={pending}>
            {m.apply}
          </Button>
        ) : null}
        {applied ? (
          <Button
            variant="default"
            onClick={() => {
              setReport(null);
              setFile(null);
            }}
          >
            {m.again}
          </Button>
        ) : null}
        <RouterButton variant={applied ? 'filled' : 'default'} to="/roadmap/programmes/$programmeId" params={{ programmeId }}>
          {m.back}
        </RouterButton>
      </Group>
    </Stack>
  );
}

function Names({ title, names }: { title: string; names: string[] }) {
  return (
    <div>
      <Text fw={500} size="sm">
        {title} ({names.length})
      </Text>
      <Text size="sm">{names.length ? names.join(', ') : m.none}</Text>
    </div>
  );
}

function ReportView({ report }: { report: ImportReport }) {
  const unrecognised = (report.items ?? []).filter((i) => !i.recognised);
  return (
    <Card withBorder component="section" aria-labelledby="roadmap-import-report" data-testid="roadmap-import-report">
      <Stack>
        <Title order={3} size="h4" id="roadmap-import-report">
          {report.dry_run ? m.dryRunTitle : m.resultTitle}
        </Title>
        <Text data-testid="roadmap-import-summary">
          {report.dry_run
            ? `${m.willCreate(report.created ?? 0)}, ${m.willUpdate(report.updated ?? 0)}, ${m.willKeep(report.unchanged ?? 0)}`
            : `${m.created(report.created ?? 0)}, ${m.updated(report.updated ?? 0)}, ${m.unchanged(report.unchanged ?? 0)}`}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <StatCard label={m.rows} value={report.rows} />
          <StatCard label={m.recognised} value={report.timeframes_recognised} />
          <StatCard label={m.unrecognised} value={report.timeframes_unrecognised} />
        </SimpleGrid>
        {report.errors?.length ? (
          <Alert color="red" title={m.errors}>
            <List size="sm">
              {report.errors.map((e) => (
                <List.Item key={e}>{e}</List.Item>
              ))}
            </List>
          </Alert>
        ) : null}
        {report.warnings?.length ? (
          <Alert color="yellow" title={m.warnings}>
            <List size="sm">
              {report.warnings.map((e) => (
                <List.Item key={e}>{e}</List.Item>
              ))}
            </List>
          </Alert>
        ) : null}
        <div>
          <Text fw={500}>{m.sections}</Text>
          <List size="sm">
            {report.sections.map((s) => (
              <List.Item key={s.number}>
                {s.number}. {s.title} — {s.activities}
                {s.task ? ` (${s.task})` : ''}
              </List.Item>
            ))}
          </List>
        </div>
        {unrecognised.length ? (
          <div>
            <Text fw={500}>{m.unrecognisedTitle}</Text>
            <Table.ScrollContainer minWidth={560}>
              <Table data-testid="roadmap-import-unrecognised">
                <Table.Tbody>
                  {unrecognised.map((i) => (
                    <Table.Tr key={`${i.line}-${i.number}`}>
                      <Table.Td>{i.number}</Table.Td>
                      <Table.Td>{i.title}</Table.Td>
                      <Table.Td>
                        <Badge color="red.9" variant="outline" style={{ textTransform: 'none' }}>
                          {i.timeframe_text}
                        </Badge>
                      </Table.Td>
                      <Table.Td>{i.reasons.join('; ')}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </div>
        ) : null}
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <Names title={m.peopleMatched} names={report.people_matched} />
          <Names title={m.peopleUnmatched} names={report.people_unmatched} />
          <Names title={m.orgsMatched} names={report.organizations_matched} />
          <Names title={m.orgsUnmatched} names={report.organizations_unmatched} />
        </SimpleGrid>
      </Stack>
    </Card>
  );
}
