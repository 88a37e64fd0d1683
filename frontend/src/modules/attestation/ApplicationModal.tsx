import { useState } from 'react';
import { Select, Stack } from '@mantine/core';
import { zodResolver } from '@hookform/resolvers/zod';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { Controller, useForm } from 'react-hook-form';
import { applyProblemToForm, isStatus } from '../../api/errors';
import type { Attestation } from '../../api/types';
import { DateField } from '../../components/DateField';
import { FormActions } from '../../components/FormActions';
import { ConflictAlert, FormErrors } from '../../components/states';
import { FormModal, useUnsavedChanges } from '../../components/UnsavedChanges';
import { TeacherPicker } from '../teachers/TeacherPicker';
import { createAttestation, invalidateAttestations, updateAttestation } from './api';
import { APPLICATION_FIELDS, applicationSchema, toAttestationCreate, type ApplicationValues } from './attestationForm';
import { t } from './messages';
import { CATEGORIES_SOUGHT } from './search';

const a = t.attestation;
const f = a.form;

type Props = { opened: boolean; onClose: () => void; attestation?: Attestation | null; onReload?: () => void };

/** A new application, or the changes of one without a decision. */
export function ApplicationModal({ opened, onClose, attestation, onReload }: Props) {
  return (
    <FormModal opened={opened} onClose={onClose} title={attestation ? a.editTitle : a.createTitle} centered>
      {opened ? (
        <ApplicationForm
          key={attestation ? `${attestation.id}:${attestation.version}` : 'new'}
          attestation={attestation ?? null}
          onDone={onClose}
          onReload={onReload}
        />
      ) : null}
    </FormModal>
  );
}

function ApplicationForm({ attestation, onDone, onReload }: { attestation: Attestation | null; onDone: () => void; onReload?: () => void }) {
  const queryClient = useQueryClient();
  const [messages, setMessages] = useState<string[]>([]);
  const [conflict, setConflict] = useState(false);
  const {
    control,
    handleSubmit,
    setError,
    formState: { isSubmitting, isDirty },
  } = useForm<ApplicationValues>({
    resolver: zodResolver(applicationSchema),
    defaultValues: attestation
      ? {
          teacher_id: attestation.teacher_id,
          category_sought: CATEGORIES_SOUGHT.find((c) => c === attestation.category_sought) ?? null,
          applied_on: attestation.applied_on,
        }
      : { teacher_id: null, category_sought: null, applied_on: null },
  });
  const cancel = useUnsavedChanges(isDirty && !isSubmitting);

  const submit = handleSubmit(async (values) => {
    setMessages([]);
    setConflict(false);
    try {
      const body = toAttestationCreate(values);
      if (attestation) await updateAttestation(attestation, { category_sought: body.category_sought, applied_on: body.applied_on });
      else await createAttestation(body);
      notifications.show({ color: 'green', message: attestation ? t.common.saved : a.created });
      await invalidateAttestations(queryClient);
      onDone();
    } catch (error) {
      if (isStatus(error, 412)) setConflict(true);
      else setMessages(applyProblemToForm(error, { setError: setError as never, fields: APPLICATION_FIELDS }));
    }
  });

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
        <Controller
          control={control}
          name="teacher_id"
          render={({ field, fieldState }) => (
            <TeacherPicker
              label={f.teacher}
              placeholder={f.teacherSearch}
              value={field.value}
              onChange={field.onChange}
              error={fieldState.error?.message}
              initialLabel={attestation ? [attestation.teacher_name, attestation.organization_name].filter(Boolean).join(', ') : null}
              disabled={Boolean(attestation)}
              description={attestation ? f.teacherFixed : undefined}
            />
          )}
        />
        <Controller
          control={control}
          name="category_sought"
          render={({ field, fieldState }) => (
            <Select
              label={f.category}
              required
              data={CATEGORIES_SOUGHT.map((c) => ({ value: c, label: a.categories[c] ?? c }))}
              value={field.value}
              onChange={field.onChange}
              error={fieldState.error?.message}
            />
          )}
        />
        <Controller
          control={control}
          name="applied_on"
          render={({ field, fieldState }) => (
            <DateField
              label={f.appliedOn}
              description={f.appliedOnHint}
              required
              value={field.value}
              onChange={field.onChange}
              onBlur={field.onBlur}
              error={fieldState.error?.message}
              maxDate={new Date()}
            />
          )}
        />
        <FormActions onCancel={cancel} submitLabel={attestation ? t.common.save : t.common.create} loading={isSubmitting} />
      </Stack>
    </form>
  );
}
