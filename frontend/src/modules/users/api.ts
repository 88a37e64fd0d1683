/** User accounts: list, the record with its ETag, writes with If-Match. */
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api } from '../../api/client';
import { etagOf, guard, unwrap, unwrapWithEtag, type Versioned } from '../../api/errors';
import type { UserCreate, UserQuery, UserUpdate } from '../../api/types';

export const userListQuery = (query: UserQuery) =>
  queryOptions({
    queryKey: ['users', 'list', query],
    queryFn: () => guard(async () => unwrap(await api.GET('/api/v1/users', { params: { query } }))),
    placeholderData: keepPreviousData,
  });

export async function createUser(body: UserCreate) {
  return guard(async () => unwrap(await api.POST('/api/v1/users', { body })));
}

/** One user with its ETag, for the edit form (If-Match on save). */
export const userQuery = (id: string) =>
  queryOptions({
    queryKey: ['users', 'detail', id],
    queryFn: () => guard(async () => unwrapWithEtag(await api.GET('/api/v1/users/{user_id}', { params: { path: { user_id: id } } }))),
    staleTime: 0,
  });

/** Saves the form (roles, password, on/off: If-Match required) with the ETag of the version on screen. */
export async function updateUser(user: Versioned, body: UserUpdate) {
  return guard(async () =>
    unwrapWithEtag(
      await api.PATCH('/api/v1/users/{user_id}', {
        params: { path: { user_id: user.id }, header: { 'If-Match': etagOf(user.version) } },
        body,
      }),
    ),
  );
}

export async function archiveUser(user: Versioned, reason: string) {
  return guard(async () =>
    unwrap(
      await api.POST('/api/v1/users/{user_id}/archive', {
        params: { path: { user_id: user.id }, header: { 'If-Match': etagOf(user.version) } },
        body: { reason },
      }),
    ),
  );
}
