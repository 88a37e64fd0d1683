import { ActionIcon, Button, Group, Indicator, Menu, ScrollArea, Stack, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import type { AppNotification } from '../../api/types';
import { formatDateTime } from '../../lib/format';
import { invalidateNotifications, latestNotificationsQuery, markAllRead, markRead, unreadCountQuery } from './api';
import { t } from './messages';

const m = t.notifications;

function BellIcon() {
  return (
    <svg width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true">
      <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
      <path d="M13.73 21a2 2 0 0 1-3.46 0" />
    </svg>
  );
}

/** The bell in the header: the unread count (asked every minute), the latest notifications in a dropdown; a click
 * marks one read and opens its screen. */
export function NotificationBell() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const count = useQuery(unreadCountQuery);
  const latest = useQuery({ ...latestNotificationsQuery, enabled: false });
  const unread = count.data?.unread ?? 0;

  async function open(n: AppNotification) {
    if (!n.read_at) await markRead(n.id).catch(() => undefined);
    await invalidateNotifications(queryClient);
    if (n.link && n.link.startsWith('/')) await navigate({ to: n.link });
  }

  return (
    <Menu position="bottom-end" width={360} withinPortal onOpen={() => void latest.refetch()}>
      <Menu.Target>
        {/* The menu's target is the button itself (it gets aria-expanded); the count sits inside it. */}
        <ActionIcon variant="subtle" color="gray" size="lg" aria-label={m.bell(unread)}>
          <Indicator label={unread} size={16} disabled={unread === 0} offset={2} color="red" data-testid="notification-count">
            <BellIcon />
          </Indicator>
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        <Group justify="space-between" px="xs" py={4}>
          <Text fw={600} size="sm">
            {m.title}
          </Text>
          {unread > 0 ? (
            <Button
              size="compact-xs"
              variant="subtle"
              onClick={() => void markAllRead().then(() => invalidateNotifications(queryClient))}
            >
              {m.readAll}
            </Button>
          ) : null}
        </Group>
        <Menu.Divider />
        <ScrollArea.Autosize mah={360}>
          {latest.isError ? (
            <Text size="sm" c="red" p="xs">
              {m.failed}
            </Text>
          ) : (latest.data?.items ?? []).length === 0 ? (
            <Text size="sm" c="dimmed" p="xs">
              {m.empty}
            </Text>
          ) : (
            <Stack gap={0}>
              {(latest.data?.items ?? []).map((n) => (
                <Menu.Item key={n.id} onClick={() => void open(n)} data-unread={n.read_at ? undefined : 'true'}>
                  <Text size="sm" fw={n.read_at ? 400 : 600}>
                    {n.title}
                  </Text>
                  {n.body ? (
                    <Text size="xs" c="dimmed" lineClamp={2}>
                      {n.body}
                    </Text>
                  ) : null}
                  <Text size="xs" c="dimmed">
                    {formatDateTime(n.created_at)}
                  </Text>
                </Menu.Item>
              ))}
            </Stack>
          )}
        </ScrollArea.Autosize>
      </Menu.Dropdown>
    </Menu>
  );
}
