import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { appRoute, requirePermission, RouteError } from '../../app/routeKit';
import { canBrowse } from '../../auth/permissions';
import { parseAttestationSearch, parsePlanSearch } from './search';

const pages = () => import('./pages');

export const attestationsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/attestations',
  validateSearch: parseAttestationSearch,
  beforeLoad: ({ context }) => requirePermission(context.me, (me) => canBrowse(me, 'attestations:read')),
  errorComponent: RouteError,
  component: lazyRouteComponent(pages, 'AttestationsRoute'),
});

export const attestationPlanRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/attestations/plan',
  validateSearch: parsePlanSearch,
  beforeLoad: ({ context }) => requirePermission(context.me, (me) => canBrowse(me, 'attestations:read')),
  errorComponent: RouteError,
  component: lazyRouteComponent(pages, 'AttestationPlanRoute'),
});

export const attestationRoutes = [attestationsRoute, attestationPlanRoute] as const;
