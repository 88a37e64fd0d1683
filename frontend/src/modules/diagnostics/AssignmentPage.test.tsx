import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { createMemoryHistory, createRootRoute, createRoute, createRouter, RouterProvider } from '@tanstack/react-router';
import { meQuery } from '../../api/queries';
import type { Me } from '../../auth/permissions';
import { createTestQueryClient, renderWithProviders } from '../../test/render';
import type { MyAssignment } from './api';
import { AssignmentPage } from './AssignmentPage';
import { t } from './messages';

const a = t.answering;
const ID = '00000000-0000-4000-8000-0000000000a1';

const me = {
  kind: 'user',
  id: 'u1',
  name: 'Педагог',
  roles: [],
  permissions: ['diagnostics:read', 'diagnostics:answer', 'diagnostics:results'],
  reach: { 'diagnostics:answer': 'own', 'diagnostics:results': 'own' },
  municipality_ids: ['m1'],
  organization_ids: [],
  teacher_id: 't1',
} as unknown as Me;

const instrument = {
  id: 'i1',
  title: 'Самодиагностика',
  kind: 'deficit',
  status: 'published',
  sections: [
    {
      area_code: 'methodical',
      title: 'Методическая компетентность',
      items: [
        { type: 'single', code: 'm.1', text: 'Что такое планируемый результат?', options: [{ key: 'a', text: 'Тема урока' }, { key: 'b', text: 'Что ученики смогут' }], correct: 'b', points: 2 },
      ],
    },
    {
      area_code: 'digital',
      title: 'Цифровая компетентность',
      items: [
        { type: 'scale', code: 'd.1', text: 'Я использую цифровые сервисы', scale_max: 3 },
        { type: 'text', code: 'd.2', text: 'Какая помощь нужна?' },
      ],
    },
  ],
  scale: { deficit_below: 50, partial_below: 75, areas: {} },
};

const open = {
  id: ID,
  municipality_id: 'm1',
  campaign_id: 'c1',
  campaign_title: 'Мониторинг профессиональных дефицитов',
  opens_on: '2026-11-18',
  closes_on: '2026-12-23',
  teacher_id: 't1',
  organization_id: 'o1',
  status: 'in_progress',
  status_label: 'Начато',
  started_at: '2026-12-01T10:00:00Z',
  submitted_at: null,
  last_reminded_at: null,
  reminder_count: 0,
  answered: 1,
  item_count: 3,
  version: 4,
  actions: ['answer', 'submit'],
  instrument,
  answers: { 'm.1': 'b' },
  results: [],
} as unknown as MyAssignment;

const results = [
  { area_code: 'methodical', area_name: 'Методическая', score: '2.00', max_score: '2.00', percent: '100.00', band: 'none', band_label: 'Нет' },
  { area_code: 'digital', area_name: 'Цифровая', score: '1.00', max_score: '3.00', percent: '33.33', band: 'deficit', band_label: 'Дефицит' },
];

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ETag: '"5"' } });
const problem = (status: number, body: Record<string, unknown>) =>
  new Response(JSON.stringify({ type: 'about:blank', status, ...body }), { status, headers: { 'Content-Type': 'application/problem+json' } });

/** The server: GET answers the latest state (`server.current`), writes answer through `answer`. */
function setup(assignment: MyAssignment, answer: (request: Request) => Response | Promise<Response>, server = { current: assignment }) {
  const calls: { method: string; url: string; ifMatch: string | null; body: unknown }[] = [];
  vi.stubGlobal('fetch', async (request: Request) => {
    const text = request.method === 'GET' ? '' : await request.clone().text();
    calls.push({ method: request.method, url: request.url, ifMatch: request.headers.get('If-Match'), body: text ? JSON.parse(text) : null });
    if (request.method === 'GET') return json(server.current);
    return answer(request);
  });
  const qc = createTestQueryClient();
  qc.setQueryData(meQuery.queryKey, me);
  const rootRoute = createRootRoute();
  const page = createRoute({ getParentRoute: () => rootRoute, path: '/', component: () => <AssignmentPage assignmentId={ID} /> });
  const router = createRouter({ routeTree: rootRoute.addChildren([page]), history: createMemoryHistory({ initialEntries: ['/'] }) });
  renderWithProviders(<RouterProvider router={router} />, qc);
  return calls;
}

describe('answering a diagnostic', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('resumes at the first unanswered section and autosaves only the changed answer with If-Match', async () => {
    const calls = setup(open, () => json({ ...open, version: 5, answers: { 'm.1': 'b', 'd.1': 2 }, answered: 2 }));
    expect(await screen.findByText(a.section(2, 2))).toBeInTheDocument();
    expect(screen.getByTestId('answer-progress')).toHaveTextContent(t.diagnostics.progress(1, 3));
    fireEvent.click(screen.getByRole('radio', { name: '2' }));
    expect(screen.getByTestId('answer-progress')).toHaveTextContent(t.diagnostics.progress(2, 3));
    await waitFor(() => expect(screen.getByTestId('save-state')).toHaveTextContent(a.saved), { timeout: 3000 });
    const put = calls.filter((c) => c.method === 'PUT');
    expect(put).toHaveLength(1);
    expect(put[0]).toMatchObject({ ifMatch: '"4"', body: { answers: { 'd.1': 2 } } });
  });

  it('a 412 (answered elsewhere) stops autosaving and offers «Обновить»', async () => {
    setup(open, () => problem(412, { title: 'Запись изменена', code: 'version_mismatch' }));
    fireEvent.click(await screen.findByRole('radio', { name: '1' }));
    expect(await screen.findByTestId('save-conflict', {}, { timeout: 3000 })).toHaveTextContent(a.conflict);
    expect(screen.getByRole('button', { name: a.reload })).toBeInTheDocument();
  });

  it('submission warns about unanswered items, then shows the profile in words, read-only', async () => {
    const done = { ...open, status: 'submitted', version: 6, actions: [], submitted_at: '2026-12-02T10:00:00Z', results };
    const server = { current: open };
    const calls = setup(
      open,
      (request) => {
        if (!request.url.endsWith('/submit')) return json({ ...open, version: 5 });
        server.current = done;
        return json(done);
      },
      server,
    );
    fireEvent.click(await screen.findByRole('button', { name: a.toSubmit }));
    const dialog = await screen.findByRole('dialog', { name: a.submitTitle });
    expect(within(dialog).getByTestId('unanswered-warning')).toHaveTextContent(a.unanswered(2));
    fireEvent.click(within(dialog).getByRole('button', { name: a.confirmSubmit }));
    const result = await screen.findByTestId('assignment-result');
    expect(result).toHaveTextContent('Дефицит');
    expect(result).toHaveTextContent('Нет дефицита');
    expect(result).toHaveTextContent('33,3 %');
    expect(screen.getByTestId('assignment-notice')).toHaveTextContent(a.readOnly);
    const submit = calls.find((c) => c.url.endsWith('/submit'))!;
    expect(submit.ifMatch).toBe('"4"');
    expect(screen.getByRole('radio', { name: '1' })).toBeDisabled();
  });

  it('a closed campaign refuses saving with the API’s words and the page turns read-only', async () => {
    const detail = 'Мониторинг закрыт 23.12.2026: ответы больше не принимаются';
    setup(open, () => problem(409, { title: 'Конфликт данных', code: 'campaign_closed', detail }));
    fireEvent.click(await screen.findByRole('radio', { name: '3' }));
    expect(await screen.findByTestId('save-error', {}, { timeout: 3000 })).toHaveTextContent(detail);
    expect(screen.getByTestId('assignment-notice')).toHaveTextContent(detail);
    expect(screen.getByRole('radio', { name: '0' })).toBeDisabled();
  });
});
