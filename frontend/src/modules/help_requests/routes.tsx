import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { appRoute, perm, requirePermission, RouteError } from '../../app/routeKit';
import { parseHelpSearch } from './search';

const pages = () => import('./pages');

export const helpRequestsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/help-requests',
  validateSearch: parseHelpSearch,
  beforeLoad: ({ context }) => requirePermission(context.me, perm('help_requests:read')),
  errorComponent: RouteError,
  component: lazyRouteComponent(pages, 'HelpRequestsRoute'),
});

export const helpRequestRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/help-requests/$helpRequestId',
  beforeLoad: ({ context }) => requirePermission(context.me, perm('help_requests:read')),
  errorComponent: RouteError,
  component: lazyRouteComponent(pages, 'HelpRequestRoute'),
});

export const helpRequestRoutes = [helpRequestsRoute, helpRequestRoute] as const;
