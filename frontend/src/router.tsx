import type { QueryClient } from '@tanstack/react-query';
import { createRouter } from '@tanstack/react-router';
import { appRoute, RouteError, rootRoute } from './app/routeKit';
import { LoadingState } from './components/states';
import { associationRoutes } from './modules/associations/routes';
import { attestationRoutes } from './modules/attestation/routes';
import { auditRoutes } from './modules/audit/routes';
import { eventRoutes } from './modules/events/routes';
import { signInRoute } from './modules/auth/routes';
import { courseRoutes } from './modules/courses/routes';
import { diagnosticsResultsRoutes } from './modules/diagnostics/results/routes';
import { diagnosticsRoutes } from './modules/diagnostics/routes';
import { documentRoutes } from './modules/documents/routes';
import { helpRequestRoutes } from './modules/help_requests/routes';
import { homeRoutes } from './modules/home/routes';
import { importRoutes } from './modules/import/routes';
import { individualRouteRoutes } from './modules/individual_routes/routes';
import { integrationRoutes } from './modules/integrations/routes';
import { kpiRoutes } from './modules/kpi/routes';
import { mentoringRoutes } from './modules/mentoring/routes';
import { municipalityRoutes } from './modules/municipality/routes';
import { organizationRoutes } from './modules/organizations/routes';
import { practiceRoutes } from './modules/practices/routes';
import { roadmapRoutes } from './modules/roadmap/routes';
import { teacherRoutes } from './modules/teachers/routes';
import { userRoutes } from './modules/users/routes';

export type { RouterContext } from './app/routeKit';

// Every module's routes; their page components load lazily (one chunk per module).
const routeTree = rootRoute.addChildren([
  signInRoute,
  appRoute.addChildren([
    ...homeRoutes,
    ...organizationRoutes,
    ...eventRoutes,
    // /teachers/import before /teachers/$teacherId (static segments win anyway; kept for reading order).
    ...importRoutes,
    ...teacherRoutes,
    ...courseRoutes,
    ...attestationRoutes,
    ...mentoringRoutes,
    ...individualRouteRoutes,
    ...documentRoutes,
    ...practiceRoutes,
    ...associationRoutes,
    ...helpRequestRoutes,
    ...kpiRoutes,
    ...diagnosticsRoutes,
    ...roadmapRoutes,
    ...diagnosticsResultsRoutes,
    ...userRoutes,
    ...integrationRoutes,
    ...auditRoutes,
    ...municipalityRoutes,
  ]),
]);

export function createAppRouter(queryClient: QueryClient) {
  return createRouter({
    routeTree,
    context: { queryClient },
    defaultPreload: 'intent',
    defaultErrorComponent: RouteError,
    defaultPendingComponent: () => <LoadingState />,
    defaultPreloadStaleTime: 0,
    scrollRestoration: true,
  });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
