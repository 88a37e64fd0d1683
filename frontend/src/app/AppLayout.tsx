import { AppShell, Box, Burger, Button, Group, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { Outlet, useNavigate, useRouterState } from '@tanstack/react-router';
import { Suspense } from 'react';
import { buildNav, scopeNames } from '../auth/permissions';
import { signOut } from '../auth/signOut';
import { useMe } from '../auth/useMe';
import { RouterNavLink } from '../components/RouterLinks';
import { LoadingState } from '../components/states';
import { t } from '../i18n/messages';
import { NotificationBell } from '../modules/notifications/NotificationBell';
import { can } from '../auth/permissions';

function isActive(pathname: string, to: string): boolean {
  if (to === '/') return pathname === '/';
  if (to === '/teachers') return pathname === '/teachers' || (pathname.startsWith('/teachers/') && !pathname.startsWith('/teachers/import'));
  return pathname === to || pathname.startsWith(`${to}/`);
}

export function AppLayout() {
  const me = useMe();
  const [opened, { toggle, close }] = useDisclosure();
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const nav = buildNav(me);
  const scope = scopeNames(me);

  async function handleSignOut() {
    await signOut(queryClient);
    await navigate({ to: '/login' });
  }

  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 260, breakpoint: 'md', collapsed: { mobile: !opened } }} padding="md">
      <a className="skip-link" href="#main-content">
        {t.nav.skipToContent}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group wrap="nowrap" gap="sm" style={{ minWidth: 0 }}>
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="md"
              size="sm"
              aria-label={t.nav.toggleNavigation}
              aria-expanded={opened}
              aria-controls="app-navigation"
            />
            {/* On a phone the name gives way (ends with «…») so that «Выход» stays on screen. */}
            <Title order={1} size="h4" style={{ whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis', minWidth: 0 }} title={t.app.name}>
              {t.app.name}
            </Title>
          </Group>
          <Group gap="md" wrap="nowrap" style={{ flexShrink: 0 }}>
            {can(me, 'notifications:read') ? <NotificationBell /> : null}
            <Stack gap={0} align="flex-end" visibleFrom="sm" data-testid="current-user">
              <Text size="sm" fw={600} lh={1.3}>
                {me.name}
              </Text>
              {scope ? (
                <Text size="xs" c="dimmed" lh={1.3}>
                  <VisuallyHidden>{t.nav.scope('')}</VisuallyHidden>
                  {scope}
                </Text>
              ) : null}
            </Stack>
            <Button variant="default" size="xs" onClick={() => void handleSignOut()}>
              {t.nav.signOut}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      {/* The menu scrolls on its own when a role has more sections than the screen's height holds. */}
      <AppShell.Navbar p="xs" id="app-navigation" component="nav" aria-label={t.nav.label} style={{ overflowY: 'auto' }}>
        <Box hiddenFrom="sm" px="sm" pb="sm" mb="xs" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
          <Text size="sm" fw={600}>
            {me.name}
          </Text>
          {scope ? (
            <Text size="xs" c="dimmed">
              {scope}
            </Text>
          ) : null}
        </Box>
        {nav.map((item) => (
          <RouterNavLink
            key={item.to}
            to={item.to}
            label={item.label}
            active={isActive(pathname, item.to)}
            activeOptions={{ exact: true, includeSearch: false }}
            aria-current={isActive(pathname, item.to) ? 'page' : undefined}
            onClick={close}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main id="main-content" tabIndex={-1} style={{ outline: 'none' }}>
        <Suspense fallback={<LoadingState />}>
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}
