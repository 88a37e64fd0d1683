import { useState } from 'react';
import { Checkbox, FileInput, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError, errorMessage, isStatus, problemFieldErrors } from '../../api/errors';
import type { Association } from '../../api/types';
import { DateField } from '../../components/DateField';
import { FormActions } from '../../components/FormActions';
import { ConflictAlert, FormErrors } from '../../components/states';
import { FormModal, useUnsavedChanges } from '../../components/UnsavedChanges';
import { createMeeting, invalidateAssociations, updateMeeting, uploadMinutes } from './api';
import { meetingFromPlan, meetingToValues, toMeetingCreate, toMeetingUpdate, validateMeeting, type MeetingFormValues } from './associationForm';
import { t } from './messages';

const mt = t.associations.meetings;
type Plan = NonNullable<Association['plans']>[number];

type Meeting = NonNullable<Association['meetings']>[number];

type Props = {
  opened: boolean;
  onClose: () => void;
  association: Association;
  plan: Plan | null;
  /** Edit this meeting; without it, a new one (for `plan` when given). */
  meeting?: Meeting | null;
  /** «Обновить» after a 412: reload the card. */
  onReload?: () => void;
};

const MINUTES_ACCEPT = '.pdf,.docx,.odt,.png,.jpg,.jpeg,.txt';

/** A meeting held (new or changed): the plan line it fulfils, date, topic, who of the members came, minutes and decisions. */
export function MeetingModal({ opened, onClose, association, plan, meeting, onReload }: Props) {
  return (
    <FormModal opened={opened} onClose={onClose} title={meeting ? mt.editTitle : mt.addTitle} size="lg" centered>
      {opened ? (
        <MeetingForm
          key={meeting ? `${meeting.id}:${meeting.version}` : (plan?.id ?? 'none')}
          association={association}
          plan={plan}
          meeting={meeting ?? null}
          onDone={onClose}
          onReload={onReload}
        />
      ) : null}
    </FormModal>
  );
}

const EMPTY: MeetingFormValues = { held_on: null, plan_id: null, topic: '', form: '', attendance: [], minutes: '', decisions: '' };

type FormProps = { association: Association; plan: Plan | null; meeting: Meeting | null; onDone: () => void; onReload?: () => void };

function MeetingForm({ association, plan, meeting, onDone, onReload }: FormProps) {
  const queryClient = useQueryClient();
  const [values, setValues] = useState<MeetingFormValues>(() => (meeting ? meetingToValues(meeting) : meetingFromPlan(EMPTY, plan)));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [messages, setMessages] = useState<string[]>([]);
  const [conflict, setConflict] = useState(false);
  // what is saved now: the meeting as opened, then as the PATCH answered (a failed upload after it retries with that version)
  const [saved, setSaved] = useState<Meeting | null>(meeting);
  const [file, setFile] = useState<File | null>(null);
  const [removeFile, setRemoveFile] = useState(false);
  const [pending, setPending] = useState(false);
  const [dirty, setDirty] = useState(false);
  const cancel = useUnsavedChanges(dirty && !pending, onDone);
  const set = (patch: Partial<MeetingFormValues>) => {
    setValues((v) => ({ ...v, ...patch }));
    setDirty(true);
  };
  const openPlans = (association.plans ?? []).filter((p) => !p.archived_at);
  const current = (association.members ?? []).filter((m) => !m.left_on);
  // a meeting being changed keeps showing who came, even those who have left the association since
  const members = [
    ...current,
    ...(association.members ?? []).filter((m) => m.left_on && values.attendance.includes(m.teacher_id)),
  ];

  /** Changes first (PATCH with the version on screen), then a new minutes file with the version the PATCH answered. */
  async function saveChanges(m: Meeting) {
    const body = toMeetingUpdate(values, m, removeFile && !file && Boolean(m.minutes_file_id));
    let current = m;
    if (Object.keys(body).length) {
      const card = await updateMeeting(m, body);
      current = card.meetings?.find((x) => x.id === m.id) ?? { ...m, version: m.version + 1 };
      setSaved(current);
    }
    if (file) await uploadMinutes(current, file);
  }

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    const found = validateMeeting(values);
    setErrors(found);
    setMessages([]);
    setConflict(false);
    if (Object.keys(found).length) return;
    if (saved && !file && !removeFile && Object.keys(toMeetingUpdate(values, saved)).length === 0) {
      onDone();
      return;
    }
    setPending(true);
    try {
      if (saved) await saveChanges(saved);
      else await createMeeting(association.id, toMeetingCreate(values));
      notifications.show({ color: 'green', message: meeting ? mt.updated : mt.saved });
      await invalidateAssociations(queryClient);
      onDone();
    } catch (error) {
      if (isStatus(error, 412)) {
        setConflict(true);
        return;
      }
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
        {conflict ? (
          <ConflictAlert
            onReload={() => {
              onReload?.();
              onDone();
            }}
          />
        ) : null}
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
          {mt.attendanceCount(values.attendance.length, current.length)}
        </Text>
        <Textarea label={mt.minutes} autosize minRows={3} value={values.minutes} onChange={(e) => set({ minutes: e.currentTarget.value })} error={errors.minutes} />
        {meeting ? (
          <Stack gap={4}>
            <FileInput
              label={mt.minutesFileField}
              placeholder={mt.minutesFilePlaceholder}
              description={meeting.minutes_file_name ? mt.minutesFileReplace : undefined}
              accept={MINUTES_ACCEPT}
              value={file}
              onChange={(f) => {
                setFile(f);
                setDirty(true);
              }}
              clearable
            />
            {meeting.minutes_file_name && !file ? (
              <Checkbox
                label={mt.minutesFileRemove(meeting.minutes_file_name)}
                checked={removeFile}
                onChange={(e) => {
                  setRemoveFile(e.currentTarget.checked);
                  setDirty(true);
                }}
              />
            ) : null}
          </Stack>
        ) : null}
        <Textarea label={mt.decisions} autosize minRows={2} value={values.decisions} onChange={(e) => set({ decisions: e.currentTarget.value })} error={errors.decisions} />
        <FormActions onCancel={cancel} submitLabel={t.common.save} loading={pending} />
      </Stack>
    </form>
  );
}
