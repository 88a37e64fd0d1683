import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { appRoute, perm, requirePermission, RouteError } from '../../app/routeKit';
import { can, canBrowseTeachers } from '../../auth/permissions';
import { parseTeacherSearch } from './search';

const pages = () => import('./pages');

export const teachersRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/teachers',
  validateSearch: parseTeacherSearch,
  beforeLoad: ({ context }) => requirePermission(context.me, canBrowseTeachers),
  errorComponent: RouteError,
  component: lazyRouteComponent(pages, 'TeachersRoute'),
});

export const teacherCreateRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/teachers/new',
  beforeLoad: ({ context }) => requirePermission(context.me, (me) => canBrowseTeachers(me) && can(me, 'teachers:write')),
  errorComponent: RouteError,
  component: lazyRouteComponent(pages, 'TeacherCreatePage'),
});

// A teacher may open only their own card: the API answers 404 for others, shown as «Педагог не найден».
export const teacherRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/teachers/$teacherId',
  beforeLoad: ({ context }) => requirePermission(context.me, perm('teachers:read')),
  errorComponent: RouteError,
  component: lazyRouteComponent(pages, 'TeacherRoute'),
});

export const teacherEditRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/teachers/$teacherId/edit',
  beforeLoad: ({ context }) => requirePermission(context.me, perm('teachers:write')),
  errorComponent: RouteError,
  component: lazyRouteComponent(pages, 'TeacherEditRoute'),
});

export const profileRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/profile',
  beforeLoad: ({ context }) => requirePermission(context.me, (me) => Boolean(me.teacher_id)),
  errorComponent: RouteError,
  component: lazyRouteComponent(pages, 'ProfileRoute'),
});

export const teacherRoutes = [teachersRoute, teacherCreateRoute, teacherRoute, teacherEditRoute, profileRoute] as const;
