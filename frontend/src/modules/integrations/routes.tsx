import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { appRoute, perm, requirePermission, RouteError } from '../../app/routeKit';

export const integrationsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/integrations',
  beforeLoad: ({ context }) => requirePermission(context.me, perm('clients:read')),
  errorComponent: RouteError,
  component: lazyRouteComponent(() => import('./IntegrationsPage'), 'IntegrationsPage'),
});

export const integrationRoutes = [integrationsRoute] as const;
