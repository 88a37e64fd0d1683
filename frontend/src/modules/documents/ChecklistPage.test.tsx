import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import { createMemoryHistory, createRootRoute, createRoute, createRouter, RouterProvider } from '@tanstack/react-router';
import { meQuery, organizationOptionsQuery } from '../../api/queries';
import type { DocumentChecklist } from '../../api/types';
import type { Me } from '../../auth/permissions';
import { createTestQueryClient, renderWithProviders } from '../../test/render';
import { checklistQuery } from './api';
import { ChecklistPage } from './ChecklistPage';
import { t, TYPE_LABELS } from './messages';

const me = {
  kind: 'user',
  id: 'u1',
  name: 'Методист',
  roles: [],
  permissions: ['documents:read', 'documents:checklist'],
  reach: { 'documents:read': 'municipality', 'documents:checklist': 'municipality' },
  municipality_ids: ['m1'],
  organization_ids: [],
  teacher_id: null,
} as unknown as Me;

const data: DocumentChecklist = {
  academic_year: '2021/2022',
  types: [
    { code: 'association_plan', name: TYPE_LABELS.association_plan!, criterion: 'Кисловодск, критерий 1' },
    { code: 'pd_plan', name: TYPE_LABELS.pd_plan!, criterion: null },
  ],
  rows: [
    {
      municipality_id: 'm1',
      organization_id: null,
      organization_name: 'Муниципалитет: город Кострома',
      cells: [{ type: 'pd_plan', state: 'approved', document_id: 'd1', document_title: 'План-график ПК' }],
      required: 1,
      approved: 1,
      missing: 0,
    },
    {
      municipality_id: 'm1',
      organization_id: 'o1',
      organization_name: 'СОШ № 22',
      cells: [
        { type: 'association_plan', state: 'draft', document_id: 'd2', document_title: 'План ШМО' },
        { type: 'pd_plan', state: 'missing', document_id: null, document_title: null },
      ],
      required: 2,
      approved: 0,
      missing: 1,
    },
  ],
  required: 3,
  approved: 1,
  draft: 1,
  missing: 1,
};

async function renderPage() {
  const queryClient = createTestQueryClient();
  queryClient.setQueryData(meQuery.queryKey, me);
  queryClient.setQueryData(organizationOptionsQuery.queryKey, []);
  queryClient.setQueryData(checklistQuery('2021/2022').queryKey, data);
  const rootRoute = createRootRoute();
  const route = createRoute({
    getParentRoute: () => rootRoute,
    path: '/',
    component: () => <ChecklistPage search={{ academic_year: '2021/2022' }} onSearch={() => undefined} />,
  });
  const router = createRouter({ routeTree: rootRoute.addChildren([route]), history: createMemoryHistory({ initialEntries: ['/'] }) });
  renderWithProviders(<RouterProvider router={router} />, queryClient);
  return screen.findByTestId('checklist-table');
}

describe('the checklist grid', () => {
  it('one row per organization, ✓ / черновик / нет per required type, «—» where a type is not required of it', async () => {
    const table = await renderPage();
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(3);
    const cells = (row: HTMLElement) => within(row).getAllByRole('cell').map((c) => c.textContent);
    expect(within(rows[1]!).getByRole('rowheader').textContent).toBe('Муниципалитет: город Кострома');
    expect(cells(rows[1]!)).toEqual([t.checklist.notRequired, '✓', t.checklist.summary(1, 1)]);
    expect(cells(rows[2]!)).toEqual(['черновик', 'нет', t.checklist.summary(0, 2)]);
    expect(screen.getByTestId('checklist-totals').textContent).toBe(t.checklist.totals(1, 1, 1, 3));
    // a present document links to the list filtered to it
    expect(within(rows[2]!).getByRole('link', { name: 'черновик' }).getAttribute('href')).toContain('organization_id=o1');
  });
});
