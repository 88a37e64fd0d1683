import { useState } from 'react';
import { Checkbox, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError, errorMessage, problemFieldErrors } from '../../api/errors';
import type { Association } from '../../api/types';
import { DateField } from '../../components/DateField';
import { FormActions } from '../../components/FormActions';
import { FormErrors } from '../../components/states';
import { FormModal, useUnsavedChanges } from '../../components/UnsavedChanges';
import { createMeeting, invalidateAssociations } from './api';
import { meetingFromPlan, toMeetingCreate, validateMeeting, type MeetingFormValues } from './associationForm';
import { t } from './messages';

const mt = t.associations.meetings;
type Plan = NonNullable<Association['plans']>[number];

type Props = { opened: boolean; onClose: () => void; association: Association; plan: Plan | null };

/** A meeting held: the plan line it fulfils, date, topic, who of the members came, minutes and decisions. */
export function MeetingModal({ opened, onClose, association, plan }: Props) {
  return (
    <FormModal opened={opened} onClose={onClose} title={mt.addTitle} size="lg" centered>
      {opened ? <MeetingForm key={plan?.id ?? 'none'} association={association} plan={plan} onDone={onClose} /> : null}
    </FormModal>
  );
}

const EMPTY: MeetingFormValues = { held_on: null, plan_id: null, topic: '', form: '', attendance: [], minutes: '', decisions: '' };

function MeetingForm({ association, plan, onDone }: { association: Association; plan: Plan | null; onDone: () => void }) {
  const queryClient = useQueryClient();
  const [values, setValues] = useState<MeetingFormValues>(() => meetingFromPlan(EMPTY, plan));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [messages, setMessages] = useState<string[]>([]);
  const [pending, setPending] = useState(false);
  const [dirty, setDirty] = useState(false);
  const cancel = useUnsavedChanges(dirty && !pending, onDone);
  const set = (patch: Partial<MeetingFormValues>) => {
    setValues((v) => ({ ...v, ...patch }));
    setDirty(true);
  };
  const openPlans = (association.plans ?? []).filter((p) => !p.archived_at);
  const members = (association.members ?? []).filter((m) => !m.left_on);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    const found = validateMeeting(values);
    setErrors(found);
    setMessages([]);
    if (Object.keys(found).length) return;
    setPending(true);
    try {
      await createMeeting(association.id, toMeetingCreate(values));
      notifications.show({ color: 'green', message: mt.saved });
      await invalidateAssociations(queryClient);
      onDone();
    } catch (error) {
      const byField = error instanceof ApiError ? problemFieldErrors(error.problem) : {};
      const attendance = Object.entries(byField).find(([k]) => k.startsWith('attendance'));
      setErrors(attendance ? { ...byField, attendance: attendance[1] } : byField);
      setMessages(Object.keys(byField).length ? [] : [errorMessage(error)]);
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack>
        <FormErrors messages={messages} />
        <Select
          label={mt.plan}
          data={[
            { value: '', label: mt.planNone },
            ...openPlans.map((p) => ({ value: p.id, label: `${p.planned_date.split('-').reverse().join('.')} — ${p.topic}` })),
          ]}
          value={values.plan_id ?? ''}
          onChange={(v) => {
            setValues((cur) => meetingFromPlan(cur, openPlans.find((p) => p.id === v) ?? null));
            setDirty(true);
          }}
          allowDeselect={false}
          error={errors.plan_id}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <DateField label={mt.heldOn} withAsterisk value={values.held_on} onChange={(v) => set({ held_on: v })} error={errors.held_on} />
          <TextInput label={t.associations.plans.form} value={values.form} onChange={(e) => set({ form: e.currentTarget.value })} />
        </SimpleGrid>
        <TextInput label={t.associations.plans.topic} withAsterisk value={values.topic} onChange={(e) => set({ topic: e.currentTarget.value })} error={errors.topic} />
        <Checkbox.Group label={mt.attendance} value={values.attendance} onChange={(v) => set({ attendance: v })} error={errors.attendance}>
          <Stack gap={4} mt={4} data-testid="meeting-attendance">
            {members.map((m) => (
              <Checkbox key={m.teacher_id} value={m.teacher_id} label={m.teacher_name ?? m.teacher_id} />
            ))}
          </Stack>
        </Checkbox.Group>
        <Text size="xs" c="dimmed">
          {mt.attendanceCount(values.attendance.length, members.length)}
        </Text>
        <Textarea label={mt.minutes} autosize minRows={3} value={values.minutes} onChange={(e) => set({ minutes: e.currentTarget.value })} error={errors.minutes} />
        <Textarea label={mt.decisions} autosize minRows={2} value={values.decisions} onChange={(e) => set({ decisions: e.currentTarget.value })} error={errors.decisions} />
        <FormActions onCancel={cancel} submitLabel={t.common.save} loading={pending} />
      </Stack>
    </form>
  );
}
