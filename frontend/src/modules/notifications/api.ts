/** Notifications of the signed-in person: the unread count (polled every minute), the latest ones, marking read. */
import { type QueryClient, queryOptions } from '@tanstack/react-query';
import { api } from '../../api/client';
import { guard, unwrap } from '../../api/errors';

export const POLL_MS = 60_000;

export const notificationKeys = {
  all: ['notifications'] as const,
  count: ['notifications', 'unread-count'] as const,
  latest: ['notifications', 'latest'] as const,
};

export const unreadCountQuery = queryOptions({
  queryKey: notificationKeys.count,
  queryFn: () => guard(async () => unwrap(await api.GET('/api/v1/notifications/unread-count'))),
  refetchInterval: POLL_MS,
  refetchIntervalInBackground: false,
});

export const latestNotificationsQuery = queryOptions({
  queryKey: notificationKeys.latest,
  queryFn: () => guard(async () => unwrap(await api.GET('/api/v1/notifications', { params: { query: { limit: 10 } } }))),
});

export async function markRead(id: string) {
  return guard(async () => unwrap(await api.POST('/api/v1/notifications/{notification_id}/read', { params: { path: { notification_id: id } } })));
}

export async function markAllRead() {
  return guard(async () => unwrap(await api.POST('/api/v1/notifications/read-all')));
}

export async function invalidateNotifications(queryClient: QueryClient) {
  await queryClient.invalidateQueries({ queryKey: notificationKeys.all });
}
