/** A request as the API returns it, for the module's tests. */
import type { HelpRequest } from '../../api/types';

export const takenRequest = {
  id: '00000000-0000-4000-8000-0000000000h1',
  municipality_id: 'm1',
  organization_id: 'o1',
  organization_name: 'МБОУ СОШ № 22',
  teacher_id: 't1',
  teacher_name: 'Смирнова Ольга Ивановна',
  topic_code: 'functional_literacy',
  topic_name: 'Функциональная грамотность обучающихся',
  description: 'Задания по читательской грамотности',
  desired_form: 'consultation',
  opened_on: '2026-11-20',
  due_on: '2026-11-25',
  overdue: false,
  state: 'in_progress',
  state_label: 'в работе',
  assignee_id: 'u1',
  assignee_name: 'Методист',
  resolution: null,
  resolution_comment: null,
  closed_at: null,
  reopen_until: null,
  reopen_count: 0,
  consultations: [],
  version: 4,
  actions: ['consult', 'close', 'archive'],
} as unknown as HelpRequest;

export const closedRequest = {
  ...takenRequest,
  state: 'closed',
  resolution: 'full',
  resolution_comment: 'Решено',
  closed_at: '2026-11-26T10:00:00Z',
  reopen_until: '2026-12-10',
  version: 6,
  actions: ['reopen'],
} as unknown as HelpRequest;

export const newRequest = {
  ...takenRequest,
  state: 'new',
  assignee_id: null,
  assignee_name: null,
  version: 1,
  actions: ['update'],
} as unknown as HelpRequest;
