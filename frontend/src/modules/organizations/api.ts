/** Organizations: query keys, list/card reads (card with ETag) and writes with If-Match. */
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api } from '../../api/client';
import { etagOf, guard, unwrap, unwrapWithEtag, type Versioned } from '../../api/errors';
import type { OrganizationCreate, OrganizationQuery, OrganizationUpdate } from '../../api/types';

export const organizationKeys = {
  all: ['organizations'] as const,
  list: (q: OrganizationQuery) => ['organizations', 'list', q] as const,
  detail: (id: string) => ['organizations', 'detail', id] as const,
};

export const organizationListQuery = (query: OrganizationQuery) =>
  queryOptions({
    queryKey: organizationKeys.list(query),
    queryFn: () => guard(async () => unwrap(await api.GET('/api/v1/organizations', { params: { query } }))),
    placeholderData: keepPreviousData,
  });

export const organizationQuery = (id: string) =>
  queryOptions({
    queryKey: organizationKeys.detail(id),
    queryFn: () =>
      guard(async () =>
        unwrapWithEtag(await api.GET('/api/v1/organizations/{organization_id}', { params: { path: { organization_id: id } } })),
      ),
  });

/** Saves the card's changes with the ETag of the version on screen (412 if someone changed it meanwhile). */
export async function updateOrganization(org: Versioned, body: OrganizationUpdate) {
  return guard(async () =>
    unwrapWithEtag(
      await api.PATCH('/api/v1/organizations/{organization_id}', {
        params: { path: { organization_id: org.id }, header: { 'If-Match': etagOf(org.version) } },
        body,
      }),
    ),
  );
}

export async function createOrganization(body: OrganizationCreate) {
  return guard(async () => unwrap(await api.POST('/api/v1/organizations', { body })));
}

export async function archiveOrganization(org: Versioned, reason: string) {
  return guard(async () =>
    unwrap(
      await api.POST('/api/v1/organizations/{organization_id}/archive', {
        params: { path: { organization_id: org.id }, header: { 'If-Match': etagOf(org.version) } },
        body: { reason },
      }),
    ),
  );
}
