/** Lazily loaded entry of the events module (its own chunk). */
import { useNavigate } from '@tanstack/react-router';
import { EventCard } from './EventCard';
import { EventCreatePage, EventEditPage } from './EventEditPages';
import { EventsPage } from './EventsPage';
import { eventCreateRoute, eventEditRoute, eventRoute, eventsRoute, seriesEditRoute, seriesListRoute, seriesRoute } from './routes';
import { SeriesCard, SeriesEditPage, SeriesListPage } from './SeriesPages';

export { SeriesCreatePage as SeriesCreateRoute } from './SeriesPages';

export function EventsRoute() {
  const search = eventsRoute.useSearch();
  const navigate = useNavigate({ from: '/events' });
  return <EventsPage search={search} onSearch={(next) => void navigate({ search: next, replace: true })} />;
}

export function EventCreateRoute() {
  const preset = eventCreateRoute.useSearch();
  return <EventCreatePage key={`${preset.series ?? ''}-${preset.date ?? ''}`} preset={preset} />;
}

export function EventRoute() {
  const { eventId } = eventRoute.useParams();
  const { tab } = eventRoute.useSearch();
  const navigate = useNavigate({ from: '/events/$eventId' });
  return (
    <EventCard
      key={eventId}
      eventId={eventId}
      tab={tab ?? 'details'}
      onTab={(next) => void navigate({ search: next === 'details' ? {} : { tab: next }, replace: true })}
    />
  );
}

export function EventEditRoute() {
  const { eventId } = eventEditRoute.useParams();
  return <EventEditPage key={eventId} eventId={eventId} />;
}

export function SeriesListRoute() {
  const search = seriesListRoute.useSearch();
  const navigate = useNavigate({ from: '/event-series' });
  return <SeriesListPage search={search} onSearch={(next) => void navigate({ search: next, replace: true })} />;
}

export function SeriesRoute() {
  const { seriesId } = seriesRoute.useParams();
  return <SeriesCard key={seriesId} seriesId={seriesId} />;
}

export function SeriesEditRoute() {
  const { seriesId } = seriesEditRoute.useParams();
  return <SeriesEditPage key={seriesId} seriesId={seriesId} />;
}
