import { useState } from 'react';
import { Alert, Anchor, Button, Card, Group, List, Modal, Stack, Tabs, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { errorMessage, isStatus } from '../../api/errors';
import { can, canBrowseTeachers } from '../../auth/permissions';
import { useMe } from '../../auth/useMe';
import { ArchiveModal } from '../../components/ArchiveModal';
import { FileDownloadLink } from '../../components/FileDownloadLink';
import { InfoGrid } from '../../components/InfoGrid';
import { PageHeader } from '../../components/PageHeader';
import { RouterAnchor, RouterButton } from '../../components/RouterLinks';
import { ConflictAlert, ErrorState, LoadingState } from '../../components/states';
import { useDictionary } from '../../components/useDictionary';
import { archiveEvent, downloadEventMaterial, eventKeys, eventQuery, updateEvent, type EventRead, type EventStatus } from './api';
import { dateRange, timeRange, todayIso, whenText } from './calendar';
import { EventBadges, StatusBadge } from './EventBadges';
import { AwardsPanel } from './Awards';
import { t } from './messages';
import { ParticipantsPanel } from './Participants';

const e = t.events;
const c = e.card;

export type EventTab = 'details' | 'participants' | 'awards';

type CardProps = { eventId: string; tab?: EventTab; onTab?: (tab: EventTab) => void };

export function EventCard({ eventId, tab = 'details', onTab }: CardProps) {
  const query = useQuery(eventQuery(eventId));
  if (query.isPending) return <LoadingState />;
  if (query.isError) {
    return (
      <Stack>
        <BackLink />
        <ErrorState error={query.error} onRetry={() => void query.refetch()} notFoundTitle={e.notFound} notFoundHint={e.notFoundHint} />
      </Stack>
    );
  }
  return (
    <EventCardView
      event={query.data.data}
      etag={query.data.etag}
      onReload={() => void query.refetch()}
      tab={tab}
      onTab={onTab}
    />
  );
}

function BackLink() {
  return (
    <RouterAnchor to="/events" size="sm">
      ← {c.backToCalendar}
    </RouterAnchor>
  );
}

type ViewProps = {
  event: EventRead;
  etag: string | null;
  onReload: () => void;
  tab: EventTab;
  onTab?: (tab: EventTab) => void;
};

function EventCardView({ event, etag, onReload, tab, onTab }: ViewProps) {
  const me = useMe();
  const queryClient = useQueryClient();
  const positions = useDictionary('positions');
  const subjects = useDictionary('subjects');
  const areas = useDictionary('competenceAreas');
  const [archiveOpened, archiveModal] = useDisclosure(false);
  const [cancelOpened, cancelModal] = useDisclosure(false);
  const [conflict, setConflict] = useState(false);
  const [pending, setPending] = useState<EventStatus | null>(null);
  // What this caller may do with this event, as the API computed it with the rules of the writes.
  const actions = event.actions ?? [];
  const canEdit = actions.includes('update');
  const canArchive = actions.includes('archive');
  const teachersLinked = canBrowseTeachers(me);
  const showParticipants = can(me, 'participations:read');
  const showAwards = can(me, 'awards:read');
  const tabbed = showParticipants || showAwards;
  const people = event.responsible_people ?? [];
  const responsibleOrgs = event.responsible_organizations ?? [];
  const materials = event.materials ?? [];

  async function setStatus(status: EventStatus, done: string) {
    setPending(status);
    setConflict(false);
    try {
      // The version on screen: a change made meanwhile by someone else answers 412, never overwritten.
      const saved = await updateEvent(event.id, etag, { status });
      queryClient.setQueryData(eventQuery(event.id).queryKey, saved);
      void queryClient.invalidateQueries({ queryKey: eventKeys.all, refetchType: 'none' });
      notifications.show({ color: 'green', message: done });
      cancelModal.close();
    } catch (error) {
      if (isStatus(error, 412)) setConflict(true);
      else notifications.show({ color: 'red', message: errorMessage(error) });
      cancelModal.close();
    } finally {
      setPending(null);
    }
  }

  const started = event.start_date <= todayIso();
  const statusActions = canEdit ? (
    <>
      {event.status === 'planned' && started ? (
        <Button variant="light" color="green" loading={pending === 'held'} onClick={() => void setStatus('held', e.actions.markedHeld)}>
          {e.actions.markHeld}
        </Button>
      ) : null}
      {event.status === 'planned' ? (
        <Button variant="light" color="orange" onClick={cancelModal.open}>
          {e.actions.cancel}
        </Button>
      ) : null}
      {event.status !== 'planned' ? (
        <Button variant="subtle" loading={pending === 'planned'} onClick={() => void setStatus('planned', e.actions.restored)}>
          {e.actions.restore}
        </Button>
      ) : null}
    </>
  ) : null;

  const time = timeRange(event.start_time, event.end_time);
  const organizer = event.organizer_organization_id ? (
    <RouterAnchor to="/organizations/$organizationId" params={{ organizationId: event.organizer_organization_id }} size="sm">
      {event.organizer_organization_name ?? t.common.emptyValue}
    </RouterAnchor>
  ) : (
    (event.organizer_name ?? t.common.emptyValue)
  );

  const details = (
    <Stack>
      <Card withBorder component="section" aria-labelledby="event-main">
        <Title order={3} size="h4" mb="sm" id="event-main">
          {c.main}
        </Title>
        <InfoGrid
          items={[
            { label: c.type, value: e.types[event.type] ?? event.type },
            { label: c.level, value: e.levels[event.level] ?? event.level },
            { label: c.format, value: e.formats[event.format] ?? event.format },
            { label: c.status, value: <StatusBadge status={event.status} /> },
            { label: c.date, value: <span data-testid="event-date">{dateRange(event.start_date, event.end_date)}</span> },
            { label: c.time, value: time || t.common.emptyValue },
            { label: c.place, value: event.place ?? t.common.emptyValue },
            {
              label: c.url,
              value: event.url ? (
                <Anchor href={event.url} target="_blank" rel="noopener noreferrer" size="sm" style={{ wordBreak: 'break-all' }}>
                  {event.url}
                </Anchor>
              ) : (
                t.common.emptyValue
              ),
            },
            { label: c.organizer, value: organizer },
            { label: c.owner, value: event.owner_organization_name ?? c.ownerMunicipal },
            {
              label: c.series,
              value: event.series_id ? (
                <RouterAnchor to="/event-series/$seriesId" params={{ seriesId: event.series_id }} size="sm" data-testid="event-series-link">
                  {event.series_title ?? t.common.emptyValue}
                </RouterAnchor>
              ) : (
                t.common.emptyValue
              ),
            },
            ...(event.series_id ? [{ label: c.sessionNumber, value: event.session_number ?? t.common.emptyValue }] : []),
            { label: c.participantCount, value: event.participant_count },
          ]}
        />
      </Card>

      {event.content ? (
        <Card withBorder component="section" aria-labelledby="event-content">
          <Title order={3} size="h4" mb="sm" id="event-content">
            {c.content}
          </Title>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {event.content}
          </Text>
        </Card>
      ) : null}

      <Card withBorder component="section" aria-labelledby="event-audience">
        <Title order={3} size="h4" mb="sm" id="event-audience">
          {c.audience}
        </Title>
        <InfoGrid
          items={[
            {
              label: c.audiencePositions,
              value: event.audience_positions.length ? event.audience_positions.map((p) => positions.name(p)).join(', ') : t.common.emptyValue,
            },
            {
              label: c.audienceSubjects,
              value: event.audience_subjects.length ? event.audience_subjects.map((s) => subjects.name(s)).join(', ') : t.common.emptyValue,
            },
            { label: c.audienceYoung, value: event.audience_young ? t.common.yes : t.common.no },
            {
              label: c.competenceAreas,
              value: event.competence_areas?.length ? event.competence_areas.map((a) => areas.name(a)).join(', ') : t.common.emptyValue,
            },
            ...(event.audience_note ? [{ label: c.audienceNote, value: event.audience_note }] : []),
          ]}
        />
      </Card>

      <Card withBorder component="section" aria-labelledby="event-responsible">
        <Title order={3} size="h4" mb="sm" id="event-responsible">
          {c.responsiblePeople}
        </Title>
        <Stack gap="md">
          {people.length === 0 && responsibleOrgs.length === 0 ? (
            <Text size="sm" c="dimmed">
              {c.noResponsible}
            </Text>
          ) : null}
          {people.length ? (
            <List size="sm" spacing={4} data-testid="event-responsible-people">
              {people.map((p, i) => (
                <List.Item key={`${p.teacher_id ?? p.user_id ?? p.name}-${i}`}>
                  {p.teacher_id && teachersLinked ? (
                    <RouterAnchor to="/teachers/$teacherId" params={{ teacherId: p.teacher_id }} size="sm">
                      {p.name}
                    </RouterAnchor>
                  ) : (
                    p.name
                  )}
                  {p.note ? `, ${p.note}` : ''}
                </List.Item>
              ))}
            </List>
          ) : null}
          {responsibleOrgs.length ? (
            <Stack gap={4}>
              <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
                {c.responsibleOrganizations}
              </Text>
              <List size="sm" spacing={4} data-testid="event-responsible-organizations">
                {responsibleOrgs.map((o) => (
                  <List.Item key={o.organization_id}>
                    <RouterAnchor to="/organizations/$organizationId" params={{ organizationId: o.organization_id }} size="sm">
                      {o.organization_name ?? t.common.emptyValue}
                    </RouterAnchor>
                    {o.note ? ` — ${o.note}` : ''}
                  </List.Item>
                ))}
              </List>
            </Stack>
          ) : null}
        </Stack>
      </Card>

      <Card withBorder component="section" aria-labelledby="event-materials">
        <Title order={3} size="h4" mb="sm" id="event-materials">
          {c.materials}
        </Title>
        {materials.length ? (
          <List size="sm" spacing={4} data-testid="event-materials">
            {materials.map((m) => (
              <List.Item key={m.id}>
                {m.url ? (
                  <Anchor href={m.url} target="_blank" rel="noopener noreferrer" size="sm">
                    {m.title}
                  </Anchor>
                ) : m.file_id ? (
                  <FileDownloadLink title={m.title} download={() => downloadEventMaterial(m.id)} />
                ) : (
                  m.title
                )}
              </List.Item>
            ))}
          </List>
        ) : (
          <Text size="sm" c="dimmed">
            {c.noMaterials}
          </Text>
        )}
      </Card>
    </Stack>
  );

  return (
    <Stack>
      <BackLink />
      <PageHeader
        documentTitle={event.title}
        title={<span data-testid="event-title">{event.title}</span>}
        description={whenText(event)}
        actions={
          canEdit || canArchive ? (
            <>
              {statusActions}
              {canEdit ? (
                <RouterButton to="/events/$eventId/edit" params={{ eventId: event.id }}>
                  {t.common.edit}
                </RouterButton>
              ) : null}
              {canArchive ? (
                <Button variant="light" color="red" onClick={archiveModal.open}>
                  {t.common.archive}
                </Button>
              ) : null}
            </>
          ) : null
        }
      />
      <EventBadges event={event} />
      {conflict ? (
        <ConflictAlert
          onReload={() => {
            setConflict(false);
            onReload();
          }}
        />
      ) : null}
      {event.archived_at ? <Alert color="gray">{c.archivedReason(event.archive_reason ?? t.common.emptyValue)}</Alert> : null}

      {tabbed ? (
        <Tabs value={tab} onChange={(v) => onTab?.((v as EventTab | null) ?? 'details')} keepMounted={false}>
          <Tabs.List aria-label={e.participants.tabs}>
            <Tabs.Tab value="details">{e.participants.detailsTab}</Tabs.Tab>
            {showParticipants ? <Tabs.Tab value="participants">{e.participants.tabCount(event.participant_count)}</Tabs.Tab> : null}
            {showAwards ? <Tabs.Tab value="awards">{e.participants.awardsTab}</Tabs.Tab> : null}
          </Tabs.List>
          <Tabs.Panel value="details" pt="md">
            {details}
          </Tabs.Panel>
          {showParticipants ? (
            <Tabs.Panel value="participants" pt="md">
              <ParticipantsPanel event={event} />
            </Tabs.Panel>
          ) : null}
          {showAwards ? (
            <Tabs.Panel value="awards" pt="md">
              <AwardsPanel eventId={event.id} canAward={actions.includes('award')} />
            </Tabs.Panel>
          ) : null}
        </Tabs>
      ) : (
        details
      )}

      {canArchive ? (
        <ArchiveModal
          opened={archiveOpened}
          onClose={archiveModal.close}
          title={e.actions.archiveTitle}
          text={e.actions.archiveText(event.title)}
          placeholder={e.actions.archivePlaceholder}
          onReload={onReload}
          onConfirm={async (reason) => {
            const saved = await archiveEvent(event.id, etag, reason);
            queryClient.setQueryData(eventQuery(event.id).queryKey, saved);
            archiveModal.close();
            notifications.show({ color: 'green', message: e.actions.archived });
            void queryClient.invalidateQueries({ queryKey: eventKeys.all, refetchType: 'none' });
            return saved;
          }}
        />
      ) : null}
      <Modal opened={cancelOpened} onClose={cancelModal.close} title={e.actions.cancelTitle} centered>
        <Stack>
          <Text size="sm">{e.actions.cancelText(event.title)}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={cancelModal.close} data-autofocus>
              {e.actions.keep}
            </Button>
            <Button color="orange" loading={pending === 'cancelled'} onClick={() => void setStatus('cancelled', e.actions.cancelled)}>
              {e.actions.cancelConfirm}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
