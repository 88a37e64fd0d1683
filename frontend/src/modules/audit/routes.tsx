import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { appRoute, perm, requirePermission, RouteError, UUID_RE } from '../../app/routeKit';

export const auditRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/audit',
  validateSearch: (raw: Record<string, unknown>): { entity_id?: string } =>
    typeof raw.entity_id === 'string' && UUID_RE.test(raw.entity_id) ? { entity_id: raw.entity_id } : {},
  beforeLoad: ({ context }) => requirePermission(context.me, perm('audit:read')),
  errorComponent: RouteError,
  component: lazyRouteComponent(() => import('./pages'), 'AuditRoute'),
});

export const auditRoutes = [auditRoute] as const;
