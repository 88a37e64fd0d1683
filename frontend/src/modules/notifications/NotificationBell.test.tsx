import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { createMemoryHistory, createRootRoute, createRoute, createRouter, RouterProvider } from '@tanstack/react-router';
import { createTestQueryClient, renderWithProviders } from '../../test/render';
import { POLL_MS, unreadCountQuery } from './api';
import { t } from './messages';
import { NotificationBell } from './NotificationBell';

const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });
const item = {
  id: 'n1',
  kind: 'help_request_closed',
  title: 'Обращение закрыто: решено в полном объёме',
  body: 'Задания составлены',
  link: '/help-requests/r1',
  created_at: '2026-12-01T10:00:00Z',
  read_at: null,
};

function renderBell() {
  const calls: Request[] = [];
  vi.stubGlobal('fetch', async (request: Request) => {
    calls.push(request);
    if (request.url.endsWith('/unread-count')) return json({ unread: 1 });
    if (request.url.includes('/read')) return json({ ...item, read_at: '2026-12-01T11:00:00Z' });
    return json({ items: [item], total: 1, limit: 10, offset: 0 });
  });
  const rootRoute = createRootRoute();
  const home = createRoute({ getParentRoute: () => rootRoute, path: '/', component: () => <NotificationBell /> });
  const target = createRoute({ getParentRoute: () => rootRoute, path: '/help-requests/$id', component: () => <p>карточка обращения</p> });
  const router = createRouter({ routeTree: rootRoute.addChildren([home, target]), history: createMemoryHistory({ initialEntries: ['/'] }) });
  renderWithProviders(<RouterProvider router={router} />, createTestQueryClient());
  return { calls, router };
}

describe('notifications bell', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('asks for the unread count every minute', () => {
    expect(unreadCountQuery.refetchInterval).toBe(POLL_MS);
    expect(POLL_MS).toBe(60_000);
  });

  it('shows the unread count; a click on a notification marks it read and opens its screen', async () => {
    const { calls, router } = renderBell();
    const bell = await screen.findByRole('button', { name: t.notifications.bell(1) });
    fireEvent.click(bell);
    fireEvent.click(await screen.findByText(item.title));
    await waitFor(() => expect(router.state.location.pathname).toBe('/help-requests/r1'));
    expect(calls.some((c) => c.method === 'POST' && c.url.endsWith('/notifications/n1/read'))).toBe(true);
  });
});
