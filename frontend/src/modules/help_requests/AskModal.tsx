import { useState } from 'react';
import { Select, Stack, Text, Textarea } from '@mantine/core';
import { zodResolver } from '@hookform/resolvers/zod';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { Controller, useForm } from 'react-hook-form';
import { applyProblemToForm } from '../../api/errors';
import { canBrowse, type Me } from '../../auth/permissions';
import { useMe } from '../../auth/useMe';
import { FormActions } from '../../components/FormActions';
import { FormErrors } from '../../components/states';
import { FormModal, useUnsavedChanges } from '../../components/UnsavedChanges';
import { useDictionary } from '../../components/useDictionary';
import { TeacherPicker } from '../teachers/TeacherPicker';
import { createHelpRequest, invalidateHelp } from './api';
import { ASK_FIELDS, askSchema, DESIRED_FORMS, toAsk, type AskValues } from './helpForm';
import { t } from './messages';

const m = t.help;

/** The school a school-level requester asks from (their only organization), or null for a teacher. */
export function requesterSchool(me: Me): string | null {
  const orgs = me.organization_ids ?? [];
  return canBrowse(me, 'help_requests:create') && orgs.length === 1 ? (orgs[0] ?? null) : null;
}

/** «Обратиться за помощью»: a teacher asks for themselves; a school for one of its teachers or for itself. */
export function AskModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  return (
    <FormModal opened={opened} onClose={onClose} title={m.createTitle} size="lg" centered>
      {opened ? <AskForm onDone={onClose} /> : null}
    </FormModal>
  );
}

function AskForm({ onDone }: { onDone: () => void }) {
  const me = useMe();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const topics = useDictionary('competenceAreas');
  const school = requesterSchool(me);
  const forSchool = canBrowse(me, 'help_requests:create');
  const [messages, setMessages] = useState<string[]>([]);
  const {
    register,
    control,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting, isDirty },
  } = useForm<AskValues>({
    resolver: zodResolver(askSchema),
    defaultValues: { teacher_id: null, topic_code: null, description: '', desired_form: 'consultation' },
  });
  const cancel = useUnsavedChanges(isDirty && !isSubmitting);

  const submit = handleSubmit(async (values) => {
    setMessages([]);
    try {
      const created = await createHelpRequest(toAsk(values, school));
      notifications.show({ color: 'green', message: m.created });
      await invalidateHelp(queryClient);
      onDone();
      await navigate({ to: '/help-requests/$helpRequestId', params: { helpRequestId: created.id } });
    } catch (error) {
      setMessages(applyProblemToForm(error, { setError: setError as never, fields: ASK_FIELDS }));
    }
  });

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack>
        <Text size="sm" c="dimmed">
          {m.intro}
        </Text>
        <FormErrors messages={messages} />
        {forSchool ? (
          <Controller
            control={control}
            name="teacher_id"
            render={({ field, fieldState }) => (
              <TeacherPicker
                label={m.fields.teacher}
                description={m.fields.teacherHint}
                value={field.value}
                onChange={field.onChange}
                error={fieldState.error?.message}
                required={false}
                clearable
              />
            )}
          />
        ) : null}
        <Controller
          control={control}
          name="topic_code"
          render={({ field, fieldState }) => (
            <Select
              label={m.fields.topic}
              data={topics.options}
              value={field.value}
              onChange={field.onChange}
              onBlur={field.onBlur}
              error={fieldState.error?.message}
              searchable
              required
            />
          )}
        />
        <Textarea label={m.fields.description} autosize minRows={3} required error={errors.description?.message} {...register('description')} />
        <Controller
          control={control}
          name="desired_form"
          render={({ field }) => (
            <Select
              label={m.fields.desiredForm}
              data={DESIRED_FORMS.map((f) => ({ value: f, label: m.forms[f] ?? f }))}
              value={field.value}
              onChange={(v) => field.onChange(v ?? 'consultation')}
              allowDeselect={false}
            />
          )}
        />
        <FormActions onCancel={cancel} submitLabel={m.create} loading={isSubmitting} />
      </Stack>
    </form>
  );
}
