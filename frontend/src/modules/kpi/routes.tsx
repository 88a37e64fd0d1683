import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { appRoute, perm, requirePermission, RouteError } from '../../app/routeKit';
import { parseKpiSearch } from './search';

const pages = () => import('./pages');

export const kpiRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/kpi',
  validateSearch: parseKpiSearch,
  beforeLoad: ({ context }) => requirePermission(context.me, perm('kpi:read')),
  errorComponent: RouteError,
  component: lazyRouteComponent(pages, 'KpiRoute'),
});

export const kpiIndicatorsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/kpi/indicators',
  beforeLoad: ({ context }) => requirePermission(context.me, perm('kpi:read')),
  errorComponent: RouteError,
  component: lazyRouteComponent(pages, 'KpiIndicatorsRoute'),
});

export const kpiRoutes = [kpiRoute, kpiIndicatorsRoute] as const;
