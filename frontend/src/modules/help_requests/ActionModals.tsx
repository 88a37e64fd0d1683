import { useState } from 'react';
import { Radio, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { zodResolver } from '@hookform/resolvers/zod';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { Controller, useForm } from 'react-hook-form';
import { applyProblemToForm, errorMessage, isStatus } from '../../api/errors';
import type { HelpRequest } from '../../api/types';
import { DateField } from '../../components/DateField';
import { FormActions } from '../../components/FormActions';
import { ConflictAlert, FormErrors } from '../../components/states';
import { FormModal, useUnsavedChanges } from '../../components/UnsavedChanges';
import { formatDate } from '../../lib/format';
import { useDictionary } from '../../components/useDictionary';
import { addConsultation, closeHelpRequest, invalidateHelp, reopenHelpRequest, updateHelpRequest } from './api';
import {
  ASK_FIELDS,
  askSchema,
  CLOSE_FIELDS,
  closeSchema,
  CONSULT_FIELDS,
  CONSULTATION_FORMS,
  consultSchema,
  DESIRED_FORMS,
  RESOLUTIONS,
  toClose,
  toConsultation,
  toUpdate,
  type AskValues,
  type CloseValues,
  type ConsultValues,
} from './helpForm';
import { t } from './messages';

const m = t.help;

type Props = { request: HelpRequest | null; onClose: () => void; onReload?: () => void };

/** Shared handling of a write's failure: 412 offers «Обновить», other problems go to the fields or the top. */
function useWriteErrors() {
  const [messages, setMessages] = useState<string[]>([]);
  const [conflict, setConflict] = useState(false);
  /** Runs the write; on failure shows the conflict or the messages `explain` makes of the problem. */
  const attempt = async (write: () => Promise<void>, explain: (error: unknown) => string[]) => {
    setMessages([]);
    setConflict(false);
    try {
      await write();
    } catch (error) {
      if (isStatus(error, 412)) setConflict(true);
      else setMessages(explain(error));
    }
  };
  return { messages, conflict, attempt };
}

/** «Закрыть обращение»: the resolution (full, partial, none) and a comment. */
export function CloseRequestModal({ request, onClose, onReload }: Props) {
  return (
    <FormModal opened={request !== null} onClose={onClose} title={m.closeTitle} centered>
      {request ? <CloseForm key={`${request.id}:${request.version}`} request={request} onDone={onClose} onReload={onReload} /> : null}
    </FormModal>
  );
}

function CloseForm({ request, onDone, onReload }: { request: HelpRequest; onDone: () => void; onReload?: () => void }) {
  const queryClient = useQueryClient();
  const errs = useWriteErrors();
  const {
    register,
    control,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting, isDirty },
  } = useForm<CloseValues>({ resolver: zodResolver(closeSchema), defaultValues: { resolution: null, comment: '' } });
  const cancel = useUnsavedChanges(isDirty && !isSubmitting);
  const submit = handleSubmit(async (values) => {
    await errs.attempt(
      async () => {
        await closeHelpRequest(request, toClose(values));
        notifications.show({ color: 'green', message: m.closed });
        await invalidateHelp(queryClient);
        onDone();
      },
      (error) => applyProblemToForm(error, { setError: setError as never, fields: CLOSE_FIELDS }),
    );
  });
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack>
        {errs.conflict ? <ConflictAlert onReload={() => (onReload?.(), onDone())} /> : null}
        <FormErrors messages={errs.messages} />
        <Controller
          control={control}
          name="resolution"
          render={({ field, fieldState }) => (
            <Radio.Group label={m.fields.resolution} value={field.value} onChange={field.onChange} error={fieldState.error?.message} required>
              <Stack mt="xs" gap="xs">
                {RESOLUTIONS.map((r) => (
                  <Radio key={r} value={r} label={m.resolutions[r]} />
                ))}
              </Stack>
            </Radio.Group>
          )}
        />
        <Textarea label={m.fields.comment} autosize minRows={3} required error={errors.comment?.message} {...register('comment')} />
        <FormActions onCancel={cancel} submitLabel={m.actions.close} loading={isSubmitting} />
      </Stack>
    </form>
  );
}

/** «Записать консультацию»: date, form, who, notes (a new request is taken at the same time). */
export function ConsultationModal({ request, onClose, onReload }: Props) {
  return (
    <FormModal opened={request !== null} onClose={onClose} title={m.consultTitle} centered>
      {request ? <ConsultForm key={`${request.id}:${request.version}`} request={request} onDone={onClose} onReload={onReload} /> : null}
    </FormModal>
  );
}

function ConsultForm({ request, onDone, onReload }: { request: HelpRequest; onDone: () => void; onReload?: () => void }) {
  const queryClient = useQueryClient();
  const errs = useWriteErrors();
  const {
    register,
    control,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting, isDirty },
  } = useForm<ConsultValues>({
    resolver: zodResolver(consultSchema),
    defaultValues: { held_on: null, form: 'consultation', consultant_name: '', notes: '' },
  });
  const cancel = useUnsavedChanges(isDirty && !isSubmitting);
  const submit = handleSubmit(async (values) => {
    await errs.attempt(
      async () => {
        await addConsultation(request, toConsultation(values));
        notifications.show({ color: 'green', message: m.consulted });
        await invalidateHelp(queryClient);
        onDone();
      },
      (error) => applyProblemToForm(error, { setError: setError as never, fields: CONSULT_FIELDS }),
    );
  });
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack>
        {errs.conflict ? <ConflictAlert onReload={() => (onReload?.(), onDone())} /> : null}
        <FormErrors messages={errs.messages} />
        <Controller
          control={control}
          name="held_on"
          render={({ field, fieldState }) => (
            <DateField
              label={m.fields.heldOn}
              description={t.help.card.opened + ': ' + formatDate(request.opened_on)}
              value={field.value}
              onChange={field.onChange}
              onBlur={field.onBlur}
              error={fieldState.error?.message}
            />
          )}
        />
        <Controller
          control={control}
          name="form"
          render={({ field }) => (
            <Select
              label={m.fields.consultationForm}
              data={CONSULTATION_FORMS.map((f) => ({ value: f, label: m.consultationForms[f] ?? f }))}
              value={field.value}
              onChange={(v) => field.onChange(v ?? 'consultation')}
              allowDeselect={false}
            />
          )}
        />
        <TextInput label={m.fields.consultant} description={m.fields.consultantHint} error={errors.consultant_name?.message} {...register('consultant_name')} />
        <Textarea label={m.fields.notes} autosize minRows={3} error={errors.notes?.message} {...register('notes')} />
        <FormActions onCancel={cancel} submitLabel={t.common.save} loading={isSubmitting} />
      </Stack>
    </form>
  );
}

/** «Открыть снова»: the requesting side returns to a closed request within 14 days (the date is said). */
export function ReopenModal({ request, onClose, onReload }: Props) {
  return (
    <FormModal opened={request !== null} onClose={onClose} title={m.reopenTitle} centered>
      {request ? <ReopenForm key={`${request.id}:${request.version}`} request={request} onDone={onClose} onReload={onReload} /> : null}
    </FormModal>
  );
}

function ReopenForm({ request, onDone, onReload }: { request: HelpRequest; onDone: () => void; onReload?: () => void }) {
  const queryClient = useQueryClient();
  const errs = useWriteErrors();
  const [comment, setComment] = useState('');
  const [pending, setPending] = useState(false);
  async function submit() {
    setPending(true);
    await errs.attempt(
      async () => {
        await reopenHelpRequest(request, comment.trim() || null);
        notifications.show({ color: 'green', message: m.reopened });
        await invalidateHelp(queryClient);
        onDone();
      },
      (error) => [errorMessage(error)],
    );
    setPending(false);
  }
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      noValidate
    >
      <Stack>
        {errs.conflict ? <ConflictAlert onReload={() => (onReload?.(), onDone())} /> : null}
        <FormErrors messages={errs.messages} />
        {request.reopen_until ? <Text size="sm">{m.card.reopenUntil(formatDate(request.reopen_until))}</Text> : null}
        <Textarea label={m.fields.reopenComment} autosize minRows={2} value={comment} onChange={(e) => setComment(e.currentTarget.value)} />
        <FormActions onCancel={onDone} submitLabel={m.actions.reopen} loading={pending} />
      </Stack>
    </form>
  );
}

/** «Изменить»: the requesting side corrects its request while nobody has taken it. */
export function EditRequestModal({ request, onClose, onReload }: Props) {
  return (
    <FormModal opened={request !== null} onClose={onClose} title={m.editTitle} size="lg" centered>
      {request ? <EditForm key={`${request.id}:${request.version}`} request={request} onDone={onClose} onReload={onReload} /> : null}
    </FormModal>
  );
}

function EditForm({ request, onDone, onReload }: { request: HelpRequest; onDone: () => void; onReload?: () => void }) {
  const queryClient = useQueryClient();
  const topics = useDictionary('competenceAreas');
  const errs = useWriteErrors();
  const {
    register,
    control,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting, isDirty, dirtyFields },
  } = useForm<AskValues>({
    resolver: zodResolver(askSchema),
    defaultValues: {
      teacher_id: request.teacher_id ?? null,
      topic_code: request.topic_code,
      description: request.description,
      desired_form: DESIRED_FORMS.find((f) => f === request.desired_form) ?? 'consultation',
    },
  });
  const cancel = useUnsavedChanges(isDirty && !isSubmitting);
  const submit = handleSubmit(async (values) => {
    await errs.attempt(
      async () => {
        await updateHelpRequest(request, toUpdate(values, dirtyFields));
        notifications.show({ color: 'green', message: m.edited });
        await invalidateHelp(queryClient);
        onDone();
      },
      (error) => applyProblemToForm(error, { setError: setError as never, fields: ASK_FIELDS }),
    );
  });
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack>
        {errs.conflict ? <ConflictAlert onReload={() => (onReload?.(), onDone())} /> : null}
        <FormErrors messages={errs.messages} />
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
        <FormActions onCancel={cancel} submitLabel={t.common.save} loading={isSubmitting} />
      </Stack>
    </form>
  );
}
