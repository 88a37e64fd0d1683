import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { appRoute, perm, requirePermission, RouteError } from '../../app/routeKit';

export const usersRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/users',
  beforeLoad: ({ context }) => requirePermission(context.me, perm('users:read')),
  errorComponent: RouteError,
  component: lazyRouteComponent(() => import('./UsersPage'), 'UsersPage'),
});

export const userRoutes = [usersRoute] as const;
