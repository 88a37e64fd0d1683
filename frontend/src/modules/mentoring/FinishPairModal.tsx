import { useState } from 'react';
import { Radio, Group, Stack, Text, Textarea } from '@mantine/core';
import { zodResolver } from '@hookform/resolvers/zod';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { Controller, useForm } from 'react-hook-form';
import { applyProblemToForm, isStatus } from '../../api/errors';
import type { MentoringPair } from '../../api/types';
import { DateField } from '../../components/DateField';
import { FormActions } from '../../components/FormActions';
import { ConflictAlert, FormErrors } from '../../components/states';
import { FormModal, useUnsavedChanges } from '../../components/UnsavedChanges';
import { invalidateMentoring, updatePair } from './api';
import { t } from './messages';
import { FINISH_FIELDS, finishSchema, toFinish, type FinishValues } from './pairForm';

const m = t.mentoring;

/** «Завершить»: the pair ends (finished or cancelled early) on a date with its outcome. */
export function FinishPairModal({ pair, onClose, onReload }: { pair: MentoringPair | null; onClose: () => void; onReload?: () => void }) {
  return (
    <FormModal opened={pair !== null} onClose={onClose} title={m.finishTitle} centered>
      {pair ? <FinishForm key={`${pair.id}:${pair.version}`} pair={pair} onDone={onClose} onReload={onReload} /> : null}
    </FormModal>
  );
}

function FinishForm({ pair, onDone, onReload }: { pair: MentoringPair; onDone: () => void; onReload?: () => void }) {
  const queryClient = useQueryClient();
  const [messages, setMessages] = useState<string[]>([]);
  const [conflict, setConflict] = useState(false);
  const {
    register,
    control,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting, isDirty },
  } = useForm<FinishValues>({
    resolver: zodResolver(finishSchema(pair.start_date)),
    defaultValues: { status: 'finished', end_date: null, outcome: pair.outcome ?? '' },
  });
  const cancel = useUnsavedChanges(isDirty && !isSubmitting);

  const submit = handleSubmit(async (values) => {
    setMessages([]);
    setConflict(false);
    try {
      await updatePair(pair, toFinish(values, pair));
      notifications.show({ color: 'green', message: m.finished });
      await invalidateMentoring(queryClient);
      onDone();
    } catch (error) {
      if (isStatus(error, 412)) setConflict(true);
      else setMessages(applyProblemToForm(error, { setError: setError as never, fields: FINISH_FIELDS }));
    }
  });

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack>
        <Text size="sm" fw={500}>
          {`${pair.mentor_name ?? ''} → ${pair.mentee_name ?? ''}`}
        </Text>
        {conflict ? (
          <ConflictAlert
            onReload={() => {
              onReload?.();
              onDone();
            }}
          />
        ) : null}
        <FormErrors messages={messages} />
        <Controller
          control={control}
          name="status"
          render={({ field }) => (
            <Radio.Group label={m.fields.finishStatus} value={field.value} onChange={field.onChange}>
              <Group mt="xs">
                <Radio value="finished" label={m.statuses.finished} />
                <Radio value="cancelled" label={m.statuses.cancelled} />
              </Group>
            </Radio.Group>
          )}
        />
        <Controller
          control={control}
          name="end_date"
          render={({ field, fieldState }) => (
            <DateField
              label={m.fields.endDate}
              description={m.fields.finishEndHint}
              value={field.value}
              onChange={field.onChange}
              onBlur={field.onBlur}
              error={fieldState.error?.message}
            />
          )}
        />
        <Textarea label={m.fields.outcome} autosize minRows={2} error={errors.outcome?.message} {...register('outcome')} />
        <FormActions onCancel={cancel} submitLabel={m.finish} loading={isSubmitting} />
      </Stack>
    </form>
  );
}
