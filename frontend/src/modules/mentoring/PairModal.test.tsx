import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { meQuery } from '../../api/queries';
import type { Me } from '../../auth/permissions';
import { createTestQueryClient, renderWithProviders } from '../../test/render';
import { archivePair, updatePair } from './api';
import { t } from './messages';
import { activePair } from './testPair';
import { PairModal } from './PairModal';

const me = {
  kind: 'user',
  id: 'u1',
  name: 'Методист',
  roles: [],
  permissions: ['mentoring:read', 'mentoring:write'],
  reach: { 'mentoring:read': 'municipality', 'mentoring:write': 'municipality' },
  municipality_ids: ['m1'],
  organization_ids: [],
  teacher_id: null,
} as unknown as Me;

const municipality = { id: 'm1', name: 'город Кострома', mentoring_max_mentees: 3, mentoring_young_mentors_allowed: false, version: 1 };

function problem(status: number, body: Record<string, unknown>) {
  return new Response(JSON.stringify({ type: 'about:blank', status, ...body }), {
    status,
    headers: { 'Content-Type': 'application/problem+json' },
  });
}

function setup(answer: (request: Request) => Response) {
  const calls: Request[] = [];
  vi.stubGlobal('fetch', async (request: Request) => {
    calls.push(request);
    if (request.url.includes('/municipalities/')) {
      return new Response(JSON.stringify(municipality), { status: 200, headers: { 'Content-Type': 'application/json' } });
    }
    return answer(request);
  });
  const qc = createTestQueryClient();
  qc.setQueryData(meQuery.queryKey, me);
  renderWithProviders(<PairModal opened onClose={vi.fn()} pair={activePair} />, qc);
  return calls;
}

describe('PairModal', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('says the municipality’s rules before the user runs into them', async () => {
    setup(() => new Response('{}'));
    expect(await screen.findByTestId('mentoring-rules')).toHaveTextContent(t.mentoring.rules(3, false));
  });

  it('a 409 (the mentee already has an active mentor) is shown as the API says it, naming the pair', async () => {
    const detail =
      'У педагога Голубев Владимир Андреевич уже есть действующий наставник: Смирнова Ольга Ивановна (пара с 01.09.2026). Завершите ту пару, прежде чем назначать другого наставника.';
    const calls = setup(() => problem(409, { title: 'Конфликт данных', code: 'active_mentor_exists', detail }));
    fireEvent.change(screen.getByLabelText(t.mentoring.fields.goal), { target: { value: 'Классное руководство' } });
    fireEvent.click(screen.getByRole('button', { name: t.common.save }));
    const alert = await screen.findByTestId('pair-refusal');
    expect(alert).toHaveTextContent(t.mentoring.conflictTitle);
    expect(alert).toHaveTextContent(detail);
    const patch = calls.find((c) => c.method === 'PATCH')!;
    expect(patch.headers.get('If-Match')).toBe('"7"');
    expect(await patch.json()).toEqual({ goal: 'Классное руководство' });
  });

  it('a 422 young mentor is shown at the mentor field', async () => {
    const message = 'Белова А. С. — молодой педагог на 01.09.2026: по правилам муниципалитета молодой педагог не может быть наставником';
    setup(() =>
      problem(422, { title: 'Ошибка в данных', code: 'validation_error', errors: [{ field: 'body.mentor_id', code: 'young_mentor', message }] }),
    );
    fireEvent.click(screen.getByRole('button', { name: t.common.save }));
    await waitFor(() => expect(screen.getByText(message)).toBeInTheDocument());
    expect(screen.queryByTestId('pair-refusal')).not.toBeInTheDocument();
  });

  it('other writes send If-Match with the version on screen', async () => {
    const calls: Request[] = [];
    vi.stubGlobal('fetch', async (request: Request) => {
      calls.push(request);
      return new Response(JSON.stringify(activePair), { status: 200, headers: { 'Content-Type': 'application/json' } });
    });
    await updatePair(activePair, { status: 'finished' });
    await archivePair(activePair, 'создана ошибочно');
    expect(calls.map((c) => [c.method, c.headers.get('If-Match')])).toEqual([
      ['PATCH', '"7"'],
      ['POST', '"7"'],
    ]);
  });
});
