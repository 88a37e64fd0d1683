import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import dayjs from 'dayjs';
import type { Attestation } from '../../api/types';
import { formatDate } from '../../lib/format';
import { renderWithProviders } from '../../test/render';
import { archiveAttestation, updateAttestation } from './api';
import { DecisionModal } from './DecisionModal';
import { t } from './messages';

const d = t.attestation.decision;
// The form's default date is today: the application is a month older, whenever the test runs.
const appliedOn = dayjs().subtract(30, 'day').format('YYYY-MM-DD');

const pending: Attestation = {
  id: '00000000-0000-4000-8000-0000000000a1',
  municipality_id: 'm1',
  teacher_id: '00000000-0000-4000-8000-0000000000b1',
  teacher_name: 'Иванова Мария Петровна',
  organization_id: 'o1',
  organization_name: 'СОШ № 22',
  position_name: 'учитель',
  category_sought: 'highest',
  category_sought_label: 'высшая квалификационная категория',
  applied_on: appliedOn,
  decided_on: null,
  result: null,
  status: 'pending',
  status_label: 'на рассмотрении',
  order_number: null,
  version: 4,
  created_at: '2026-10-01T10:00:00Z',
  updated_at: '2026-10-01T10:00:00Z',
  archived_at: null,
  archive_reason: null,
  actions: ['update', 'decide', 'archive'],
};

describe('DecisionModal', () => {
  const calls: Request[] = [];
  afterEach(() => {
    calls.length = 0;
    vi.unstubAllGlobals();
  });

  it('a grant without an order is refused before sending; with it, the decision goes with If-Match of the version on screen', async () => {
    vi.stubGlobal('fetch', async (request: Request) => {
      calls.push(request);
      const decided = { ...pending, status: 'granted', result: 'granted', decided_on: dayjs().format('YYYY-MM-DD'), order_number: 'приказ № 1234', version: 5 };
      return new Response(JSON.stringify(decided), { status: 200, headers: { 'Content-Type': 'application/json' } });
    });
    const onDecided = vi.fn();
    renderWithProviders(<DecisionModal attestation={pending} onClose={vi.fn()} onDecided={onDecided} />);
    fireEvent.click(screen.getByRole('button', { name: d.submit }));
    expect(await screen.findByText(d.orderRequired)).toBeInTheDocument();
    expect(calls).toHaveLength(0);

    fireEvent.input(screen.getByLabelText(d.orderNumber, { exact: false }), { target: { value: 'приказ № 1234' } });
    fireEvent.click(screen.getByRole('button', { name: d.submit }));
    await waitFor(() => expect(onDecided).toHaveBeenCalledTimes(1));
    expect(calls).toHaveLength(1);
    expect(calls[0]!.url).toMatch(/attestations\/[0-9a-f-]+\/decision$/);
    expect(calls[0]!.headers.get('If-Match')).toBe('"4"');
    const body = (await calls[0]!.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ result: 'granted', order_number: 'приказ № 1234' });
    expect(onDecided.mock.calls[0]![0]).toMatchObject({ status: 'granted' });
  });

  it('shows the API’s field error (a decision dated before the application) next to the date', async () => {
    vi.stubGlobal('fetch', async () =>
      new Response(
        JSON.stringify({
          type: 'about:blank',
          title: 'Ошибка в данных',
          status: 422,
          code: 'validation_error',
          errors: [{ field: 'body.decided_on', code: 'before_application', message: d.beforeApplied(formatDate(appliedOn)) }],
        }),
        { status: 422, headers: { 'Content-Type': 'application/problem+json' } },
      ),
    );
    renderWithProviders(<DecisionModal attestation={pending} onClose={vi.fn()} onDecided={vi.fn()} />);
    fireEvent.click(screen.getByLabelText(d.refused));
    fireEvent.click(screen.getByRole('button', { name: d.submit }));
    expect(await screen.findByText(d.beforeApplied(formatDate(appliedOn)))).toBeInTheDocument();
  });

  it('other writes send If-Match too', async () => {
    vi.stubGlobal('fetch', async (request: Request) => {
      calls.push(request);
      return new Response(JSON.stringify(pending), { status: 200, headers: { 'Content-Type': 'application/json' } });
    });
    await updateAttestation(pending, { applied_on: '2026-10-02' });
    await archiveAttestation(pending, 'внесено ошибочно');
    expect(calls.map((c) => [c.method, c.headers.get('If-Match')])).toEqual([
      ['PATCH', '"4"'],
      ['POST', '"4"'],
    ]);
  });
});
