import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { appRoute, perm, requirePermission, RouteError } from '../../app/routeKit';
import { parseAssociationSearch } from './search';

const pages = () => import('./pages');

export const associationsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/associations',
  validateSearch: parseAssociationSearch,
  beforeLoad: ({ context }) => requirePermission(context.me, perm('associations:read')),
  errorComponent: RouteError,
  component: lazyRouteComponent(pages, 'AssociationsRoute'),
});

// Outside the caller's scope the API answers 404, shown as «Методическое объединение не найдено».
export const associationRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/associations/$associationId',
  beforeLoad: ({ context }) => requirePermission(context.me, perm('associations:read')),
  errorComponent: RouteError,
  component: lazyRouteComponent(pages, 'AssociationRoute'),
});

export const memberGrowthRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/associations/$associationId/members/$teacherId/growth',
  beforeLoad: ({ context }) => requirePermission(context.me, perm('associations:growth')),
  errorComponent: RouteError,
  component: lazyRouteComponent(pages, 'MemberGrowthRoute'),
});

export const associationRoutes = [associationsRoute, associationRoute, memberGrowthRoute] as const;
