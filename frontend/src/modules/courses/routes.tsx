import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { appRoute, perm, requirePermission, RouteError } from '../../app/routeKit';
import { canBrowse } from '../../auth/permissions';
import { parseCourseSearch, parsePdWindowSearch } from './search';

const pages = () => import('./pages');

export const coursesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/courses',
  validateSearch: parseCourseSearch,
  beforeLoad: ({ context }) => requirePermission(context.me, (me) => canBrowse(me, 'courses:read')),
  errorComponent: RouteError,
  component: lazyRouteComponent(pages, 'CoursesRoute'),
});

export const pdWindowRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/courses/pd-window',
  validateSearch: parsePdWindowSearch,
  beforeLoad: ({ context }) => requirePermission(context.me, (me) => canBrowse(me, 'courses:read')),
  errorComponent: RouteError,
  component: lazyRouteComponent(pages, 'PdWindowRoute'),
});

export const courseImportRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/courses/import',
  beforeLoad: ({ context }) => requirePermission(context.me, perm('courses:import')),
  errorComponent: RouteError,
  component: lazyRouteComponent(pages, 'CourseImportPage'),
});

export const courseRoutes = [coursesRoute, pdWindowRoute, courseImportRoute] as const;
