/** Machine clients (integrations): list and writes with the ETag of the row on screen. */
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api } from '../../api/client';
import { guard, unwrap, unwrapWithEtag } from '../../api/errors';
import type { ClientCreate } from '../../api/types';

export const clientListQuery = (query: { limit: number; offset: number }) =>
  queryOptions({
    queryKey: ['clients', 'list', query],
    queryFn: () => guard(async () => unwrap(await api.GET('/api/v1/clients', { params: { query } }))),
    placeholderData: keepPreviousData,
  });

export async function createClientAccount(body: ClientCreate) {
  return guard(async () => unwrap(await api.POST('/api/v1/clients', { body })));
}

export async function rotateClientSecret(id: string) {
  return guard(async () => {
    const { etag } = unwrapWithEtag(await api.GET('/api/v1/clients/{client_id}', { params: { path: { client_id: id } } }));
    return unwrap(
      await api.POST('/api/v1/clients/{client_id}/rotate-secret', {
        params: { path: { client_id: id }, header: { 'If-Match': etag ?? undefined } },
      }),
    );
  });
}

/** Switches a machine client on or off (read-modify-write with its current ETag). */
export async function setClientActive(id: string, isActive: boolean) {
  return guard(async () => {
    const { etag } = unwrapWithEtag(await api.GET('/api/v1/clients/{client_id}', { params: { path: { client_id: id } } }));
    return unwrap(
      await api.PATCH('/api/v1/clients/{client_id}', {
        params: { path: { client_id: id }, header: { 'If-Match': etag ?? undefined } },
        body: { is_active: isActive },
      }),
    );
  });
}

export async function archiveClient(id: string, reason: string) {
  return guard(async () => {
    const { etag } = unwrapWithEtag(await api.GET('/api/v1/clients/{client_id}', { params: { path: { client_id: id } } }));
    return unwrap(
      await api.POST('/api/v1/clients/{client_id}/archive', {
        params: { path: { client_id: id }, header: { 'If-Match': etag ?? undefined } },
        body: { reason },
      }),
    );
  });
}
