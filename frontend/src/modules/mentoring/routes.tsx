import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { appRoute, requirePermission, RouteError } from '../../app/routeKit';
import { canBrowse } from '../../auth/permissions';
import { parsePairSearch, parseYoungSearch } from './search';

const pages = () => import('./pages');

export const mentoringRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/mentoring',
  validateSearch: parsePairSearch,
  beforeLoad: ({ context }) => requirePermission(context.me, (me) => canBrowse(me, 'mentoring:read')),
  errorComponent: RouteError,
  component: lazyRouteComponent(pages, 'MentoringRoute'),
});

export const youngWithoutMentorRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/mentoring/young-without-mentor',
  validateSearch: parseYoungSearch,
  beforeLoad: ({ context }) => requirePermission(context.me, (me) => canBrowse(me, 'mentoring:read')),
  errorComponent: RouteError,
  component: lazyRouteComponent(pages, 'YoungWithoutMentorRoute'),
});

export const mentoringRoutes = [mentoringRoute, youngWithoutMentorRoute] as const;
