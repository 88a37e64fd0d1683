/** Individual routes: query keys, the list, the summary, the card, drafts, the plan, approval, marks with evidence. */
import { keepPreviousData, type QueryClient, queryOptions } from '@tanstack/react-query';
import { api } from '../../api/client';
import { etagOf, guard, unwrap, type Versioned } from '../../api/errors';
import { filenameFrom } from '../../api/queries';
import type { operations } from '../../api/schema';
import type { components } from '../../api/schema';
import type { PlanUpdate } from './logic';

export type RouteQuery = NonNullable<operations['list_individual_routes']['parameters']['query']>;
export type ActionDone = components['schemas']['ActionDone'];

export const routeKeys = {
  all: ['individual-routes'] as const,
  list: (q: RouteQuery) => ['individual-routes', 'list', q] as const,
  summary: ['individual-routes', 'summary'] as const,
  one: (id: string) => ['individual-routes', 'one', id] as const,
  options: (id: string) => ['individual-routes', 'evidence-options', id] as const,
};

export async function invalidateRoutes(queryClient: QueryClient) {
  await queryClient.invalidateQueries({ queryKey: routeKeys.all });
}

export const routeListQuery = (query: RouteQuery) =>
  queryOptions({
    queryKey: routeKeys.list(query),
    queryFn: () => guard(async () => unwrap(await api.GET('/api/v1/individual-routes', { params: { query } }))),
    placeholderData: keepPreviousData,
  });

export const routeSummaryQuery = () =>
  queryOptions({
    queryKey: routeKeys.summary,
    queryFn: () => guard(async () => unwrap(await api.GET('/api/v1/individual-routes/summary'))),
  });

export const routeQuery = (id: string) =>
  queryOptions({
    queryKey: routeKeys.one(id),
    queryFn: () =>
      guard(async () => unwrap(await api.GET('/api/v1/individual-routes/{route_id}', { params: { path: { route_id: id } } }))),
  });

export const evidenceOptionsQuery = (id: string) =>
  queryOptions({
    queryKey: routeKeys.options(id),
    queryFn: () =>
      guard(async () =>
        unwrap(
          await api.GET('/api/v1/individual-routes/{route_id}/evidence-options', {
            params: { path: { route_id: id }, query: { limit: 200, offset: 0 } },
          }),
        ),
      ),
  });

export async function createDraft(assignmentId: string) {
  return guard(async () =>
    unwrap(await api.POST('/api/v1/individual-routes/draft', { body: { assignment_id: assignmentId, include_partial: false } })),
  );
}

const versioned = (r: Versioned) => ({ path: { route_id: r.id }, header: { 'If-Match': etagOf(r.version) } });

export async function updatePlan(route: Versioned, body: PlanUpdate) {
  return guard(async () => unwrap(await api.PUT('/api/v1/individual-routes/{route_id}/plan', { params: versioned(route), body })));
}

export async function approveRoute(route: Versioned) {
  return guard(async () => unwrap(await api.POST('/api/v1/individual-routes/{route_id}/approve', { params: versioned(route) })));
}

export async function completeRoute(route: Versioned) {
  return guard(async () => unwrap(await api.POST('/api/v1/individual-routes/{route_id}/complete', { params: versioned(route) })));
}

export async function archiveRoute(route: Versioned, reason: string) {
  return guard(async () =>
    unwrap(await api.POST('/api/v1/individual-routes/{route_id}/archive', { params: versioned(route), body: { reason } })),
  );
}

export async function markDone(route: Versioned, actionId: string, body: ActionDone) {
  return guard(async () =>
    unwrap(
      await api.POST('/api/v1/individual-routes/{route_id}/actions/{action_id}/done', {
        params: { path: { route_id: route.id, action_id: actionId }, header: { 'If-Match': etagOf(route.version) } },
        body,
      }),
    ),
  );
}

export async function undoAction(route: Versioned, actionId: string) {
  return guard(async () =>
    unwrap(
      await api.POST('/api/v1/individual-routes/{route_id}/actions/{action_id}/undo', {
        params: { path: { route_id: route.id, action_id: actionId }, header: { 'If-Match': etagOf(route.version) } },
      }),
    ),
  );
}

/** Uploads an evidence file for the route (multipart); the mark then names it by id. */
export async function uploadEvidence(routeId: string, file: File) {
  return guard(async () => {
    const form = new FormData();
    form.append('file', file, file.name);
    return unwrap(
      await api.POST('/api/v1/individual-routes/{route_id}/evidence-files', {
        params: { path: { route_id: routeId } },
        body: { file: file as unknown as string },
        bodySerializer: () => form,
      }),
    );
  });
}

export async function downloadEvidence(routeId: string, actionId: string): Promise<{ blob: Blob; filename: string }> {
  return guard(async () => {
    const result = await api.GET('/api/v1/individual-routes/{route_id}/actions/{action_id}/evidence-file', {
      params: { path: { route_id: routeId, action_id: actionId } },
      parseAs: 'blob',
    });
    const blob = unwrap(result) as unknown as Blob;
    return { blob, filename: filenameFrom(result.response.headers.get('Content-Disposition')) ?? 'evidence' };
  });
}
