import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { renderWithProviders } from '../../test/render';
import { CloseRequestModal, EditRequestModal, ReopenModal } from './ActionModals';
import { t } from './messages';
import { closedRequest, newRequest, takenRequest } from './testRequest';

function stub(answer: (request: Request) => Response) {
  const calls: Request[] = [];
  vi.stubGlobal('fetch', async (request: Request) => {
    calls.push(request);
    return answer(request);
  });
  return calls;
}

const ok = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });

describe('help-request actions', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('closing asks for the resolution and a comment, then sends them with the version on screen', async () => {
    const calls = stub(() => ok(closedRequest));
    const onClose = vi.fn();
    renderWithProviders(<CloseRequestModal request={takenRequest} onClose={onClose} />);
    fireEvent.click(screen.getByRole('button', { name: t.help.actions.close }));
    expect(await screen.findByText(t.help.validation.resolution)).toBeInTheDocument();
    expect(calls).toHaveLength(0);
    fireEvent.click(screen.getByLabelText(t.help.resolutions.full ?? ''));
    fireEvent.change(screen.getByLabelText(t.help.fields.comment, { exact: false }), { target: { value: 'Задания составлены' } });
    fireEvent.click(screen.getByRole('button', { name: t.help.actions.close }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    const post = calls.find((c) => c.url.endsWith('/close'))!;
    expect(post.headers.get('If-Match')).toBe('"4"');
    expect(await post.json()).toEqual({ resolution: 'full', comment: 'Задания составлены' });
  });

  it('reopening says until when it is allowed and shows the API’s refusal in Russian', async () => {
    const detail = 'Срок повторного открытия истёк 10.12.2026: обращение можно открыть снова в течение 14 дней после закрытия. Подайте новое обращение.';
    stub(
      () =>
        new Response(JSON.stringify({ type: 'about:blank', status: 409, title: 'Конфликт данных', code: 'reopen_expired', detail }), {
          status: 409,
          headers: { 'Content-Type': 'application/problem+json' },
        }),
    );
    renderWithProviders(<ReopenModal request={closedRequest} onClose={vi.fn()} />);
    expect(screen.getByText(t.help.card.reopenUntil('10.12.2026'))).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: t.help.actions.reopen }));
    expect(await screen.findByText(detail, { exact: false })).toBeInTheDocument();
  });

  it('a new request is corrected by sending only what changed, with its version', async () => {
    const calls = stub((request) =>
      request.url.includes('/reference/') ? ok({ items: [{ code: 'digital', name: 'Цифровая компетентность' }] }) : ok(newRequest),
    );
    const onClose = vi.fn();
    renderWithProviders(<EditRequestModal request={newRequest} onClose={onClose} />);
    fireEvent.change(screen.getByLabelText(t.help.fields.description, { exact: false }), { target: { value: 'Задания для 6 и 7 классов' } });
    fireEvent.click(screen.getByRole('button', { name: t.common.save }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    const patch = calls.find((c) => c.method === 'PATCH')!;
    expect(patch.headers.get('If-Match')).toBe('"1"');
    expect(await patch.json()).toEqual({ description: 'Задания для 6 и 7 классов' });
  });
});
