/**
 * What the signed-in principal may see: permission checks and the navigation built from
 * the permission strings of /auth/me (the backend is the authority; this only hides links).
 */
import type { components } from '../api/schema';
import { t } from '../i18n/messages';

export type Me = components['schemas']['MeRead'];

export type Permission =
  | 'organizations:read'
  | 'organizations:write'
  | 'organizations:manage'
  | 'teachers:read'
  | 'teachers:write'
  | 'teachers:import'
  | 'users:read'
  | 'users:write'
  | 'clients:read'
  | 'clients:write'
  | 'audit:read'
  | 'municipalities:read'
  | 'municipalities:write'
  | 'courses:read'
  | 'courses:write'
  | 'courses:import'
  | 'attestations:read'
  | 'attestations:write'
  | 'attestations:decide'
  | 'mentoring:read'
  | 'mentoring:write'
  | 'practices:read'
  | 'practices:write'
  | 'practices:review'
  | 'practices:publish'
  | 'associations:read'
  | 'associations:write'
  | 'associations:meetings'
  | 'associations:growth'
  | 'help_requests:read'
  | 'help_requests:create'
  | 'help_requests:handle'
  | 'notifications:read'
  | 'events:read'
  | 'events:write'
  | 'participations:read'
  | 'participations:write'
  | 'awards:read'
  | 'awards:write'
  | 'calendar_feeds:manage'
  | 'files:read'
  | 'files:write'
  | 'documents:read'
  | 'documents:write'
  | 'documents:checklist'
  | 'document_requirements:read'
  | 'document_requirements:write'
  | 'kpi:read'
  | 'kpi:write'
  | 'kpi:drilldown'
  | 'kpi:submit'
  | 'kpi:approve'
  | 'diagnostics:read'
  | 'diagnostics:write'
  | 'diagnostics:answer'
  | 'diagnostics:results'
  | 'diagnostics:monitor'
  | 'diagnostics:remind'
  | 'routes:read'
  | 'routes:write'
  | 'routes:approve'
  | 'routes:complete'
  | 'routes:summary'
  | 'roadmap:read'
  | 'roadmap:write'
  | 'roadmap:report';

export function can(me: Me | null | undefined, permission: Permission): boolean {
  return Boolean(me?.permissions.includes(permission));
}

export type Reach = 'all' | 'municipality' | 'organization' | 'own';

/** How far a permission reaches for this principal, as /auth/me says (never guessed from role names). */
export function reachOf(me: Me | null | undefined, permission: Permission): Reach | undefined {
  return (me?.reach as Record<string, Reach> | undefined)?.[permission];
}

/** Someone whose teachers' right covers only their own card: sees «Мой профиль» instead of the registry. */
export function isPureTeacher(me: Me | null | undefined): boolean {
  return reachOf(me, 'teachers:read') === 'own';
}

/** Reaches more than the caller's own records with this right (a registry, not «мои записи»). */
export function canBrowse(me: Me | null | undefined, permission: Permission): boolean {
  return can(me, permission) && reachOf(me, permission) !== 'own';
}

/** May open the teachers registry (list, other teachers' cards). */
export function canBrowseTeachers(me: Me | null | undefined): boolean {
  return can(me, 'teachers:read') && !isPureTeacher(me);
}

export type NavPath =
  | '/'
  | '/organizations'
  | '/events'
  | '/event-series'
  | '/teachers'
  | '/profile'
  | '/teachers/import'
  | '/courses'
  | '/attestations'
  | '/mentoring'
  | '/individual-routes'
  | '/documents'
  | '/practices'
  | '/associations'
  | '/help-requests'
  | '/kpi'
  | '/diagnostics'
  | '/roadmap'
  | '/users'
  | '/integrations'
  | '/audit'
  | '/municipality';

export type NavItem = { to: NavPath; label: string };

export function buildNav(me: Me | null | undefined): NavItem[] {
  const items: NavItem[] = [{ to: '/', label: t.nav.home }];
  if (can(me, 'organizations:read')) items.push({ to: '/organizations', label: t.nav.organizations });
  if (can(me, 'events:read')) {
    items.push({ to: '/events', label: t.nav.events });
    items.push({ to: '/event-series', label: t.nav.eventSeries });
  }
  if (canBrowseTeachers(me)) items.push({ to: '/teachers', label: t.nav.teachers });
  if (me?.teacher_id && can(me, 'teachers:read')) items.push({ to: '/profile', label: t.nav.myProfile });
  if (can(me, 'teachers:import')) items.push({ to: '/teachers/import', label: t.nav.teachersImport });
  // Registries of those who keep the records; a teacher (own records only) has no registry to browse.
  if (canBrowse(me, 'courses:read')) items.push({ to: '/courses', label: t.nav.courses });
  if (canBrowse(me, 'attestations:read')) items.push({ to: '/attestations', label: t.nav.attestation });
  if (canBrowse(me, 'mentoring:read')) items.push({ to: '/mentoring', label: t.nav.mentoring });
  // Individual routes: a teacher their own, the school and the municipality theirs, the department the summary.
  if (can(me, 'routes:read') || can(me, 'routes:summary')) items.push({ to: '/individual-routes', label: t.nav.individualRoutes });
  if (can(me, 'documents:read')) items.push({ to: '/documents', label: t.nav.documents });
  if (can(me, 'practices:read')) items.push({ to: '/practices', label: t.nav.practices });
  // A teacher sees the associations they are a member of; a leader the one they lead.
  if (can(me, 'associations:read')) items.push({ to: '/associations', label: t.nav.associations });
  // A teacher sees «Мои обращения» (their own); the school and the municipality the list of requests.
  if (can(me, 'help_requests:read')) {
    items.push({ to: '/help-requests', label: canBrowse(me, 'help_requests:read') ? t.nav.helpRequests : t.nav.myHelpRequests });
  }
  if (can(me, 'kpi:read')) items.push({ to: '/kpi', label: t.nav.kpi });
  // A teacher takes their diagnostics there; the methodological service runs the campaigns.
  if (can(me, 'diagnostics:read') || can(me, 'diagnostics:answer')) items.push({ to: '/diagnostics', label: t.nav.diagnostics });
  if (can(me, 'roadmap:read')) items.push({ to: '/roadmap', label: t.nav.roadmap });
  if (can(me, 'users:read')) items.push({ to: '/users', label: t.nav.users });
  if (can(me, 'clients:read')) items.push({ to: '/integrations', label: t.nav.integrations });
  if (can(me, 'audit:read')) items.push({ to: '/audit', label: t.nav.audit });
  if (can(me, 'municipalities:write')) items.push({ to: '/municipality', label: t.nav.municipality });
  return items;
}

/** «город Кострома», «СОШ № 22» — distinct scope names of the roles. */
export function scopeNames(me: Me | null | undefined): string {
  const names = (me?.roles ?? []).map((r) => r.scope_name).filter((n): n is string => Boolean(n));
  return [...new Set(names)].join(', ');
}

export function roleTitles(me: Me | null | undefined): string {
  const titles = (me?.roles ?? []).map((r) => r.role_title ?? t.roles[r.role] ?? r.role);
  return [...new Set(titles)].join(', ');
}

/** The school a school-level principal works for (home counts, import, a new teacher's employment). */
export function ownSchoolId(me: Me | null | undefined): string | null {
  return reachOf(me, 'teachers:read') === 'organization' ? (me?.organization_ids?.[0] ?? null) : null;
}

/** The municipality a municipal principal works in (defaults of forms and the home counts). */
export function ownMunicipalityId(me: Me | null | undefined): string | null {
  return me?.municipality_ids[0] ?? null;
}

/** Reaches every municipality (the system administrator). */
export function reachesEverything(me: Me | null | undefined, permission: Permission): boolean {
  return reachOf(me, permission) === 'all';
}

/** May create and archive organizations (a municipal act; the server grants `organizations:manage`). */
export function canManageOrganizations(me: Me | null | undefined): boolean {
  return can(me, 'organizations:manage');
}
