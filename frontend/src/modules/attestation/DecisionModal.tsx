import { useState } from 'react';
import { Alert, Radio, Group, Stack, Text, TextInput } from '@mantine/core';
import { zodResolver } from '@hookform/resolvers/zod';
import { useQueryClient } from '@tanstack/react-query';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { applyProblemToForm, isStatus } from '../../api/errors';
import type { Attestation } from '../../api/types';
import { DateField } from '../../components/DateField';
import { FormActions } from '../../components/FormActions';
import { ConflictAlert, FormErrors } from '../../components/states';
import { FormModal, useUnsavedChanges } from '../../components/UnsavedChanges';
import { formatDate } from '../../lib/format';
import { todayIso } from '../../lib/periods';
import { decideAttestation, invalidateAttestations } from './api';
import { DECISION_FIELDS, decisionSchema, toDecision, type DecisionValues } from './attestationForm';
import { t } from './messages';

const a = t.attestation;
const d = a.decision;

type Props = {
  attestation: Attestation | null;
  onClose: () => void;
  /** The decision is recorded: the list shows the new state (and, for a grant, where the category went). */
  onDecided: (decided: Attestation) => void;
  onReload?: () => void;
};

/** The commission's decision on an application: granted or refused, its date and order. */
export function DecisionModal({ attestation, onClose, onDecided, onReload }: Props) {
  return (
    <FormModal opened={attestation !== null} onClose={onClose} title={d.title} centered>
      {attestation ? (
        <DecisionForm key={`${attestation.id}:${attestation.version}`} attestation={attestation} onDone={onClose} onDecided={onDecided} onReload={onReload} />
      ) : null}
    </FormModal>
  );
}

function DecisionForm({
  attestation,
  onDone,
  onDecided,
  onReload,
}: {
  attestation: Attestation;
  onDone: () => void;
  onDecided: (decided: Attestation) => void;
  onReload?: () => void;
}) {
  const queryClient = useQueryClient();
  const [messages, setMessages] = useState<string[]>([]);
  const [conflict, setConflict] = useState(false);
  const {
    register,
    control,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting, isDirty },
  } = useForm<DecisionValues>({
    resolver: zodResolver(decisionSchema(attestation.applied_on)),
    defaultValues: { result: 'granted', decided_on: todayIso(), order_number: '' },
  });
  const cancel = useUnsavedChanges(isDirty && !isSubmitting);
  const result = useWatch({ control, name: 'result' });
  const category = a.categories[attestation.category_sought] ?? attestation.category_sought_label;

  const submit = handleSubmit(async (values) => {
    setMessages([]);
    setConflict(false);
    try {
      const decided = await decideAttestation(attestation, toDecision(values));
      // A granted category is written into the teacher's card: its reads are stale now.
      await invalidateAttestations(queryClient, attestation.teacher_id);
      onDecided(decided);
      onDone();
    } catch (error) {
      if (isStatus(error, 412)) setConflict(true);
      else setMessages(applyProblemToForm(error, { setError: setError as never, fields: DECISION_FIELDS }));
    }
  });

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack>
        <Text size="sm" fw={500}>
          {d.about(attestation.teacher_name ?? '', category, formatDate(attestation.applied_on))}
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
          name="result"
          render={({ field }) => (
            <Radio.Group label={d.result} value={field.value} onChange={field.onChange} required>
              <Group mt="xs">
                <Radio value="granted" label={d.granted} />
                <Radio value="refused" label={d.refused} />
              </Group>
            </Radio.Group>
          )}
        />
        <Controller
          control={control}
          name="decided_on"
          render={({ field, fieldState }) => (
            <DateField
              label={d.decidedOn}
              required
              value={field.value}
              onChange={field.onChange}
              onBlur={field.onBlur}
              error={fieldState.error?.message}
              maxDate={new Date()}
            />
          )}
        />
        <TextInput
          label={d.orderNumber}
          description={d.orderHint}
          required={result === 'granted'}
          error={errors.order_number?.message}
          {...register('order_number')}
        />
        {result === 'granted' ? (
          <Alert color="blue" variant="light">
            {d.grantedNote}
          </Alert>
        ) : null}
        <FormActions onCancel={cancel} submitLabel={d.submit} loading={isSubmitting} />
      </Stack>
    </form>
  );
}
