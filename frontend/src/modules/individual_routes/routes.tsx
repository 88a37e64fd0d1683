import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { appRoute, requirePermission, RouteError } from '../../app/routeKit';
import { can } from '../../auth/permissions';
import { parseNewRouteSearch, parseRoutesSearch } from './search';

const pages = () => import('./pages');

export const individualRoutesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/individual-routes',
  validateSearch: parseRoutesSearch,
  beforeLoad: ({ context }) => requirePermission(context.me, (me) => can(me, 'routes:read') || can(me, 'routes:summary')),
  errorComponent: RouteError,
  component: lazyRouteComponent(pages, 'IndividualRoutesRoute'),
});

export const newIndividualRouteRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/individual-routes/new',
  validateSearch: parseNewRouteSearch,
  beforeLoad: ({ context }) => requirePermission(context.me, (me) => can(me, 'routes:write')),
  errorComponent: RouteError,
  component: lazyRouteComponent(pages, 'NewIndividualRouteRoute'),
});

export const individualRouteRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/individual-routes/$routeId',
  beforeLoad: ({ context }) => requirePermission(context.me, (me) => can(me, 'routes:read')),
  errorComponent: RouteError,
  component: lazyRouteComponent(pages, 'IndividualRouteRoute'),
});

export const individualRouteRoutes = [individualRoutesRoute, newIndividualRouteRoute, individualRouteRoute] as const;
