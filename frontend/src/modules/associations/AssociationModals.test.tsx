import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import type { Association } from '../../api/types';
import { createTestQueryClient, renderWithProviders } from '../../test/render';
import { MeetingModal } from './MeetingModal';
import { t } from './messages';
import { PlanModal } from './PlanModal';

const plan = {
  id: '00000000-0000-4000-8000-0000000000p1',
  planned_date: '2025-10-15',
  topic: 'Анализ результатов ВПР',
  form: 'круглый стол',
  held: true,
  meeting_ids: ['00000000-0000-4000-8000-0000000000m1'],
  version: 3,
  archived_at: null,
  archive_reason: null,
  actions: ['update', 'archive'],
};

const meeting = {
  id: '00000000-0000-4000-8000-0000000000m1',
  plan_id: plan.id,
  held_on: '2025-10-16',
  topic: 'Анализ результатов ВПР',
  form: 'круглый стол',
  minutes: 'Слушали: руководителя ГМО.',
  minutes_file_id: null,
  minutes_file_name: null,
  decisions: '1. Включить задания ВПР в текущий контроль.',
  attendance: [{ teacher_id: 't1', teacher_name: 'Смирнова Ольга Ивановна' }],
  version: 5,
  archived_at: null,
  archive_reason: null,
  actions: ['update', 'archive'],
};

const association = {
  id: 'a1',
  title: 'ГМО учителей математики',
  academic_year: '2025/2026',
  version: 2,
  actions: ['meetings'],
  members: [
    { id: 'mb1', teacher_id: 't1', teacher_name: 'Смирнова Ольга Ивановна', joined_on: '2025-09-01', left_on: null, version: 1 },
    { id: 'mb2', teacher_id: 't2', teacher_name: 'Голубев Владимир Андреевич', joined_on: '2025-09-01', left_on: null, version: 1 },
  ],
  plans: [plan],
  meetings: [meeting],
} as unknown as Association;

type Plan = NonNullable<Association['plans']>[number];
type Meeting = NonNullable<Association['meetings']>[number];

function json(body: unknown, status = 200) {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

function stale() {
  return new Response(JSON.stringify({ type: 'about:blank', status: 412, title: 'Запись изменилась', code: 'precondition_failed' }), {
    status: 412,
    headers: { 'Content-Type': 'application/problem+json' },
  });
}

function stubFetch(answer: (request: Request) => Response) {
  const calls: Request[] = [];
  vi.stubGlobal('fetch', async (request: Request) => {
    calls.push(request);
    return answer(request);
  });
  return calls;
}

describe('PlanModal in edit mode', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows the saved line and sends only the changed topic with the version on screen', async () => {
    const calls = stubFetch(() => json(association));
    const onClose = vi.fn();
    renderWithProviders(<PlanModal opened onClose={onClose} association={association} plan={plan as Plan} />, createTestQueryClient());
    expect(screen.getByRole('dialog', { name: t.associations.plans.editTitle })).toBeInTheDocument();
    expect(screen.getByLabelText(t.associations.plans.date, { exact: false })).toHaveValue('15.10.2025');
    const topic = screen.getByLabelText(t.associations.plans.topic, { exact: false });
    expect(topic).toHaveValue(plan.topic);
    expect(screen.getByLabelText(t.associations.plans.form)).toHaveValue(plan.form);
    fireEvent.change(topic, { target: { value: 'Анализ результатов ВПР и ОГЭ' } });
    fireEvent.click(screen.getByRole('button', { name: t.common.save }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    const patch = calls.find((c) => c.method === 'PATCH')!;
    expect(patch.url).toContain(`/api/v1/association-plans/${plan.id}`);
    expect(patch.headers.get('If-Match')).toBe('"3"');
    expect(await patch.json()).toEqual({ topic: 'Анализ результатов ВПР и ОГЭ' });
  });

  it('a 412 (someone changed the line meanwhile) shows the conflict with «Обновить»', async () => {
    stubFetch(() => stale());
    const onReload = vi.fn();
    const onClose = vi.fn();
    renderWithProviders(
      <PlanModal opened onClose={onClose} association={association} plan={plan as Plan} onReload={onReload} />,
      createTestQueryClient(),
    );
    fireEvent.change(screen.getByLabelText(t.associations.plans.form), { target: { value: 'семинар' } });
    fireEvent.click(screen.getByRole('button', { name: t.common.save }));
    const alert = await screen.findByTestId('conflict-alert');
    expect(alert).toHaveTextContent(t.concurrency.conflict);
    expect(onClose).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: t.concurrency.reload }));
    expect(onReload).toHaveBeenCalled();
    expect(onClose).toHaveBeenCalled();
  });
});

describe('MeetingModal in edit mode', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows the saved meeting and sends the changes (attendance as the whole list) with the version on screen', async () => {
    const calls = stubFetch(() => json(association));
    const onClose = vi.fn();
    renderWithProviders(
      <MeetingModal opened onClose={onClose} association={association} plan={null} meeting={meeting as Meeting} />,
      createTestQueryClient(),
    );
    expect(screen.getByRole('dialog', { name: t.associations.meetings.editTitle })).toBeInTheDocument();
    expect(screen.getByLabelText(t.associations.meetings.heldOn, { exact: false })).toHaveValue('16.10.2025');
    expect(screen.getByLabelText(t.associations.plans.topic, { exact: false })).toHaveValue(meeting.topic);
    expect(screen.getByLabelText(t.associations.meetings.minutes)).toHaveValue(meeting.minutes);
    expect(screen.getByLabelText(t.associations.meetings.decisions)).toHaveValue(meeting.decisions);
    expect(screen.getByDisplayValue(`15.10.2025 — ${plan.topic}`)).toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: 'Смирнова Ольга Ивановна' })).toBeChecked();
    const other = screen.getByRole('checkbox', { name: 'Голубев Владимир Андреевич' });
    expect(other).not.toBeChecked();
    fireEvent.click(other);
    fireEvent.change(screen.getByLabelText(t.associations.meetings.decisions), { target: { value: '1. Провести мастер-класс.' } });
    fireEvent.click(screen.getByRole('button', { name: t.common.save }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    const patch = calls.find((c) => c.method === 'PATCH')!;
    expect(patch.url).toContain(`/api/v1/association-meetings/${meeting.id}`);
    expect(patch.headers.get('If-Match')).toBe('"5"');
    expect(await patch.json()).toEqual({ attendance: ['t1', 't2'], decisions: '1. Провести мастер-класс.' });
  });

  it('a 412 shows the conflict with «Обновить» and keeps what was typed', async () => {
    stubFetch(() => stale());
    const onClose = vi.fn();
    renderWithProviders(
      <MeetingModal opened onClose={onClose} association={association} plan={null} meeting={meeting as Meeting} onReload={vi.fn()} />,
      createTestQueryClient(),
    );
    const topic = screen.getByLabelText(t.associations.plans.topic, { exact: false });
    fireEvent.change(topic, { target: { value: 'Итоги ВПР' } });
    fireEvent.click(screen.getByRole('button', { name: t.common.save }));
    expect(await screen.findByTestId('conflict-alert')).toHaveTextContent(t.concurrency.title);
    expect(topic).toHaveValue('Итоги ВПР');
    expect(onClose).not.toHaveBeenCalled();
  });

  it('a new minutes file goes after the changes, with the version the PATCH answered', async () => {
    const answered = { ...association, meetings: [{ ...meeting, topic: 'Итоги ВПР', version: 6 }] };
    const calls = stubFetch(() => json(answered));
    const onClose = vi.fn();
    renderWithProviders(
      <MeetingModal opened onClose={onClose} association={association} plan={null} meeting={meeting as Meeting} />,
      createTestQueryClient(),
    );
    fireEvent.change(screen.getByLabelText(t.associations.plans.topic, { exact: false }), { target: { value: 'Итоги ВПР' } });
    const input = document.querySelector<HTMLInputElement>('input[type="file"]')!;
    fireEvent.change(input, { target: { files: [new File(['%PDF-1.4'], 'Протокол.pdf', { type: 'application/pdf' })] } });
    fireEvent.click(screen.getByRole('button', { name: t.common.save }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(calls.map((c) => [c.method, new URL(c.url).pathname, c.headers.get('If-Match')])).toEqual([
      ['PATCH', `/api/v1/association-meetings/${meeting.id}`, '"5"'],
      ['POST', `/api/v1/association-meetings/${meeting.id}/minutes-file`, '"6"'],
    ]);
  });

  it('the file of minutes can be removed', async () => {
    const withFile = { ...meeting, minutes_file_id: 'f1', minutes_file_name: 'Протокол.pdf' };
    const calls = stubFetch(() => json(association));
    const onClose = vi.fn();
    renderWithProviders(
      <MeetingModal opened onClose={onClose} association={association} plan={null} meeting={withFile as Meeting} />,
      createTestQueryClient(),
    );
    fireEvent.click(screen.getByRole('checkbox', { name: t.associations.meetings.minutesFileRemove('Протокол.pdf') }));
    fireEvent.click(screen.getByRole('button', { name: t.common.save }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(calls).toHaveLength(1);
    expect(await calls[0]!.json()).toEqual({ minutes_file_id: null });
  });

  it('nothing changed: nothing is sent', async () => {
    const calls = stubFetch(() => json(association));
    const onClose = vi.fn();
    renderWithProviders(
      <MeetingModal opened onClose={onClose} association={association} plan={null} meeting={meeting as Meeting} />,
      createTestQueryClient(),
    );
    fireEvent.click(screen.getByRole('button', { name: t.common.save }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(calls).toHaveLength(0);
  });
});
