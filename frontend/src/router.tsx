import type { QueryClient } from '@tanstack/react-query';
import {
  createRootRouteWithContext,
  createRoute,
  createRouter,
  type ErrorComponentProps,
  Outlet,
  redirect,
  useNavigate,
} from '@tanstack/react-router';
import { session } from './api/client';
import { ApiError, isStatus } from './api/errors';
import { meQuery } from './api/queries';
import { can, canBrowseTeachers, type Me, type Permission } from './auth/permissions';
import { ErrorState } from './components/states';
import { t } from './i18n/messages';
import { str } from './lib/search';
import { AppLayout } from './pages/AppLayout';
import { AuditPage } from './pages/admin/AuditPage';
import { MunicipalitySettingsPage } from './pages/municipality/MunicipalitySettingsPage';
import { IntegrationsPage } from './pages/admin/IntegrationsPage';
import { UsersPage } from './pages/admin/UsersPage';
import { HomePage } from './pages/home/HomePage';
import { TeacherImportPage } from './pages/import/TeacherImportPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { OrganizationCard } from './pages/organizations/OrganizationCard';
import { OrganizationsPage } from './pages/organizations/OrganizationsPage';
import { parseOrganizationSearch } from './pages/organizations/search';
import { SignInPage } from './pages/SignInPage';
import { parseTeacherSearch } from './pages/teachers/search';
import { TeacherCard } from './pages/teachers/TeacherCard';
import { TeacherCreatePage, TeacherEditPage } from './pages/teachers/TeacherEditPages';
import { TeachersPage } from './pages/teachers/TeachersPage';

export type RouterContext = { queryClient: QueryClient };

/** Thrown by a route guard when the role lacks a permission; rendered as «Недостаточно прав». */
function forbidden(): ApiError {
  return new ApiError(403, null, t.common.forbidden);
}

function requirePermission(me: Me, check: boolean | ((me: Me) => boolean)) {
  const ok = typeof check === 'function' ? check(me) : check;
  if (!ok) throw forbidden();
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const perm = (permission: Permission) => (me: Me) => can(me, permission);

function RouteError({ error, reset }: ErrorComponentProps) {
  return <ErrorState error={error} onRetry={isStatus(error, 403) ? undefined : reset} />;
}

const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: Outlet,
  notFoundComponent: NotFoundPage,
});

const signInRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/login',
  validateSearch: (raw: Record<string, unknown>): { redirect?: string; reason?: string } => ({
    redirect: str(raw.redirect),
    reason: str(raw.reason),
  }),
  beforeLoad: ({ search }) => {
    if (session.hasSession()) throw redirect({ href: search.redirect?.startsWith('/') && !search.redirect.startsWith('//') ? search.redirect : '/' });
  },
  component: function SignInRoute() {
    const search = signInRoute.useSearch();
    return <SignInPage redirect={search.redirect} reason={search.reason} />;
  },
});

// Pathless layout for everything behind sign-in (AppShell with navigation).
const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'app',
  beforeLoad: async ({ context, location }) => {
    const toLogin = (reason?: string) =>
      redirect({ to: '/login', search: { redirect: location.href, reason } });
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

const homeRoute = createRoute({ getParentRoute: () => appRoute, path: '/', component: HomePage });

const organizationsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/organizations',
  validateSearch: parseOrganizationSearch,
  beforeLoad: ({ context }) => requirePermission(context.me, perm('organizations:read')),
  errorComponent: RouteError,
  component: function OrganizationsRoute() {
    const search = organizationsRoute.useSearch();
    const navigate = useNavigate({ from: '/organizations' });
    return <OrganizationsPage search={search} onSearch={(next) => void navigate({ search: next, replace: true })} />;
  },
});

const organizationRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/organizations/$organizationId',
  beforeLoad: ({ context }) => requirePermission(context.me, perm('organizations:read')),
  errorComponent: RouteError,
  component: function OrganizationRoute() {
    const { organizationId } = organizationRoute.useParams();
    return <OrganizationCard key={organizationId} organizationId={organizationId} />;
  },
});

const teachersRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/teachers',
  validateSearch: parseTeacherSearch,
  beforeLoad: ({ context }) => requirePermission(context.me, canBrowseTeachers),
  errorComponent: RouteError,
  component: function TeachersRoute() {
    const search = teachersRoute.useSearch();
    const navigate = useNavigate({ from: '/teachers' });
    return <TeachersPage search={search} onSearch={(next) => void navigate({ search: next, replace: true })} />;
  },
});

const teacherCreateRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/teachers/new',
  beforeLoad: ({ context }) => requirePermission(context.me, (me) => canBrowseTeachers(me) && can(me, 'teachers:write')),
  errorComponent: RouteError,
  component: TeacherCreatePage,
});

const teacherImportRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/teachers/import',
  beforeLoad: ({ context }) => requirePermission(context.me, perm('teachers:import')),
  errorComponent: RouteError,
  component: TeacherImportPage,
});

// A teacher may open only their own card: the API answers 404 for others, shown as «Педагог не найден».
const teacherRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/teachers/$teacherId',
  beforeLoad: ({ context }) => requirePermission(context.me, perm('teachers:read')),
  errorComponent: RouteError,
  component: function TeacherRoute() {
    const { teacherId } = teacherRoute.useParams();
    const { me } = teacherRoute.useRouteContext();
    return <TeacherCard key={teacherId} teacherId={teacherId} self={!canBrowseTeachers(me)} />;
  },
});

const teacherEditRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/teachers/$teacherId/edit',
  beforeLoad: ({ context }) => requirePermission(context.me, perm('teachers:write')),
  errorComponent: RouteError,
  component: function TeacherEditRoute() {
    const { teacherId } = teacherEditRoute.useParams();
    return <TeacherEditPage key={teacherId} teacherId={teacherId} />;
  },
});

const profileRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/profile',
  beforeLoad: ({ context }) => requirePermission(context.me, (me) => Boolean(me.teacher_id)),
  errorComponent: RouteError,
  component: function ProfileRoute() {
    const { me } = profileRoute.useRouteContext();
    return <TeacherCard teacherId={me.teacher_id ?? ''} self />;
  },
});

const usersRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/users',
  beforeLoad: ({ context }) => requirePermission(context.me, perm('users:read')),
  errorComponent: RouteError,
  component: UsersPage,
});

const integrationsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/integrations',
  beforeLoad: ({ context }) => requirePermission(context.me, perm('clients:read')),
  errorComponent: RouteError,
  component: IntegrationsPage,
});

const auditRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/audit',
  validateSearch: (raw: Record<string, unknown>): { entity_id?: string } =>
    typeof raw.entity_id === 'string' && UUID_RE.test(raw.entity_id) ? { entity_id: raw.entity_id } : {},
  beforeLoad: ({ context }) => requirePermission(context.me, perm('audit:read')),
  errorComponent: RouteError,
  component: function AuditRoute() {
    const search = auditRoute.useSearch();
    const navigate = useNavigate({ from: '/audit' });
    return <AuditPage key={search.entity_id ?? 'all'} entityId={search.entity_id} onShowAll={() => void navigate({ search: {} })} />;
  },
});

const municipalityRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/municipality',
  beforeLoad: ({ context }) => requirePermission(context.me, perm('municipalities:write')),
  errorComponent: RouteError,
  component: MunicipalitySettingsPage,
});

const routeTree = rootRoute.addChildren([
  signInRoute,
  appRoute.addChildren([
    homeRoute,
    organizationsRoute,
    organizationRoute,
    teachersRoute,
    teacherCreateRoute,
    teacherImportRoute,
    teacherRoute,
    teacherEditRoute,
    profileRoute,
    usersRoute,
    integrationsRoute,
    auditRoute,
    municipalityRoute,
  ]),
]);

export function createAppRouter(queryClient: QueryClient) {
  return createRouter({
    routeTree,
    context: { queryClient },
    defaultPreload: 'intent',
    defaultErrorComponent: RouteError,
    defaultPreloadStaleTime: 0,
    scrollRestoration: true,
  });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
