/** Machine clients (integrations): list and writes with the ETag of the row on screen. */
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api } from '../../api/client';
import { etagOf, guard, unwrap } from '../../api/errors';
import type { ClientCreate, ClientRead } from '../../api/types';

export const clientListQuery = (query: { limit: number; offset: number }) =>
  queryOptions({
    queryKey: ['clients', 'list', query],
    queryFn: () => guard(async () => unwrap(await api.GET('/api/v1/clients', { params: { query } }))),
    placeholderData: keepPreviousData,
  });

export async function createClientAccount(body: ClientCreate) {
  return guard(async () => unwrap(await api.POST('/api/v1/clients', { body })));
}

/** The row as the screen shows it: its id and the version the list returned (the ETag is `"<version>"`). */
export type ClientVersion = Pick<ClientRead, 'id' | 'version'>;

/** New secret; If-Match = the version on screen, so a concurrent change answers 412 instead of being overwritten. */
export async function rotateClientSecret(client: ClientVersion) {
  return guard(async () =>
    unwrap(
      await api.POST('/api/v1/clients/{client_id}/rotate-secret', {
        params: { path: { client_id: client.id }, header: { 'If-Match': etagOf(client.version) } },
      }),
    ),
  );
}

/** Switches a machine client on or off, with the ETag of the version on screen. */
export async function setClientActive(client: ClientVersion, isActive: boolean) {
  return guard(async () =>
    unwrap(
      await api.PATCH('/api/v1/clients/{client_id}', {
        params: { path: { client_id: client.id }, header: { 'If-Match': etagOf(client.version) } },
        body: { is_active: isActive },
      }),
    ),
  );
}

export async function archiveClient(client: ClientVersion, reason: string) {
  return guard(async () =>
    unwrap(
      await api.POST('/api/v1/clients/{client_id}/archive', {
        params: { path: { client_id: client.id }, header: { 'If-Match': etagOf(client.version) } },
        body: { reason },
      }),
    ),
  );
}
