import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { meQuery } from '../../api/queries';
import type { Me } from '../../auth/permissions';
import type { Practice } from '../../api/types';
import { createTestQueryClient, renderWithProviders } from '../../test/render';
import { t } from './messages';
import { ReviewModal, StartReviewModal } from './ReviewModals';

const me = {
  kind: 'user',
  id: 'u1',
  name: 'Эксперт',
  roles: [],
  permissions: ['practices:read', 'practices:review'],
  reach: { 'practices:read': 'municipality', 'practices:review': 'municipality' },
  municipality_ids: ['m1'],
  organization_ids: [],
  teacher_id: null,
} as unknown as Me;

const practice = { id: '00000000-0000-4000-8000-0000000000p1', title: 'Проектная деятельность', version: 4 } as unknown as Practice;
const criterion = (code: string, name: string, max = 3) => ({
  id: code,
  municipality_id: 'm1',
  code,
  name,
  max_score: max,
  sort_order: 0,
  is_active: true,
  version: 1,
  actions: [],
});
const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' } });

function setup(ui: React.ReactElement, answer: (request: Request) => Response) {
  const calls: Request[] = [];
  vi.stubGlobal('fetch', async (request: Request) => {
    calls.push(request);
    return answer(request);
  });
  const qc = createTestQueryClient();
  qc.setQueryData(meQuery.queryKey, me);
  renderWithProviders(ui, qc);
  return calls;
}

describe('review of a practice', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('scores every criterion within its maximum, shows the total and sends the scores with the version', async () => {
    const calls = setup(<ReviewModal opened onClose={vi.fn()} practice={practice} />, (request) =>
      request.url.includes('/practice-criteria')
        ? json({ items: [criterion('relevance', 'Актуальность'), criterion('novelty', 'Новизна', 5)], total: 2 })
        : json({ ...practice, version: 5 }, 201),
    );
    const first = await screen.findByRole('textbox', { name: /Актуальность/ });
    fireEvent.change(first, { target: { value: '4' } });
    fireEvent.click(screen.getByRole('button', { name: t.practices.actions.review }));
    expect(await screen.findByText(t.practices.scoreError(3))).toBeInTheDocument();
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);
    fireEvent.change(first, { target: { value: '3' } });
    fireEvent.change(screen.getByRole('textbox', { name: /Новизна/ }), { target: { value: '5' } });
    expect(screen.getByTestId('review-total')).toHaveTextContent(t.practices.totalLine(8, 8));
    fireEvent.click(screen.getByRole('button', { name: t.practices.actions.review }));
    await waitFor(() => expect(calls.filter((c) => c.method === 'POST')).toHaveLength(1));
    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.headers.get('If-Match')).toBe('"4"');
    expect(await post.json()).toEqual({ scores: { relevance: 3, novelty: 5 }, recommendation: 'publish', comment: null });
  });

  it('an expert from the authors’ school: the API’s refusal is shown as it says it', async () => {
    const detail = 'Коллегова Анна Ивановна работает в организации авторов практики (СОШ № 22): эксперт должен быть из другой организации';
    setup(<StartReviewModal opened onClose={vi.fn()} practice={practice} />, (request) =>
      request.url.includes('reviewer-candidates')
        ? json({ items: [{ user_id: 'u2', full_name: 'Новикова Анна Петровна', conflict: null }], total: 1 })
        : json({ type: 'about:blank', status: 422, title: 'Ошибка в данных', code: 'reviewer_same_school', detail }, 422),
    );
    await screen.findByText(t.practices.startReviewIntro);
    await waitFor(() => expect(screen.getByRole('button', { name: t.practices.actions.startReview })).toBeEnabled());
    fireEvent.click(screen.getByRole('button', { name: t.practices.actions.startReview }));
    expect(await screen.findByTestId('practice-refusal')).toHaveTextContent('СОШ № 22');
  });
});
