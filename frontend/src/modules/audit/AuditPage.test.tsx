import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import { createMemoryHistory, createRootRoute, createRoute, createRouter, RouterProvider } from '@tanstack/react-router';
import { auditListQuery } from './api';
import { type AuditEvent } from '../../api/types';
import { pluralRu } from '../../lib/format';
import { DEFAULT_LIMIT } from '../../lib/search';
import { createTestQueryClient, renderWithProviders } from '../../test/render';
import { AuditPage, ChangesList } from './AuditPage';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

const teacherId = '6f1c2a8e-0b7d-4c1e-9a53-2f8d7c6b5a41';
const hiddenId = '0d9e8f7a-6b5c-4d3e-8f2a-1b0c9d8e7f6a';

function entry(over: Partial<AuditEvent>): AuditEvent {
  return {
    id: crypto.randomUUID(),
    municipality_id: 'a3b2c1d0-e9f8-4a7b-8c6d-5e4f3a2b1c0d',
    occurred_at: '2026-03-02T09:15:00Z',
    actor_type: 'user',
    actor_id: '9b8a7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
    actor_name: 'Смирнова Ольга Ивановна',
    action: 'update',
    entity_type: 'teacher',
    entity_id: teacherId,
    changes: { employments: { before: [], after: [['3f2e1d0c-b9a8-4765-8432-10fedcba9876', 'teacher']] } },
    request_id: null,
    ip: null,
    actor_label: 'Смирнова Ольга Ивановна',
    action_label: 'Изменение',
    entity_type_label: 'Педагог',
    entity_label: 'Иванова Мария Петровна',
    change_list: [],
    ...over,
  };
}

const items: AuditEvent[] = [
  entry({
    change_list: [
      { field: 'phone', field_label: 'Телефон', before_text: '—', after_text: '+7 900 000-00-00' },
      {
        field: 'employments',
        field_label: 'Места работы',
        before_text: '—',
        after_text: 'Школа № 22, учитель (основное), ставка 1, с 01.09.2014',
      },
    ],
  }),
  entry({
    entity_id: hiddenId,
    entity_label: 'Педагог',
    changes: null,
    change_list: [{ field: 'last_name', field_label: 'Фамилия', before_text: 'скрыто', after_text: 'скрыто' }],
  }),
  entry({
    actor_type: 'client',
    actor_label: 'Интеграция «Кадры»',
    action: 'create',
    action_label: 'Создание',
    entity_type: 'organization',
    entity_label: 'СОШ № 7',
    entity_type_label: 'Организация',
    change_list: [{ field: 'is_low_results', field_label: 'ШНОР', before_text: null, after_text: 'нет' }],
  }),
];

async function renderPage() {
  const queryClient = createTestQueryClient();
  queryClient.setQueryData(
    auditListQuery({ limit: DEFAULT_LIMIT, offset: 0, sort: '-occurred_at' }).queryKey,
    { items, total: items.length, limit: DEFAULT_LIMIT, offset: 0 },
  );
  const rootRoute = createRootRoute();
  const auditRoute = createRoute({ getParentRoute: () => rootRoute, path: '/', component: () => <AuditPage /> });
  const router = createRouter({
    routeTree: rootRoute.addChildren([auditRoute]),
    history: createMemoryHistory({ initialEntries: ['/'] }),
  });
  renderWithProviders(<RouterProvider router={router} />, queryClient);
  return screen.findByTestId('audit-table');
}

describe('audit log as a person reads it', () => {
  it('shows the API texts: who, action, the record by name, Russian fields — no ids, codes or JSON', async () => {
    const table = await renderPage();
    const text = table.textContent ?? '';
    expect(text).toContain('Смирнова Ольга Ивановна');
    expect(text).toContain('Иванова Мария Петровна');
    expect(text).toContain('Интеграция «Кадры»');
    expect(text).toContain('СОШ № 7');
    expect(screen.getAllByText('Телефон:')).toHaveLength(1);
    expect(text).toContain('— → +7 900 000-00-00');
    expect(text).toContain('Школа № 22, учитель (основное), ставка 1, с 01.09.2014');
    expect(text).toContain('ШНОР: нет');
    expect(text).not.toMatch(UUID);
    expect(text).not.toMatch(/employments|phone|teacher|is_low_results|update|create|\{|\[/);
  });

  it('links only to the teachers the reader may open', async () => {
    const table = await renderPage();
    const links = Array.from(table.querySelectorAll('a')).map((a) => a.getAttribute('href'));
    expect(links.some((href) => href?.includes(teacherId))).toBe(true);
    expect(links.some((href) => href?.includes(hiddenId))).toBe(false);
  });

  it('prints a value recorded as is without an arrow', () => {
    renderWithProviders(
      <ChangesList changes={[{ field: 'reason', field_label: 'Причина', before_text: null, after_text: 'уволилась' }]} />,
    );
    expect(screen.getByText('Причина:')).toBeInTheDocument();
    expect(screen.getByText(/уволилась/).textContent).not.toContain('→');
  });

  it('picks the Russian plural form', () => {
    expect([1, 2, 5, 11, 21, 22, 25, 112].map((n) => pluralRu(n, ['запись', 'записи', 'записей']))).toEqual([
      'запись',
      'записи',
      'записей',
      'записей',
      'запись',
      'записи',
      'записей',
      'записей',
    ]);
  });
});
