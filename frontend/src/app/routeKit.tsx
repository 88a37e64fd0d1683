/**
 * The routes every module hangs its pages under: the root, the signed-in layout («app») and the guards.
 * Modules declare their own routes in modules/<module>/routes.tsx (path, search parsing, permission check)
 * with a lazily loaded component, so each module's code is a separate chunk loaded on first visit.
 */
import type { QueryClient } from '@tanstack/react-query';
import { createRootRouteWithContext, createRoute, type ErrorComponentProps, Outlet, redirect } from '@tanstack/react-router';
import { session } from '../api/client';
import { ApiError, isStatus } from '../api/errors';
import { meQuery } from '../api/queries';
import { can, type Me, type Permission } from '../auth/permissions';
import { ErrorState } from '../components/states';
import { t } from '../i18n/messages';
import { AppLayout } from './AppLayout';
import { NotFoundPage } from './NotFoundPage';

export type RouterContext = { queryClient: QueryClient };

/** Thrown by a route guard when the role lacks a permission; rendered as «Недостаточно прав». */
function forbidden(): ApiError {
  return new ApiError(403, null, t.common.forbidden);
}

export function requirePermission(me: Me, check: boolean | ((me: Me) => boolean)) {
  const ok = typeof check === 'function' ? check(me) : check;
  if (!ok) throw forbidden();
}

export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const perm = (permission: Permission) => (me: Me) => can(me, permission);

export function RouteError({ error, reset }: ErrorComponentProps) {
  return <ErrorState error={error} onRetry={isStatus(error, 403) ? undefined : reset} />;
}

export const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: Outlet,
  notFoundComponent: NotFoundPage,
});

// Pathless layout for everything behind sign-in (AppShell with navigation).
export const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'app',
  beforeLoad: async ({ context, location }) => {
    const toLogin = (reason?: string) => redirect({ to: '/login', search: { redirect: location.href, reason } });
    if (!session.hasSession()) throw toLogin();
    try {
      const me = await context.queryClient.ensureQueryData(meQuery);
      return { me };
    } catch (error) {
      // Only a 401 (refresh rejected) ends the session; other errors show a retryable error state.
      if (isStatus(error, 401) || !session.hasSession()) throw toLogin('expired');
      throw error;
    }
  },
  errorComponent: RouteError,
  component: AppLayout,
});
