import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { appRoute, perm, requirePermission, RouteError, UUID_RE } from '../../app/routeKit';
import { oneOf, str } from '../../lib/search';
import { parseEventsSearch, parseSeriesSearch } from './search';

const pages = () => import('./pages');

export const eventsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/events',
  validateSearch: parseEventsSearch,
  beforeLoad: ({ context }) => requirePermission(context.me, perm('events:read')),
  errorComponent: RouteError,
  component: lazyRouteComponent(pages, 'EventsRoute'),
});

/** «Добавить занятие» of a series opens this form with the series and the type of a session preset. */
export type EventCreateSearch = { series?: string; type?: 'pds_session'; date?: string };

export const eventCreateRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/events/new',
  validateSearch: (raw: Record<string, unknown>): EventCreateSearch => {
    const series = str(raw.series);
    const date = str(raw.date);
    const out: EventCreateSearch = {};
    if (series && UUID_RE.test(series)) out.series = series;
    const type = oneOf(raw.type, ['pds_session'] as const);
    if (type) out.type = type;
    if (date && /^\d{4}-\d{2}-\d{2}$/.test(date)) out.date = date;
    return out;
  },
  beforeLoad: ({ context }) => requirePermission(context.me, perm('events:write')),
  errorComponent: RouteError,
  component: lazyRouteComponent(pages, 'EventCreateRoute'),
});

export const eventRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/events/$eventId',
  validateSearch: (raw: Record<string, unknown>): { tab?: 'participants' | 'awards' } => {
    const tab = oneOf(raw.tab, ['participants', 'awards'] as const);
    return tab ? { tab } : {};
  },
  beforeLoad: ({ context }) => requirePermission(context.me, perm('events:read')),
  errorComponent: RouteError,
  component: lazyRouteComponent(pages, 'EventRoute'),
});

export const eventEditRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/events/$eventId/edit',
  beforeLoad: ({ context }) => requirePermission(context.me, perm('events:write')),
  errorComponent: RouteError,
  component: lazyRouteComponent(pages, 'EventEditRoute'),
});

export const seriesListRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/event-series',
  validateSearch: parseSeriesSearch,
  beforeLoad: ({ context }) => requirePermission(context.me, perm('events:read')),
  errorComponent: RouteError,
  component: lazyRouteComponent(pages, 'SeriesListRoute'),
});

export const seriesCreateRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/event-series/new',
  beforeLoad: ({ context }) => requirePermission(context.me, perm('events:write')),
  errorComponent: RouteError,
  component: lazyRouteComponent(pages, 'SeriesCreateRoute'),
});

export const seriesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/event-series/$seriesId',
  beforeLoad: ({ context }) => requirePermission(context.me, perm('events:read')),
  errorComponent: RouteError,
  component: lazyRouteComponent(pages, 'SeriesRoute'),
});

export const seriesEditRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/event-series/$seriesId/edit',
  beforeLoad: ({ context }) => requirePermission(context.me, perm('events:write')),
  errorComponent: RouteError,
  component: lazyRouteComponent(pages, 'SeriesEditRoute'),
});

export const eventRoutes = [
  eventsRoute,
  eventCreateRoute,
  eventRoute,
  eventEditRoute,
  seriesListRoute,
  seriesCreateRoute,
  seriesRoute,
  seriesEditRoute,
] as const;
