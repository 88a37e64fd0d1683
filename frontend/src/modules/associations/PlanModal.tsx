import { useState } from 'react';
import { Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError, errorMessage, isStatus, problemFieldErrors } from '../../api/errors';
import type { Association } from '../../api/types';
import { DateField } from '../../components/DateField';
import { FormActions } from '../../components/FormActions';
import { ConflictAlert, FormErrors } from '../../components/states';
import { FormModal, useUnsavedChanges } from '../../components/UnsavedChanges';
import { createPlan, invalidateAssociations, updatePlan } from './api';
import { planToValues, toPlanCreate, toPlanUpdate, validatePlan, type PlanFormValues } from './associationForm';
import { t } from './messages';

const p = t.associations.plans;
type Plan = NonNullable<Association['plans']>[number];

type Props = {
  opened: boolean;
  onClose: () => void;
  association: Association;
  /** Edit this plan line; without it, a new one. */
  plan?: Plan | null;
  /** «Обновить» after a 412: reload the card. */
  onReload?: () => void;
};

/** A line of the plan-schedule (new or changed): the date (inside the association's academic year), the topic and the form. */
export function PlanModal({ opened, onClose, association, plan, onReload }: Props) {
  return (
    <FormModal opened={opened} onClose={onClose} title={plan ? p.editTitle : p.addTitle} centered>
      {opened ? (
        <PlanForm key={plan ? `${plan.id}:${plan.version}` : 'new'} association={association} plan={plan ?? null} onDone={onClose} onReload={onReload} />
      ) : null}
    </FormModal>
  );
}

function PlanForm({ association, plan, onDone, onReload }: { association: Association; plan: Plan | null; onDone: () => void; onReload?: () => void }) {
  const queryClient = useQueryClient();
  const [values, setValues] = useState<PlanFormValues>(() => (plan ? planToValues(plan) : { planned_date: null, topic: '', form: '' }));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [messages, setMessages] = useState<string[]>([]);
  const [conflict, setConflict] = useState(false);
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
    setConflict(false);
    if (Object.keys(found).length) return;
    if (plan && Object.keys(toPlanUpdate(values, plan)).length === 0) {
      onDone();
      return;
    }
    setPending(true);
    try {
      if (plan) await updatePlan(plan, toPlanUpdate(values, plan));
      else await createPlan(association.id, toPlanCreate(values));
      notifications.show({ color: 'green', message: plan ? p.updated : p.saved });
      await invalidateAssociations(queryClient);
      onDone();
    } catch (error) {
      if (isStatus(error, 412)) {
        setConflict(true);
        return;
      }
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
        {conflict ? (
          <ConflictAlert
            onReload={() => {
              onReload?.();
              onDone();
            }}
          />
        ) : null}
        <FormErrors messages={messages} />
        <DateField label={p.date} withAsterisk value={values.planned_date} onChange={(v) => set({ planned_date: v })} error={errors.planned_date} />
        <TextInput label={p.topic} withAsterisk value={values.topic} onChange={(e) => set({ topic: e.currentTarget.value })} error={errors.topic} />
        <TextInput label={p.form} placeholder={p.formPlaceholder} value={values.form} onChange={(e) => set({ form: e.currentTarget.value })} error={errors.form} />
        <FormActions onCancel={cancel} submitLabel={t.common.save} loading={pending} />
      </Stack>
    </form>
  );
}
