/** A pair as the API returns it, for the module's tests. */
import type { MentoringPair } from '../../api/types';

export const activePair = {
  id: '00000000-0000-4000-8000-0000000000c1',
  municipality_id: 'm1',
  mentor_id: 'mentor-1',
  mentor_name: 'Смирнова Ольга Ивановна',
  mentee_id: 'mentee-1',
  mentee_name: 'Голубев Владимир Андреевич',
  form: 'teacher_teacher',
  goal: 'Адаптация',
  start_date: '2026-09-01',
  end_date: null,
  status: 'active',
  outcome: null,
  version: 7,
  actions: ['update', 'archive'],
} as unknown as MentoringPair;
