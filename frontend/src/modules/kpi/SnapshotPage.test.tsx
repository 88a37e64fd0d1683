import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { createTestQueryClient, renderWithProviders } from '../../test/render';
import type { SnapshotDetail } from './api';
import { t } from './messages';
import { SnapshotView } from './SnapshotPage';

const s = t.kpi.snapshots;

const submitted = {
  id: '00000000-0000-4000-8000-0000000000d1',
  municipality_id: 'm1',
  municipality_name: 'город Кострома',
  period: '2024/2025',
  status: 'submitted',
  indicators: ['PD-3Y'],
  reference_date: '2025-08-31',
  created_at: '2026-12-01T09:00:00Z',
  created_by_name: 'Методист',
  submitted_at: '2026-12-01T10:00:00Z',
  submitted_by_name: 'Методист',
  decided_at: null,
  decided_by_name: null,
  comment: null,
  supersedes_id: null,
  superseded_by_id: null,
  version: 3,
  actions: ['approve', 'return'],
  rows: [
    { indicator: 'PD-3Y', period: '2024/2025', unit_kind: 'municipality', unit_id: 'm1', unit_name: 'город Кострома', numerator: 91, denominator: 162, value: 56.17284, target: 60, status: 'close', source: 'snapshot' },
  ],
  history: [
    { at: '2026-12-01T09:00:00Z', action: 'created', by_name: 'Методист', comment: null },
    { at: '2026-12-01T10:00:00Z', action: 'submitted', by_name: 'Методист', comment: null },
  ],
} as unknown as SnapshotDetail;

function setup() {
  const calls: Request[] = [];
  vi.stubGlobal('fetch', async (request: Request) => {
    calls.push(request);
    if (request.url.includes('/kpi/indicators')) return new Response(JSON.stringify({ items: [], total: 0 }), { status: 200, headers: { 'Content-Type': 'application/json' } });
    return new Response(JSON.stringify({ ...submitted, status: 'returned', actions: [] }), { status: 200, headers: { 'Content-Type': 'application/json' } });
  });
  renderWithProviders(<SnapshotView snapshot={submitted} onReload={vi.fn()} />, createTestQueryClient());
  return calls;
}

describe('snapshot card', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows the buttons the snapshot’s actions allow (not guessed from roles), its values and history', () => {
    setup();
    expect(screen.getByRole('button', { name: s.actions.approve })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: s.actions.return })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: s.actions.submit })).toBeNull();
    expect(screen.queryByRole('button', { name: s.actions.discard })).toBeNull();
    expect(screen.getByText('91 из 162')).toBeInTheDocument();
    expect(screen.getByTestId('kpi-snapshot-history')).toHaveTextContent(s.historyActions.submitted!);
  });

  it('returning asks what to fix and sends it with If-Match of the version on screen', async () => {
    const calls = setup();
    fireEvent.click(screen.getByRole('button', { name: s.actions.return }));
    const dialog = await screen.findByRole('dialog', { name: s.returnTitle });
    const confirm = dialog.querySelectorAll('button');
    fireEvent.click(confirm[confirm.length - 1]!);
    expect(await screen.findByText(s.commentRequired)).toBeInTheDocument();
    fireEvent.change(screen.getByRole('textbox', { name: s.comment }), { target: { value: 'Нет выступлений СОШ № 5' } });
    fireEvent.click(confirm[confirm.length - 1]!);
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.url).toContain(`/kpi/snapshots/${submitted.id}/return`);
    expect(post.headers.get('If-Match')).toBe('"3"');
    expect(await post.json()).toEqual({ comment: 'Нет выступлений СОШ № 5' });
  });
});
