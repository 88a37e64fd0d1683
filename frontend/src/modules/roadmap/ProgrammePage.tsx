import { useState } from 'react';
import { Badge, Button, Card, Group, Progress, Select, SimpleGrid, Stack, Table, Tabs, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { errorMessage } from '../../api/errors';
import { can } from '../../auth/permissions';
import { useMe } from '../../auth/useMe';
import { ArchiveModal } from '../../components/ArchiveModal';
import { InfoGrid } from '../../components/InfoGrid';
import { PageHeader } from '../../components/PageHeader';
import { RouterAnchor, RouterButton } from '../../components/RouterLinks';
import { ErrorState, LoadingState } from '../../components/states';
import { saveBlob } from '../../lib/download';
import { formatDate } from '../../lib/format';
import {
  archiveProgramme,
  exportProgramme,
  invalidateRoadmap,
  programmeActivitiesQuery,
  programmeQuery,
  progressQuery,
  timelineQuery,
  type Activity,
  type Programme,
  type ProgrammeExport,
  type SectionProgress,
} from './api';
import { academicYears, formatPercent, scheduleBadge, statusColor, statusLabel } from './logic';
import { t } from './messages';
import { ProgrammeFormModal } from './ProgrammeFormModal';
import { ProgrammeStatusBadge } from './ProgrammesPage';
import { RoadmapSectionNav } from './RoadmapSectionNav';
import type { ProgrammeSearch } from './routes';
import { Timeline } from './Timeline';

const m = t.roadmap;
const p = m.programme;

export function ProgrammePage({ id, search, onSearch }: { id: string; search: ProgrammeSearch; onSearch: (next: ProgrammeSearch) => void }) {
  const me = useMe();
  const query = useQuery(programmeQuery(id));
  if (query.isPending) return <LoadingState />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} notFoundTitle={p.notFound} />;
  const programme = query.data;
  const tab = search.tab ?? 'roadmap';
  return (
    <Stack>
      <PageHeader
        title={programme.title}
        actions={
          <>
            <ExportButton programmeId={id} kind="xlsx" label={p.exportXlsx} />
            <ExportButton programmeId={id} kind="docx" label={p.exportDocx} />
            {can(me, 'roadmap:write') ? <ProgrammeEditActions programme={programme} onReload={() => void query.refetch()} /> : null}
            {can(me, 'roadmap:write') && (programme.actions ?? []).includes('import') ? (
              <RouterButton to="/roadmap/programmes/$programmeId/import" params={{ programmeId: id }}>
                {p.import}
              </RouterButton>
            ) : null}
          </>
        }
      />
      <RoadmapSectionNav current={null} />
      <InfoGrid
        items={[
          { label: m.programmes.columns.status, value: <ProgrammeStatusBadge status={programme.status} /> },
          { label: p.period, value: `${formatDate(programme.period_start)} — ${formatDate(programme.period_end)}` },
          ...(programme.basis_text ? [{ label: p.basis, value: programme.basis_text }] : []),
          ...(programme.goal ? [{ label: p.goal, value: programme.goal }] : []),
          ...((programme.stages ?? []).length
            ? [
                {
                  label: p.stages,
                  value: (programme.stages ?? []).map((s) => `${s.title}: ${formatDate(s.starts_on)} — ${formatDate(s.ends_on)}`).join('; '),
                },
              ]
            : []),
        ]}
      />
      <Tabs value={tab} onChange={(v) => onSearch({ ...search, tab: (v as ProgrammeSearch['tab']) ?? 'roadmap' })} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="roadmap">{p.tabs.roadmap}</Tabs.Tab>
          <Tabs.Tab value="timeline">{p.tabs.timeline}</Tabs.Tab>
          <Tabs.Tab value="progress">{p.tabs.progress}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="roadmap" pt="md">
          <RoadmapTable programme={programme} />
        </Tabs.Panel>
        <Tabs.Panel value="timeline" pt="md">
          <TimelineTab programme={programme} year={search.year ?? null} onYear={(year) => onSearch({ ...search, tab: 'timeline', year: year ?? undefined })} />
        </Tabs.Panel>
        <Tabs.Panel value="progress" pt="md">
          <ProgressTab programmeId={id} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function ExportButton({ programmeId, kind, label }: { programmeId: string; kind: ProgrammeExport; label: string }) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <Stack gap={2}>
      <Button
        variant="default"
        loading={pending}
        onClick={async () => {
          setPending(true);
          setError(null);
          try {
            const file = await exportProgramme(programmeId, kind);
            saveBlob(file.blob, file.filename);
          } catch (e) {
            setError(errorMessage(e));
          } finally {
            setPending(false);
          }
        }}
      >
        {label}
      </Button>
      {error ? (
        <Text c="red" size="xs" role="alert">
          {error}
        </Text>
      ) : null}
    </Stack>
  );
}

export function ActivityStateBadge({ state }: { state: string }) {
  return (
    <Badge variant={state === 'overdue' ? 'filled' : 'outline'} color={statusColor(state)}>
      {statusLabel(state)}
    </Badge>
  );
}

export function ScheduleBadge({ activity }: { activity: Pick<Activity, 'schedule'> }) {
  const badge = scheduleBadge(activity.schedule);
  return (
    <Badge variant="outline" color={badge.color} style={{ textTransform: 'none' }}>
      {badge.label}
    </Badge>
  );
}

function RoadmapTable({ programme }: { programme: Programme }) {
  const query = useQuery(programmeActivitiesQuery(programme.id));
  if (query.isPending) return <LoadingState />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (!query.data.length) return <Text c="dimmed">{p.emptyRoadmap}</Text>;
  const bySection = new Map<string, Activity[]>();
  for (const a of query.data) bySection.set(a.section_id, [...(bySection.get(a.section_id) ?? []), a]);
  const c = p.columns;
  return (
    <Table.ScrollContainer minWidth={800}>
      <Table withTableBorder withColumnBorders data-testid="roadmap-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={60}>{c.number}</Table.Th>
            <Table.Th>{c.title}</Table.Th>
            <Table.Th w={220}>{c.timeframe}</Table.Th>
            <Table.Th w={220}>{c.responsible}</Table.Th>
            <Table.Th w={140}>{c.status}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        {(programme.sections ?? []).map((section) => (
          <Table.Tbody key={section.id}>
            <Table.Tr bg="var(--mantine-color-gray-light)">
              <Table.Th colSpan={5} scope="colgroup">
                <Text fw={700}>
                  {section.number}. {section.title}
                </Text>
                {section.task ? (
                  <Text size="sm">
                    {p.sectionTask}: {section.task}
                  </Text>
                ) : null}
              </Table.Th>
            </Table.Tr>
            {(bySection.get(section.id) ?? []).map((a) => (
              <Table.Tr key={a.id} data-testid="roadmap-row" data-state={a.state} bg={a.state === 'overdue' ? 'var(--mantine-color-red-light)' : undefined}>
                <Table.Td>{a.number}</Table.Td>
                <Table.Td>
                  <RouterAnchor to="/roadmap/activities/$activityId" params={{ activityId: a.id }}>
                    {a.title}
                  </RouterAnchor>
                </Table.Td>
                <Table.Td>
                  <Stack gap={4} align="flex-start">
                    <Text size="sm">{a.timeframe_text}</Text>
                    <ScheduleBadge activity={a} />
                  </Stack>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{a.responsible_text}</Text>
                </Table.Td>
                <Table.Td>
                  <Stack gap={4} align="flex-start">
                    <ActivityStateBadge state={a.state} />
                    {a.next_due_on ? <Text size="xs">{p.nextDue(formatDate(a.next_due_on))}</Text> : null}
                  </Stack>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        ))}
      </Table>
    </Table.ScrollContainer>
  );
}

function TimelineTab({ programme, year, onYear }: { programme: Programme; year: number | null; onYear: (year: number | null) => void }) {
  const query = useQuery(timelineQuery(programme.id, year));
  const years = academicYears(programme.period_start, programme.period_end);
  return (
    <Stack>
      <Select
        label={m.timeline.period}
        maw={320}
        allowDeselect={false}
        value={year ? String(year) : 'all'}
        onChange={(v) => onYear(v && v !== 'all' ? Number(v) : null)}
        data={[{ value: 'all', label: m.timeline.wholePeriod }, ...years.map((y) => ({ value: String(y), label: m.timeline.academicYear(y) }))]}
      />
      {query.isPending ? (
        <LoadingState />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <Timeline data={query.data} />
      )}
    </Stack>
  );
}

function ProgressTab({ programmeId }: { programmeId: string }) {
  const query = useQuery(progressQuery(programmeId));
  if (query.isPending) return <LoadingState />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const data = query.data;
  return (
    <Stack data-testid="roadmap-progress">
      <Text size="sm" c="dimmed">
        {m.progress.on(formatDate(data.on))}
        {data.needs_review ? ` · ${m.progress.needsReview(data.needs_review)}` : ''}
      </Text>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <SectionCard progress={data.total} title={m.progress.total} />
        {data.sections.map((s) => (
          <SectionCard key={s.section_id} progress={s} title={`${s.number}. ${s.title}`} />
        ))}
      </SimpleGrid>
    </Stack>
  );
}

function SectionCard({ progress, title }: { progress: SectionProgress; title: string }) {
  const counts = progress.occurrences;
  const entries = (['done', 'in_progress', 'planned', 'overdue', 'cancelled'] as const).filter((k) => counts[k]);
  return (
    <Card withBorder padding="md" component="section">
      <Title order={3} size="h5" mb={4}>
        {title}
      </Title>
      <Text size="sm">
        {progress.activities} {m.progress.activities} · {m.progress.done(formatPercent(progress.done_percent))}
        {progress.done_of_due_percent !== null && progress.done_of_due_percent !== undefined ? `, ${m.progress.doneOfDue(formatPercent(progress.done_of_due_percent))}` : ''}
      </Text>
      <Progress value={progress.done_percent ?? 0} mt="xs" aria-label={`${title}: ${m.progress.done(formatPercent(progress.done_percent))}`} />
      <Group gap="xs" mt="xs">
        {entries.map((k) => (
          <Badge key={k} variant="outline" color={statusColor(k)} style={{ textTransform: 'none' }}>
            {statusLabel(k)}: {counts[k]}
          </Badge>
        ))}
      </Group>
    </Card>
  );
}

/** «Изменить» (passport, period, status, stages) and «В архив» (with a reason) for those who write roadmaps. */
function ProgrammeEditActions({ programme, onReload }: { programme: Programme; onReload: () => void }) {
  const [editing, setEditing] = useState(false);
  const [archiving, setArchiving] = useState(false);
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const actions = programme.actions ?? [];
  const pf = m.programmeForm;
  return (
    <>
      {actions.includes('update') ? (
        <Button variant="default" onClick={() => setEditing(true)}>
          {pf.edit}
        </Button>
      ) : null}
      {actions.includes('archive') ? (
        <Button variant="default" color="red" onClick={() => setArchiving(true)}>
          {pf.archive}
        </Button>
      ) : null}
      <ProgrammeFormModal opened={editing} onClose={() => setEditing(false)} programme={programme} onReload={onReload} />
      <ArchiveModal
        opened={archiving}
        onClose={() => setArchiving(false)}
        title={pf.archiveTitle}
        text={pf.archiveText}
        onReload={onReload}
        onConfirm={async (reason) => {
          await archiveProgramme(programme, reason);
          notifications.show({ color: 'green', message: pf.archived });
          await invalidateRoadmap(queryClient);
          void navigate({ to: '/roadmap' });
        }}
      />
    </>
  );
}
