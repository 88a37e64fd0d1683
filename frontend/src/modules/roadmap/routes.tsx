import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { appRoute, perm, requirePermission, RouteError } from '../../app/routeKit';

const pages = () => import('./pages');

const offsetOf = (raw: Record<string, unknown>) => {
  const n = Number(raw.offset);
  return Number.isInteger(n) && n > 0 ? n : undefined;
};

export type ListSearch = { offset?: number };
export type ProgrammeSearch = { tab?: 'roadmap' | 'timeline' | 'progress'; year?: number };

const parseList = (raw: Record<string, unknown>): ListSearch => ({ offset: offsetOf(raw) });
function parseProgramme(raw: Record<string, unknown>): ProgrammeSearch {
  const tab = raw.tab === 'timeline' || raw.tab === 'progress' || raw.tab === 'roadmap' ? raw.tab : undefined;
  const year = Number(raw.year);
  return { tab, year: Number.isInteger(year) && year >= 2000 && year <= 2100 ? year : undefined };
}

export const programmesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/roadmap',
  validateSearch: parseList,
  beforeLoad: ({ context }) => requirePermission(context.me, perm('roadmap:read')),
  errorComponent: RouteError,
  component: lazyRouteComponent(pages, 'ProgrammesRoute'),
});

export const myActivitiesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/roadmap/my',
  validateSearch: parseList,
  beforeLoad: ({ context }) => requirePermission(context.me, perm('roadmap:read')),
  errorComponent: RouteError,
  component: lazyRouteComponent(pages, 'MyActivitiesRoute'),
});

export const dueActivitiesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/roadmap/due',
  beforeLoad: ({ context }) => requirePermission(context.me, perm('roadmap:read')),
  errorComponent: RouteError,
  component: lazyRouteComponent(pages, 'DueActivitiesRoute'),
});

export const programmeRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/roadmap/programmes/$programmeId',
  validateSearch: parseProgramme,
  beforeLoad: ({ context }) => requirePermission(context.me, perm('roadmap:read')),
  errorComponent: RouteError,
  component: lazyRouteComponent(pages, 'ProgrammeRoute'),
});

export const programmeImportRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/roadmap/programmes/$programmeId/import',
  beforeLoad: ({ context }) => requirePermission(context.me, perm('roadmap:write')),
  errorComponent: RouteError,
  component: lazyRouteComponent(pages, 'ProgrammeImportRoute'),
});

export const activityRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/roadmap/activities/$activityId',
  beforeLoad: ({ context }) => requirePermission(context.me, perm('roadmap:read')),
  errorComponent: RouteError,
  component: lazyRouteComponent(pages, 'ActivityRoute'),
});

export const roadmapRoutes = [
  programmesRoute,
  myActivitiesRoute,
  dueActivitiesRoute,
  programmeRoute,
  programmeImportRoute,
  activityRoute,
] as const;
