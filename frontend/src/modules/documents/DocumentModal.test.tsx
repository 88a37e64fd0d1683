import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { meQuery } from '../../api/queries';
import type { Me } from '../../auth/permissions';
import { createTestQueryClient, renderWithProviders } from '../../test/render';
import { approvedPlan } from './testDocument';
import { t } from './messages';
import { DocumentModal } from './DocumentModal';

const me = {
  kind: 'user',
  id: 'u1',
  name: 'Администратор школы',
  roles: [],
  permissions: ['documents:read', 'documents:write', 'files:write'],
  reach: { 'documents:read': 'organization', 'documents:write': 'organization' },
  municipality_ids: ['m1'],
  organization_ids: ['o1'],
  teacher_id: null,
} as unknown as Me;

function setup(answer: (request: Request) => Response) {
  const calls: Request[] = [];
  vi.stubGlobal('fetch', async (request: Request) => {
    calls.push(request);
    return answer(request);
  });
  const qc = createTestQueryClient();
  qc.setQueryData(meQuery.queryKey, me);
  renderWithProviders(<DocumentModal opened onClose={vi.fn()} doc={approvedPlan} />, qc);
  return calls;
}

describe('DocumentModal', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('warns that changing an approved document’s essentials returns it to draft, and sends only the change with If-Match', async () => {
    const calls = setup(
      () =>
        new Response(JSON.stringify({ ...approvedPlan, number: '15-о', status: 'draft', version: 3, warnings: ['снова черновик'] }), {
          status: 200,
          headers: { 'Content-Type': 'application/json' },
        }),
    );
    expect(await screen.findByText(t.documents.fields.approvedHint)).toBeTruthy();
    fireEvent.change(screen.getByLabelText(t.documents.fields.number), { target: { value: '15-о' } });
    fireEvent.click(screen.getByRole('button', { name: t.common.save }));
    await waitFor(() => expect(calls.some((c) => c.method === 'PATCH')).toBe(true));
    const patch = calls.find((c) => c.method === 'PATCH')!;
    expect(patch.headers.get('If-Match')).toBe('"2"');
    expect(await patch.json()).toEqual({ number: '15-о' });
  });

  it('shows the API’s field error (a link that is refused) next to the field', async () => {
    const calls = setup(
      () =>
        new Response(
          JSON.stringify({
            type: 'about:blank',
            status: 422,
            title: 'Ошибка в данных',
            code: 'validation_error',
            errors: [{ field: 'body.url', code: 'file_or_link', message: 'Укажите либо файл, либо ссылку — не то и другое сразу' }],
          }),
          { status: 422, headers: { 'Content-Type': 'application/problem+json' } },
        ),
    );
    fireEvent.change(await screen.findByLabelText(/Ссылка на документ/), { target: { value: 'https://x.ru/b.pdf' } });
    fireEvent.click(screen.getByRole('button', { name: t.common.save }));
    await waitFor(() => expect(calls.length).toBeGreaterThan(0));
    expect(await screen.findByText('Укажите либо файл, либо ссылку — не то и другое сразу')).toBeTruthy();
  });
});
