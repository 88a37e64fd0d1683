import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, within } from '@testing-library/react';
import { createMemoryHistory, createRootRoute, createRoute, createRouter, RouterProvider } from '@tanstack/react-router';
import { meQuery } from '../../api/queries';
import type { Me } from '../../auth/permissions';
import { createTestQueryClient, renderWithProviders } from '../../test/render';
import { CampaignPage } from './CampaignPage';
import { t } from './messages';

const c = t.campaigns;
const CID = '00000000-0000-4000-8000-0000000000c1';
const AID = '00000000-0000-4000-8000-0000000000a2';

const meWith = (permissions: string[]) =>
  ({
    kind: 'user',
    id: 'u1',
    name: 'Методист',
    roles: [],
    permissions,
    reach: Object.fromEntries(permissions.map((p) => [p, 'municipality'])),
    municipality_ids: ['m1'],
    organization_ids: [],
    teacher_id: null,
  }) as unknown as Me;

const methodologist = meWith(['diagnostics:read', 'diagnostics:write', 'diagnostics:results', 'diagnostics:monitor', 'diagnostics:remind', 'routes:write']);
const department = meWith(['diagnostics:read', 'diagnostics:write', 'diagnostics:monitor']);

const campaign = {
  id: CID,
  municipality_id: 'm1',
  instrument_id: 'i1',
  instrument_title: 'Самодиагностика',
  instrument_version: 1,
  instrument_kind: 'deficit',
  title: 'Мониторинг дефицитов',
  opens_on: '2026-11-18',
  closes_on: '2026-12-23',
  state: 'open',
  target: { organization_ids: [], position_codes: [], subject_codes: [], young_only: false },
  repeat_yearly: false,
  launched_at: '2026-11-18T03:00:00Z',
  assigned: 2,
  submitted: 1,
  version: 1,
  actions: ['update', 'archive'],
};
const waiting = {
  id: AID,
  campaign_id: CID,
  campaign_title: campaign.title,
  teacher_id: 't2',
  teacher_name: 'Иванова Мария Петровна',
  organization_id: 'o1',
  organization_name: 'СОШ № 22',
  status: 'in_progress',
  status_label: 'Начато',
  answered: 3,
  item_count: 17,
  reminder_count: 1,
  last_reminded_at: '2026-12-02T09:00:00Z',
  version: 2,
  actions: ['remind'],
};
const profile = {
  assignment_id: 'a-done',
  campaign_id: CID,
  campaign_title: campaign.title,
  teacher_id: 't3',
  teacher_name: 'Петров Пётр Петрович',
  organization_name: 'Гимназия № 33',
  submitted_at: '2026-12-01T10:00:00Z',
  areas: [{ area_code: 'digital', area_name: 'Цифровая', score: '1', max_score: '9', percent: '11.11', band: 'deficit', band_label: 'Дефицит' }],
  deficit_areas: ['digital'],
};

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });

function setup(me: Me, remind: () => Response = () => json(waiting)) {
  const calls: string[] = [];
  vi.stubGlobal('fetch', async (request: Request) => {
    const url = new URL(request.url);
    calls.push(`${request.method} ${url.pathname}`);
    if (url.pathname.endsWith('/remind')) return remind();
    if (url.pathname.endsWith('/completion')) return json([{ organization_id: 'o1', organization_name: 'СОШ № 22', assigned: 2, started: 1, submitted: 1, percent: 50 }]);
    if (url.pathname.endsWith('/assignments')) return json({ items: [waiting], total: 1, limit: 25, offset: 0 });
    if (url.pathname.endsWith('/deficit-profiles')) return json({ items: [profile], total: 1, limit: 25, offset: 0 });
    return json(campaign);
  });
  const qc = createTestQueryClient();
  qc.setQueryData(meQuery.queryKey, me);
  const rootRoute = createRootRoute();
  const page = createRoute({ getParentRoute: () => rootRoute, path: '/', component: () => <CampaignPage campaignId={CID} /> });
  const router = createRouter({ routeTree: rootRoute.addChildren([page]), history: createMemoryHistory({ initialEntries: ['/'] }) });
  renderWithProviders(<RouterProvider router={router} />, qc);
  return calls;
}

describe('campaign page', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('a refused reminder (429) says in Russian when the next one is possible', async () => {
    const detail = 'Напоминание уже отправлено 02.12.2026 09:00 UTC; следующее — не раньше 03.12.2026 09:00 UTC';
    setup(methodologist, () =>
      json({ type: 'about:blank', status: 429, title: 'Слишком часто', code: 'reminder_too_soon', detail }, 429, { 'Retry-After': '3600' }),
    );
    fireEvent.click(await screen.findByRole('button', { name: c.remindFor(waiting.teacher_name) }));
    const refusal = await screen.findByTestId('remind-refusal');
    expect(refusal).toHaveTextContent(c.remindTooSoon);
    expect(refusal).toHaveTextContent(detail);
    expect(refusal).toHaveTextContent(/Следующее напоминание можно отправить после \d{2}\.\d{2}\.\d{4} \d{2}:\d{2}/);
  });

  it('completion as bars with figures; each profile with its bands in words and «Составить ИОМ» to the route editor', async () => {
    setup(methodologist);
    const completion = await screen.findByTestId('campaign-completion');
    expect(await within(completion).findByText('50 %')).toBeInTheDocument();
    const profiles = screen.getByTestId('campaign-profiles');
    expect(await within(profiles).findByText('Цифровая: дефицит')).toBeInTheDocument();
    const plan = within(profiles).getByRole('link', { name: t.diagnostics.buildRouteFor(profile.teacher_name) });
    expect(plan).toHaveAttribute('href', '/individual-routes/new?assignment=a-done');
  });

  it('the department sees aggregated figures only: no teachers, no reminders, no profiles', async () => {
    const calls = setup(department);
    await screen.findByTestId('campaign-completion');
    expect(screen.queryByTestId('campaign-not-finished')).not.toBeInTheDocument();
    expect(screen.queryByTestId('campaign-profiles')).not.toBeInTheDocument();
    expect(calls.some((x) => x.includes('/assignments') || x.includes('/deficit-profiles'))).toBe(false);
  });
});
