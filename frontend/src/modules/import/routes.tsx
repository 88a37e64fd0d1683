import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { appRoute, perm, requirePermission, RouteError } from '../../app/routeKit';

export const teacherImportRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/teachers/import',
  beforeLoad: ({ context }) => requirePermission(context.me, perm('teachers:import')),
  errorComponent: RouteError,
  component: lazyRouteComponent(() => import('./TeacherImportPage'), 'TeacherImportPage'),
});

export const importRoutes = [teacherImportRoute] as const;
