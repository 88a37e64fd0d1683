import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { appRoute, perm, requirePermission, RouteError } from '../../app/routeKit';
import { parsePracticeSearch } from './search';

const pages = () => import('./pages');

export const practicesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/practices',
  validateSearch: parsePracticeSearch,
  beforeLoad: ({ context }) => requirePermission(context.me, perm('practices:read')),
  errorComponent: RouteError,
  component: lazyRouteComponent(pages, 'PracticesRoute'),
});

export const practiceCriteriaRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/practices/criteria',
  beforeLoad: ({ context }) => requirePermission(context.me, perm('practices:read')),
  errorComponent: RouteError,
  component: lazyRouteComponent(pages, 'PracticeCriteriaRoute'),
});

export const practiceRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/practices/$practiceId',
  beforeLoad: ({ context }) => requirePermission(context.me, perm('practices:read')),
  errorComponent: RouteError,
  component: lazyRouteComponent(pages, 'PracticeRoute'),
});

export const practiceRoutes = [practicesRoute, practiceCriteriaRoute, practiceRoute] as const;
