import type { ComponentPropsWithRef } from 'react';
import { AppShell, Burger, Group, NavLink, type NavLinkProps, Title, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { createLink, Outlet, useNavigate, useRouterState } from '@tanstack/react-router';
import { t } from '../i18n/messages';

type NavLinkAnchorProps = NavLinkProps & Omit<ComponentPropsWithRef<'a'>, keyof NavLinkProps>;

function NavLinkAnchor(props: NavLinkAnchorProps) {
  return <NavLink component="a" {...props} />;
}

// Mantine NavLink that navigates through TanStack Router (typed `to`, preloading).
const RouterNavLink = createLink(NavLinkAnchor);

const navItems = [
  { to: '/', label: t.nav.home },
  { to: '/organizations', label: t.nav.organizations },
  { to: '/teachers', label: t.nav.teachers },
  { to: '/teachers/import', label: t.nav.teachersImport },
  { to: '/users', label: t.nav.users },
  { to: '/integrations', label: t.nav.integrations },
  { to: '/audit', label: t.nav.audit },
] as const;

export function AppLayout() {
  const [opened, { toggle }] = useDisclosure();
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const navigate = useNavigate();

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 260, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Group>
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" />
            <Title order={4}>{t.app.name}</Title>
          </Group>
          <UnstyledButton onClick={() => void navigate({ to: '/login' })}>{t.nav.signOut}</UnstyledButton>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs">
        {navItems.map((item) => (
          <RouterNavLink key={item.to} to={item.to} label={item.label} active={pathname === item.to} />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
