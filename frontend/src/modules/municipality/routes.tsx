import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { appRoute, perm, requirePermission, RouteError } from '../../app/routeKit';

export const municipalityRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/municipality',
  beforeLoad: ({ context }) => requirePermission(context.me, perm('municipalities:write')),
  errorComponent: RouteError,
  component: lazyRouteComponent(() => import('./MunicipalitySettingsPage'), 'MunicipalitySettingsPage'),
});

export const municipalityRoutes = [municipalityRoute] as const;
