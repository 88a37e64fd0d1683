import { useState } from 'react';
import { Alert, Badge, Button, Card, Group, List, Modal, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '../../api/errors';
import { FileDownloadLink } from '../../components/FileDownloadLink';
import { InfoGrid } from '../../components/InfoGrid';
import { PageHeader } from '../../components/PageHeader';
import { RouterAnchor } from '../../components/RouterLinks';
import { ErrorState, LoadingState } from '../../components/states';
import { formatDate } from '../../lib/format';
import { activityQuery, downloadFile, invalidateRoadmap, updateActivity, updateOccurrence, type Activity, type Occurrence, type OccurrenceStatus, type RoadmapReport } from './api';
import { currentOccurrence, statusColor, statusLabel } from './logic';
import { t } from './messages';
import { ActivityStateBadge, ScheduleBadge } from './ProgrammePage';
import { RoadmapSectionNav } from './RoadmapSectionNav';
import { ReportModal } from './ReportModal';
import { ScheduleModal } from './ScheduleModal';

const m = t.roadmap.activity;
const OCC_STATUSES: OccurrenceStatus[] = ['planned', 'in_progress', 'done', 'overdue', 'cancelled'];

export function ActivityPage({ id }: { id: string }) {
  const queryClient = useQueryClient();
  const query = useQuery(activityQuery(id));
  const [scheduling, setScheduling] = useState(false);
  const [editingKpi, setEditingKpi] = useState(false);
  const [reporting, setReporting] = useState<Occurrence | null>(null);
  if (query.isPending) return <LoadingState />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} notFoundTitle={m.notFound} />;
  const a = query.data;
  const writer = (a.actions ?? []).includes('update');
  const refresh = () => invalidateRoadmap(queryClient);
  const current = currentOccurrence(a.occurrences ?? [], new Date().toISOString().slice(0, 10));
  return (
    <Stack>
      <PageHeader
        title={`${a.number} ${a.title}`}
        documentTitle={a.title}
        actions={
          writer ? (
            <>
              <Button variant={a.schedule.needs_review ? 'filled' : 'default'} onClick={() => setScheduling(true)}>
                {m.setSchedule}
              </Button>
              <Button variant="default" onClick={() => setEditingKpi(true)}>
                {m.editKpi}
              </Button>
            </>
          ) : null
        }
      />
      <RoadmapSectionNav current={null} />
      <InfoGrid
        items={[
          {
            label: m.programme,
            value: (
              <RouterAnchor to="/roadmap/programmes/$programmeId" params={{ programmeId: a.programme_id }}>
                {a.programme_title ?? a.programme_id}
              </RouterAnchor>
            ),
          },
          { label: m.section, value: `${a.section_number ?? ''}. ${a.section_title ?? ''}` },
          {
            label: m.timeframe,
            value: (
              <Stack gap={4} align="flex-start">
                <Text size="sm">{a.timeframe_text}</Text>
                <ScheduleBadge activity={a} />
              </Stack>
            ),
          },
          { label: t.roadmap.lists.columns.state, value: <ActivityStateBadge state={a.state ?? 'unscheduled'} /> },
          {
            label: m.responsible,
            value: (
              <Stack gap={2}>
                <Text size="sm">{a.responsible_text}</Text>
                {a.responsibles.filter((r) => r.name).length ? (
                  <Text size="xs" c="dimmed">
                    {a.responsibles
                      .filter((r) => r.name)
                      .map((r) => r.name)
                      .join(', ')}
                  </Text>
                ) : null}
              </Stack>
            ),
          },
          { label: m.kpi, value: a.kpi_codes.length ? a.kpi_codes.join(', ') : t.common.emptyValue },
        ]}
      />
      {a.schedule.needs_review && a.schedule.reasons?.length ? (
        <Alert color="orange" title={m.reasons}>
          {a.schedule.reasons.join('; ')}
        </Alert>
      ) : null}
      <Card withBorder component="section" aria-labelledby="roadmap-occurrences">
        <Title order={3} size="h4" id="roadmap-occurrences" mb="sm">
          {m.occurrences}
        </Title>
        {a.occurrences?.length ? (
          <Stack gap="md">
            {a.occurrences.map((o) => (
              <OccurrenceBlock key={o.id} occurrence={o} current={o.id === current?.id} onChanged={refresh} onReport={() => setReporting(o)} />
            ))}
          </Stack>
        ) : (
          <Text c="dimmed">{m.noOccurrences}</Text>
        )}
      </Card>
      <ScheduleModal activity={scheduling ? a : null} onClose={() => setScheduling(false)} onSaved={refresh} />
      <Modal opened={editingKpi} onClose={() => setEditingKpi(false)} title={m.editKpi} closeButtonProps={{ 'aria-label': t.common.close }}>
        {editingKpi ? <KpiForm activity={a} onClose={() => setEditingKpi(false)} onSaved={refresh} /> : null}
      </Modal>
      <ReportModal occurrence={reporting} onClose={() => setReporting(null)} onSaved={refresh} />
    </Stack>
  );
}

function OccurrenceBlock({ occurrence: o, current, onChanged, onReport }: { occurrence: Occurrence; current: boolean; onChanged: () => Promise<void>; onReport: () => void }) {
  const [pending, setPending] = useState(false);
  const can = o.actions ?? [];
  async function setStatus(status: OccurrenceStatus) {
    setPending(true);
    try {
      await updateOccurrence(o, status);
      notifications.show({ color: 'green', message: m.statusSaved });
      await onChanged();
    } catch (e) {
      notifications.show({ color: 'red', message: errorMessage(e) });
    } finally {
      setPending(false);
    }
  }
  return (
    <Card withBorder padding="sm" data-testid="roadmap-occurrence" data-status={o.status} bg={o.status === 'overdue' ? 'var(--mantine-color-red-light)' : undefined}>
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Group gap="sm">
          <Text fw={500}>
            {formatDate(o.starts_on)} — {formatDate(o.due_on)}
          </Text>
          <Badge color={statusColor(o.status)} variant={o.status === 'overdue' ? 'filled' : 'outline'} data-testid="occurrence-status">
            {statusLabel(o.status)}
          </Badge>
          {o.done_on ? <Text size="sm">{m.doneOn(formatDate(o.done_on))}</Text> : null}
          {current ? (
            <Text size="sm" fw={700}>
              {m.current}
            </Text>
          ) : null}
        </Group>
        <Group gap="xs">
          {can.includes('update') ? (
            <Select
              aria-label={`${m.changeStatus}: ${formatDate(o.due_on)}`}
              size="xs"
              w={180}
              value={o.status}
              disabled={pending}
              allowDeselect={false}
              onChange={(v) => v && v !== o.status && void setStatus(v as OccurrenceStatus)}
              data={OCC_STATUSES.map((s) => ({ value: s, label: statusLabel(s) }))}
            />
          ) : null}
          {can.includes('update') && o.status !== 'done' ? (
            <Button size="xs" variant="outline" color="teal.9" loading={pending} onClick={() => void setStatus('done')}>
              {m.markDone}
            </Button>
          ) : null}
          {can.includes('report') ? (
            <Button size="xs" onClick={onReport}>
              {m.report}
            </Button>
          ) : null}
        </Group>
      </Group>
      {o.reports?.length ? (
        <Stack gap="xs" mt="sm">
          <Text size="sm" fw={500}>
            {m.reports}
          </Text>
          {o.reports.map((r) => (
            <ReportView key={r.id} report={r} />
          ))}
        </Stack>
      ) : null}
    </Card>
  );
}

function ReportView({ report: r }: { report: RoadmapReport }) {
  const kinds = t.roadmap.reportForm.kinds;
  return (
    <div data-testid="roadmap-report">
      <Text size="sm">
        <b>{formatDate(r.reported_on)}</b> {r.text} {r.author_name ? m.by(r.author_name) : ''}
      </Text>
      {r.links.length || r.records.length || r.file_ids.length ? (
        <List size="sm" spacing={2}>
          {r.records.map((rec) => (
            <List.Item key={`${rec.kind}-${rec.id}`}>
              {kinds[rec.kind] ?? rec.kind}:{' '}
              {rec.kind === 'event' ? (
                <RouterAnchor to="/events/$eventId" params={{ eventId: rec.id }} size="sm">
                  {rec.title ?? rec.id}
                </RouterAnchor>
              ) : (
                (rec.title ?? rec.id)
              )}
            </List.Item>
          ))}
          {r.links.map((link) => (
            <List.Item key={link}>
              {t.roadmap.reportForm.link}:{' '}
              <a href={link} target="_blank" rel="noopener noreferrer">
                {link}
              </a>
            </List.Item>
          ))}
          {r.file_ids.map((fid, i) => (
            <List.Item key={fid}>
              <FileDownloadLink title={`${t.roadmap.reportForm.file} ${i + 1}`} download={() => downloadFile(fid)} />
            </List.Item>
          ))}
        </List>
      ) : null}
    </div>
  );
}

function KpiForm({ activity, onClose, onSaved }: { activity: Activity; onClose: () => void; onSaved: () => Promise<void> }) {
  const [codes, setCodes] = useState(activity.kpi_codes.join(', '));
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  async function submit() {
    setPending(true);
    setError(null);
    try {
      const list = codes
        .split(/[,;\s]+/)
        .map((c) => c.trim().toUpperCase())
        .filter(Boolean);
      await updateActivity(activity, { kpi_codes: list });
      notifications.show({ color: 'green', message: m.kpiSaved });
      await onSaved();
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setPending(false);
    }
  }
  return (
    <Stack>
      <TextInput label={m.kpiCodes} value={codes} onChange={(e) => setCodes(e.currentTarget.value)} error={error} />
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
