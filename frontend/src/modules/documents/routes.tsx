import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { appRoute, requirePermission, RouteError } from '../../app/routeKit';
import { can } from '../../auth/permissions';
import { parseChecklistSearch, parseDocumentSearch } from './search';

const pages = () => import('./pages');

export const documentsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/documents',
  validateSearch: parseDocumentSearch,
  beforeLoad: ({ context }) => requirePermission(context.me, (me) => can(me, 'documents:read')),
  errorComponent: RouteError,
  component: lazyRouteComponent(pages, 'DocumentsRoute'),
});

export const checklistRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/documents/checklist',
  validateSearch: parseChecklistSearch,
  beforeLoad: ({ context }) => requirePermission(context.me, (me) => can(me, 'documents:checklist')),
  errorComponent: RouteError,
  component: lazyRouteComponent(pages, 'ChecklistRoute'),
});

export const requirementsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/documents/requirements',
  beforeLoad: ({ context }) => requirePermission(context.me, (me) => can(me, 'document_requirements:write')),
  errorComponent: RouteError,
  component: lazyRouteComponent(pages, 'RequirementsRoute'),
});

export const documentRoutes = [documentsRoute, checklistRoute, requirementsRoute] as const;
