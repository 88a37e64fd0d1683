import { Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { municipalitiesQuery, organizationOptionsQuery } from '../../api/queries';
import { ownMunicipalityId, reachOf, type Me } from '../../auth/permissions';
import { useMe } from '../../auth/useMe';
import { PageHeader } from '../../components/PageHeader';
import { RouterAnchor } from '../../components/RouterLinks';
import { ErrorState, LoadingState } from '../../components/states';
import { createEvent, eventKeys, eventQuery, seriesQuery, updateEvent } from './api';
import { EventForm, type Choice } from './EventForm';
import { emptyEventForm, eventToForm, sessionPreset, toCreateBody, toUpdateBody, type EventFormValues } from './eventForm';
import { t } from './messages';
import type { EventCreateSearch } from './routes';
import { EVENT_LEVELS } from './search';

const e = t.events;

/** A writer whose right reaches only their school records for it, at any level but municipal (the API's rule). */
export function schoolWriter(me: Me): boolean {
  return reachOf(me, 'events:write') === 'organization';
}

export function writableLevels(me: Me): readonly string[] {
  return schoolWriter(me) ? EVENT_LEVELS.filter((l) => l !== 'municipal') : EVENT_LEVELS;
}

/** The create-only choices of this writer: municipalities (when more than one) and own schools. */
export function useCreateChoices(me: Me): { municipalities: Choice[]; ownerSchools: Choice[]; ready: boolean } {
  const many = reachOf(me, 'events:write') === 'all' || me.municipality_ids.length > 1;
  const municipalities = useQuery({ ...municipalitiesQuery, enabled: many });
  const organizations = useQuery({ ...organizationOptionsQuery, enabled: schoolWriter(me) });
  const names = new Map((organizations.data ?? []).map((o) => [o.id, o.short_name]));
  return {
    municipalities: many
      ? (municipalities.data ?? [])
          .filter((m) => reachOf(me, 'events:write') === 'all' || me.municipality_ids.includes(m.id))
          .map((m) => ({ value: m.id, label: m.name }))
      : [],
    ownerSchools: schoolWriter(me) ? (me.organization_ids ?? []).map((id) => ({ value: id, label: names.get(id) ?? id })) : [],
    ready: !(many && municipalities.isPending),
  };
}

export function EventCreatePage({ preset }: { preset: EventCreateSearch }) {
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const series = useQuery({ ...seriesQuery(preset.series ?? ''), enabled: Boolean(preset.series) });
  const choices = useCreateChoices(me);
  const levels = writableLevels(me);
  const defaultLevel = schoolWriter(me) ? 'school' : 'municipal';

  if (preset.series && series.isPending) return <LoadingState />;
  if (preset.series && series.isError) return <ErrorState error={series.error} onRetry={() => void series.refetch()} />;

  const seriesRecord = preset.series ? series.data?.data : undefined;
  const base: Partial<EventFormValues> = {
    municipality_id: ownMunicipalityId(me),
    owner_organization_id: schoolWriter(me) ? (me.organization_ids?.[0] ?? null) : null,
    level: defaultLevel,
    type: preset.type ?? null,
    start_date: preset.date ?? null,
  };
  const defaults = emptyEventForm(seriesRecord ? { ...base, ...sessionPreset(seriesRecord, defaultLevel, preset.date ?? null) } : base);
  const title = seriesRecord ? e.form.sessionTitle : e.form.createTitle;

  return (
    <Stack>
      {seriesRecord ? (
        <RouterAnchor to="/event-series/$seriesId" params={{ seriesId: seriesRecord.id }} size="sm">
          ← {seriesRecord.title}
        </RouterAnchor>
      ) : (
        <RouterAnchor to="/events" size="sm">
          ← {e.card.backToCalendar}
        </RouterAnchor>
      )}
      <PageHeader title={title} description={seriesRecord?.title} />
      {choices.ready ? (
        <EventForm
          title={title}
          defaultValues={defaults}
          municipalities={choices.municipalities}
          ownerSchools={choices.ownerSchools}
          levels={levels}
          submitLabel={t.common.create}
          onCancel={() =>
            void (seriesRecord
              ? navigate({ to: '/event-series/$seriesId', params: { seriesId: seriesRecord.id } })
              : navigate({ to: '/events' }))
          }
          onSubmit={async (values) => {
            const created = await createEvent(toCreateBody(values));
            notifications.show({ color: 'green', message: e.created });
            await queryClient.invalidateQueries({ queryKey: eventKeys.all });
            await navigate({ to: '/events/$eventId', params: { eventId: created.id } });
          }}
        />
      ) : (
        <LoadingState />
      )}
    </Stack>
  );
}

export function EventEditPage({ eventId }: { eventId: string }) {
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const query = useQuery(eventQuery(eventId));
  const toCard = () => navigate({ to: '/events/$eventId', params: { eventId } });

  if (query.isPending) return <LoadingState />;
  if (query.isError) {
    return <ErrorState error={query.error} onRetry={() => void query.refetch()} notFoundTitle={e.notFound} notFoundHint={e.notFoundHint} />;
  }
  const { data: event, etag } = query.data;
  const initial = eventToForm(event);
  const levels = writableLevels(me);
  return (
    <Stack>
      <RouterAnchor to="/events/$eventId" params={{ eventId }} size="sm">
        ← {event.title}
      </RouterAnchor>
      <PageHeader title={e.form.editTitle} description={event.title} />
      <EventForm
        // A new version (after «Обновить») remounts the form with fresh values.
        key={etag ?? event.version}
        title={e.form.editTitle}
        defaultValues={initial}
        levels={EVENT_LEVELS.filter((l) => levels.includes(l) || l === event.level)}
        onCancel={() => void toCard()}
        onReload={() => void query.refetch()}
        onSubmit={async (values) => {
          const body = toUpdateBody(values, initial);
          if (Object.keys(body).length > 0) {
            const saved = await updateEvent(eventId, etag, body);
            queryClient.setQueryData(eventQuery(eventId).queryKey, saved);
            await queryClient.invalidateQueries({ queryKey: eventKeys.all, refetchType: 'none' });
            notifications.show({ color: 'green', message: t.common.saved });
          }
          await toCard();
        }}
      />
    </Stack>
  );
}
