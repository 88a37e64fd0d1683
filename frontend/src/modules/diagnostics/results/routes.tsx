import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { appRoute, requirePermission, RouteError } from '../../../app/routeKit';
import type { Me } from '../../../auth/permissions';

const pages = () => import('./pages');

/** Aggregated diagnostics results: the department, the methodologist and the school administrator. */
const monitors = (me: Me) => (me.permissions as string[]).includes('diagnostics:monitor');

export const corporateDeficitsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/diagnostics/corporate',
  beforeLoad: ({ context }) => requirePermission(context.me, monitors),
  errorComponent: RouteError,
  component: lazyRouteComponent(pages, 'CorporateDeficitsRoute'),
});

export const deficitComparisonRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/diagnostics/compare',
  beforeLoad: ({ context }) => requirePermission(context.me, monitors),
  errorComponent: RouteError,
  component: lazyRouteComponent(pages, 'ComparisonRoute'),
});

export const diagnosticsResultsRoutes = [corporateDeficitsRoute, deficitComparisonRoute] as const;
