import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { appRoute, perm, requirePermission, RouteError } from '../../app/routeKit';
import { parseKpiSearch } from './search';
import { parseSnapshotSearch } from './snapshotSearch';

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

export const kpiSnapshotsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/kpi/snapshots',
  validateSearch: parseSnapshotSearch,
  beforeLoad: ({ context }) => requirePermission(context.me, perm('kpi:read')),
  errorComponent: RouteError,
  component: lazyRouteComponent(pages, 'KpiSnapshotsRoute'),
});

export const kpiSnapshotRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/kpi/snapshots/$snapshotId',
  beforeLoad: ({ context }) => requirePermission(context.me, perm('kpi:read')),
  errorComponent: RouteError,
  component: lazyRouteComponent(pages, 'KpiSnapshotRoute'),
});

export const kpiSettingsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/kpi/settings',
  beforeLoad: ({ context }) => requirePermission(context.me, perm('kpi:read')),
  errorComponent: RouteError,
  component: lazyRouteComponent(pages, 'KpiSettingsRoute'),
});

export const kpiRoutes = [kpiRoute, kpiIndicatorsRoute, kpiSnapshotsRoute, kpiSnapshotRoute, kpiSettingsRoute] as const;
