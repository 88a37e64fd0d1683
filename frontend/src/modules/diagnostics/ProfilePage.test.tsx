import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen } from '@testing-library/react';
import { createMemoryHistory, createRootRoute, createRoute, createRouter, RouterProvider } from '@tanstack/react-router';
import { meQuery } from '../../api/queries';
import type { Me } from '../../auth/permissions';
import { createTestQueryClient, renderWithProviders } from '../../test/render';
import { t } from './messages';
import { ProfilePage } from './ProfilePage';

const AID = '00000000-0000-4000-8000-0000000000a3';
const areas = [
  { area_code: 'subject', area_name: 'Предметная', score: '9', max_score: '10', percent: '90.00', band: 'none', band_label: 'Нет' },
  { area_code: 'digital', area_name: 'Цифровая', score: '4', max_score: '9', percent: '44.44', band: 'deficit', band_label: 'Дефицит' },
];
const meWith = (permissions: string[], teacher: string | null) =>
  ({ kind: 'user', id: 'u1', name: 'X', roles: [], permissions, reach: {}, municipality_ids: ['m1'], organization_ids: [], teacher_id: teacher }) as unknown as Me;

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

function setup(me: Me, campaignId?: string) {
  const urls: string[] = [];
  vi.stubGlobal('fetch', async (request: Request) => {
    const url = new URL(request.url);
    urls.push(`${url.pathname}${url.search}`);
    if (url.pathname.endsWith(`/deficit-profiles/${AID}`)) {
      return json({ assignment_id: AID, campaign_title: 'Мониторинг', teacher_name: 'Смирнова Анна Ивановна', organization_name: 'СОШ № 22', areas, submitted_at: '2026-12-01T10:00:00Z' });
    }
    return json({ id: AID, status: 'submitted', campaign_title: 'Мониторинг', teacher_name: 'Смирнова Анна Ивановна', submitted_at: '2026-12-01T10:00:00Z', results: areas });
  });
  const qc = createTestQueryClient();
  qc.setQueryData(meQuery.queryKey, me);
  const rootRoute = createRootRoute();
  const page = createRoute({ getParentRoute: () => rootRoute, path: '/', component: () => <ProfilePage assignmentId={AID} campaignId={campaignId} /> });
  const router = createRouter({ routeTree: rootRoute.addChildren([page]), history: createMemoryHistory({ initialEntries: ['/'] }) });
  renderWithProviders(<RouterProvider router={router} />, qc);
  return urls;
}

describe('deficit profile', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('a methodologist reads it by its assignment and may plan a route from it', async () => {
    const urls = setup(meWith(['diagnostics:read', 'diagnostics:results', 'routes:write'], null), 'c1');
    const profile = await screen.findByTestId('profile');
    expect(profile).toHaveTextContent('Смирнова Анна Ивановна');
    expect(profile).toHaveTextContent('Цифровая');
    expect(profile).toHaveTextContent('Дефицит');
    expect(profile).toHaveTextContent('44,4 %');
    expect(screen.getByRole('link', { name: t.diagnostics.buildRouteFor('Смирнова Анна Ивановна') })).toHaveAttribute('href', `/individual-routes/new?assignment=${AID}`);
    expect(urls.filter((u) => u.includes('/deficit-profiles'))).toEqual([`/api/v1/deficit-profiles/${AID}`]);
  });

  it('a teacher reads their own through their assignment, without «Составить ИОМ»', async () => {
    const urls = setup(meWith(['diagnostics:read', 'diagnostics:answer', 'diagnostics:results'], 't1'));
    expect(await screen.findByTestId('profile')).toHaveTextContent('Нет дефицита');
    expect(screen.queryByRole('link', { name: /Составить ИОМ/ })).not.toBeInTheDocument();
    expect(urls.some((u) => u.includes('/deficit-profiles'))).toBe(false);
  });
});
