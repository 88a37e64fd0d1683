import { createRoute, lazyRouteComponent, redirect } from '@tanstack/react-router';
import { session } from '../../api/client';
import { rootRoute } from '../../app/routeKit';
import { str } from '../../lib/search';

export const signInRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/login',
  validateSearch: (raw: Record<string, unknown>): { redirect?: string; reason?: string } => ({
    redirect: str(raw.redirect),
    reason: str(raw.reason),
  }),
  beforeLoad: ({ search }) => {
    if (session.hasSession())
      throw redirect({ href: search.redirect?.startsWith('/') && !search.redirect.startsWith('//') ? search.redirect : '/' });
  },
  component: lazyRouteComponent(() => import('./pages'), 'SignInRoute'),
});
