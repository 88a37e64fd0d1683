import { useState } from 'react';
import { Alert, Select, SimpleGrid, Stack, Text, Textarea } from '@mantine/core';
import { zodResolver } from '@hookform/resolvers/zod';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Controller, useForm } from 'react-hook-form';
import { ApiError, applyProblemToForm, isStatus } from '../../api/errors';
import type { MentoringPair } from '../../api/types';
import { ownMunicipalityId } from '../../auth/permissions';
import { useMe } from '../../auth/useMe';
import { DateField } from '../../components/DateField';
import { FormActions } from '../../components/FormActions';
import { ConflictAlert, FormErrors } from '../../components/states';
import { FormModal, useUnsavedChanges } from '../../components/UnsavedChanges';
import { todayIso } from '../../lib/periods';
import { municipalityQuery } from '../municipality/api';
import { TeacherPicker } from '../teachers/TeacherPicker';
import { createPair, invalidateMentoring, updatePair } from './api';
import { t } from './messages';
import { emptyPairValues, PAIR_FORM_FIELDS, pairFormSchema, pairToValues, toPairCreate, toPairUpdate, type PairFormValues } from './pairForm';
import { MENTORING_FORMS, PAIR_STATUSES } from './search';

const m = t.mentoring;
const f = m.fields;

export type NewPairFor = { menteeId: string; menteeLabel: string } | null;

type Props = {
  opened: boolean;
  onClose: () => void;
  /** Edit this pair; without it, a new one. */
  pair?: MentoringPair | null;
  /** A new pair for this young teacher (from the young-without-mentor list). */
  mentee?: NewPairFor;
  onReload?: () => void;
};

/** A new mentoring pair or the changes of one; the API's rules (one active mentor, the limit, young mentors) shown as it says them. */
export function PairModal({ opened, onClose, pair, mentee, onReload }: Props) {
  return (
    <FormModal opened={opened} onClose={onClose} title={pair ? m.editTitle : m.createTitle} size="lg" centered>
      {opened ? (
        <PairForm
          key={pair ? `${pair.id}:${pair.version}` : `new:${mentee?.menteeId ?? ''}`}
          pair={pair ?? null}
          mentee={mentee ?? null}
          onDone={onClose}
          onReload={onReload}
        />
      ) : null}
    </FormModal>
  );
}

/** The municipality's mentoring rules, said before the user runs into them. */
function MunicipalityRules() {
  const me = useMe();
  const id = ownMunicipalityId(me);
  const query = useQuery({ ...municipalityQuery(id ?? ''), enabled: Boolean(id) && me.municipality_ids.length === 1 });
  const muni = query.data?.data;
  if (!muni) return null;
  return (
    <Text size="sm" c="dimmed" data-testid="mentoring-rules">
      {m.rules(muni.mentoring_max_mentees, muni.mentoring_young_mentors_allowed)}
    </Text>
  );
}

function PairForm({ pair, mentee, onDone, onReload }: { pair: MentoringPair | null; mentee: NewPairFor; onDone: () => void; onReload?: () => void }) {
  const queryClient = useQueryClient();
  const [messages, setMessages] = useState<string[]>([]);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const {
    register,
    control,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting, isDirty },
  } = useForm<PairFormValues>({
    resolver: zodResolver(pairFormSchema),
    defaultValues: pair ? pairToValues(pair) : emptyPairValues(mentee?.menteeId ?? null, todayIso()),
  });
  const cancel = useUnsavedChanges(isDirty && !isSubmitting);

  const submit = handleSubmit(async (values) => {
    setMessages([]);
    setRefusal(null);
    setConflict(false);
    try {
      if (pair) await updatePair(pair, toPairUpdate(values, pair));
      else await createPair(toPairCreate(values));
      notifications.show({ color: 'green', message: pair ? t.common.saved : m.created });
      await invalidateMentoring(queryClient);
      onDone();
    } catch (error) {
      if (isStatus(error, 412)) setConflict(true);
      // 409: the mentee already has an active mentor, or the mentor is at the municipality's limit — the API's text
      // names the pair or the limit.
      else if (error instanceof ApiError && error.status === 409) setRefusal(error.problem?.detail ?? error.message);
      else setMessages(applyProblemToForm(error, { setError: setError as never, fields: PAIR_FORM_FIELDS }));
    }
  });

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack>
        <MunicipalityRules />
        {conflict ? (
          <ConflictAlert
            onReload={() => {
              onReload?.();
              onDone();
            }}
          />
        ) : null}
        {refusal ? (
          <Alert color="red" title={m.conflictTitle} role="alert" data-testid="pair-refusal">
            {refusal}
          </Alert>
        ) : null}
        <FormErrors messages={messages} />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Controller
            control={control}
            name="mentee_id"
            render={({ field, fieldState }) => (
              <TeacherPicker
                label={f.mentee}
                placeholder={f.teacherSearch}
                value={field.value}
                onChange={field.onChange}
                error={fieldState.error?.message}
                initialLabel={pair ? [pair.mentee_name, pair.mentee_organization_name].filter(Boolean).join(', ') : (mentee?.menteeLabel ?? null)}
                disabled={Boolean(pair)}
                description={pair ? f.menteeFixed : undefined}
                markYoung
              />
            )}
          />
          <Controller
            control={control}
            name="mentor_id"
            render={({ field, fieldState }) => (
              <TeacherPicker
                label={f.mentor}
                placeholder={f.teacherSearch}
                value={field.value}
                onChange={field.onChange}
                error={fieldState.error?.message}
                initialLabel={pair ? [pair.mentor_name, pair.mentor_organization_name].filter(Boolean).join(', ') : null}
                markYoung
              />
            )}
          />
          <Controller
            control={control}
            name="form"
            render={({ field }) => (
              <Select
                label={f.form}
                data={MENTORING_FORMS.map((x) => ({ value: x, label: m.forms[x] ?? x }))}
                value={field.value}
                onChange={(val) => field.onChange(val ?? 'teacher_teacher')}
                allowDeselect={false}
              />
            )}
          />
          <Controller
            control={control}
            name="status"
            render={({ field }) => (
              <Select
                label={f.status}
                data={PAIR_STATUSES.map((x) => ({ value: x, label: m.statuses[x] ?? x }))}
                value={field.value}
                onChange={(val) => field.onChange(val ?? 'active')}
                allowDeselect={false}
              />
            )}
          />
          <Controller
            control={control}
            name="start_date"
            render={({ field, fieldState }) => (
              <DateField label={f.startDate} required value={field.value} onChange={field.onChange} onBlur={field.onBlur} error={fieldState.error?.message} />
            )}
          />
          <Controller
            control={control}
            name="end_date"
            render={({ field, fieldState }) => (
              <DateField
                label={f.endDate}
                description={f.endDateHint}
                value={field.value}
                onChange={field.onChange}
                onBlur={field.onBlur}
                error={fieldState.error?.message}
              />
            )}
          />
        </SimpleGrid>
        <Textarea label={f.goal} autosize minRows={2} error={errors.goal?.message} {...register('goal')} />
        <Textarea label={f.outcome} autosize minRows={2} error={errors.outcome?.message} {...register('outcome')} />
        <FormActions onCancel={cancel} submitLabel={pair ? t.common.save : t.common.create} loading={isSubmitting} />
      </Stack>
    </form>
  );
}
