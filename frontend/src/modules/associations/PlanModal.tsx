import { useState } from 'react';
import { Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError, errorMessage, problemFieldErrors } from '../../api/errors';
import type { Association } from '../../api/types';
import { DateField } from '../../components/DateField';
import { FormActions } from '../../components/FormActions';
import { FormErrors } from '../../components/states';
import { FormModal, useUnsavedChanges } from '../../components/UnsavedChanges';
import { createPlan, invalidateAssociations } from './api';
import { toPlanCreate, validatePlan, type PlanFormValues } from './associationForm';
import { t } from './messages';

const p = t.associations.plans;

/** A line of the plan-schedule: the date (inside the association's academic year), the topic and the form. */
export function PlanModal({ opened, onClose, association }: { opened: boolean; onClose: () => void; association: Association }) {
  return (
    <FormModal opened={opened} onClose={onClose} title={p.addTitle} centered>
      {opened ? <PlanForm association={association} onDone={onClose} /> : null}
    </FormModal>
  );
}

function PlanForm({ association, onDone }: { association: Association; onDone: () => void }) {
  const queryClient = useQueryClient();
  const [values, setValues] = useState<PlanFormValues>({ planned_date: null, topic: '', form: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [messages, setMessages] = useState<string[]>([]);
  const [pending, setPending] = useState(false);
  const [dirty, setDirty] = useState(false);
  const cancel = useUnsavedChanges(dirty && !pending, onDone);
  const set = (patch: Partial<PlanFormValues>) => {
    setValues((v) => ({ ...v, ...patch }));
    setDirty(true);
  };

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    const found = validatePlan(values);
    setErrors(found);
    setMessages([]);
    if (Object.keys(found).length) return;
    setPending(true);
    try {
      await createPlan(association.id, toPlanCreate(values));
      notifications.show({ color: 'green', message: p.saved });
      await invalidateAssociations(queryClient);
      onDone();
    } catch (error) {
      const byField = error instanceof ApiError ? problemFieldErrors(error.problem) : {};
      setErrors(byField);
      setMessages(Object.keys(byField).length ? [] : [errorMessage(error)]);
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack>
        <FormErrors messages={messages} />
        <DateField label={p.date} withAsterisk value={values.planned_date} onChange={(v) => set({ planned_date: v })} error={errors.planned_date} />
        <TextInput label={p.topic} withAsterisk value={values.topic} onChange={(e) => set({ topic: e.currentTarget.value })} error={errors.topic} />
        <TextInput label={p.form} placeholder={p.formPlaceholder} value={values.form} onChange={(e) => set({ form: e.currentTarget.value })} error={errors.form} />
        <FormActions onCancel={cancel} submitLabel={t.common.save} loading={pending} />
      </Stack>
    </form>
  );
}
