import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { appRoute, perm, requirePermission, RouteError } from '../../app/routeKit';
import { parseOrganizationSearch } from './search';

export const organizationsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/organizations',
  validateSearch: parseOrganizationSearch,
  beforeLoad: ({ context }) => requirePermission(context.me, perm('organizations:read')),
  errorComponent: RouteError,
  component: lazyRouteComponent(() => import('./pages'), 'OrganizationsRoute'),
});

export const organizationRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/organizations/$organizationId',
  beforeLoad: ({ context }) => requirePermission(context.me, perm('organizations:read')),
  errorComponent: RouteError,
  component: lazyRouteComponent(() => import('./pages'), 'OrganizationRoute'),
});

export const organizationRoutes = [organizationsRoute, organizationRoute] as const;
