import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { appRoute, requirePermission, RouteError } from '../../app/routeKit';
import { can, type Me } from '../../auth/permissions';
import { compact, oneOf } from '../../lib/search';
import { parseCampaignSearch, parseInstrumentSearch, parsePageSearch, parseProfileSearch } from './search';

const pages = () => import('./pages');

const reads = (me: Me) => can(me, 'diagnostics:read') || can(me, 'diagnostics:answer');
const answers = (me: Me) => can(me, 'diagnostics:answer');

/** The landing page: a teacher's own diagnostics, or the campaigns for those who run and follow them. */
export const diagnosticsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/diagnostics',
  validateSearch: parseCampaignSearch,
  beforeLoad: ({ context }) => requirePermission(context.me, reads),
  errorComponent: RouteError,
  component: lazyRouteComponent(pages, 'DiagnosticsRoute'),
});

export const myDiagnosticsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/diagnostics/my',
  validateSearch: parsePageSearch,
  beforeLoad: ({ context }) => requirePermission(context.me, answers),
  errorComponent: RouteError,
  component: lazyRouteComponent(pages, 'MyDiagnosticsRoute'),
});

export const assignmentRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/diagnostics/assignments/$assignmentId',
  beforeLoad: ({ context }) => requirePermission(context.me, answers),
  errorComponent: RouteError,
  component: lazyRouteComponent(pages, 'AssignmentRoute'),
});

export const profileRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/diagnostics/profiles/$assignmentId',
  validateSearch: parseProfileSearch,
  beforeLoad: ({ context }) => requirePermission(context.me, (me) => answers(me) || can(me, 'diagnostics:results')),
  errorComponent: RouteError,
  component: lazyRouteComponent(pages, 'ProfileRoute'),
});

export const campaignsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/diagnostics/campaigns',
  validateSearch: parseCampaignSearch,
  beforeLoad: ({ context }) => requirePermission(context.me, (me) => can(me, 'diagnostics:read')),
  errorComponent: RouteError,
  component: lazyRouteComponent(pages, 'CampaignsRoute'),
});

export const campaignRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/diagnostics/campaigns/$campaignId',
  beforeLoad: ({ context }) => requirePermission(context.me, (me) => can(me, 'diagnostics:read')),
  errorComponent: RouteError,
  component: lazyRouteComponent(pages, 'CampaignRoute'),
});

export const instrumentsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/diagnostics/instruments',
  validateSearch: parseInstrumentSearch,
  beforeLoad: ({ context }) => requirePermission(context.me, (me) => can(me, 'diagnostics:read')),
  errorComponent: RouteError,
  component: lazyRouteComponent(pages, 'InstrumentsRoute'),
});

export const instrumentRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/diagnostics/instruments/$instrumentId',
  validateSearch: (raw: Record<string, unknown>): { edit?: 'yes' } => compact({ edit: oneOf(raw.edit, ['yes'] as const) }),
  beforeLoad: ({ context }) => requirePermission(context.me, (me) => can(me, 'diagnostics:read')),
  errorComponent: RouteError,
  component: lazyRouteComponent(pages, 'InstrumentRoute'),
});

export const diagnosticsRoutes = [
  diagnosticsRoute,
  myDiagnosticsRoute,
  assignmentRoute,
  profileRoute,
  campaignsRoute,
  campaignRoute,
  instrumentsRoute,
  instrumentRoute,
] as const;
