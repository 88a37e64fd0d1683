import { useState } from 'react';
import { Button, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { zodResolver } from '@hookform/resolvers/zod';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { Controller, useFieldArray, useForm } from 'react-hook-form';
import { applyProblemToForm, isStatus } from '../../api/errors';
import { DateField } from '../../components/DateField';
import { FormActions } from '../../components/FormActions';
import { fieldError, FieldsetCard, RemovableRow } from '../../components/FormParts';
import { ConflictAlert, FormErrors } from '../../components/states';
import { FormModal, useUnsavedChanges } from '../../components/UnsavedChanges';
import { createProgramme, invalidateRoadmap, type Programme, updateProgramme } from './api';
import { t } from './messages';
import {
  emptyProgrammeValues,
  PROGRAMME_FORM_FIELDS,
  PROGRAMME_STATUSES,
  programmeFormSchema,
  type ProgrammeFormValues,
  programmeToValues,
  toProgrammeCreate,
  toProgrammeUpdate,
} from './programmeForm';

const m = t.roadmap;
const f = m.programmes.fields;
const pf = m.programmeForm;

type Props = {
  opened: boolean;
  onClose: () => void;
  /** Edit this programme; without it, a new one of `municipalityId`. */
  programme?: Programme | null;
  municipalityId?: string | null;
  onReload?: () => void;
};

/** A new programme or the changes of one (passport, period, status, stages), asking before dropping typed changes. */
export function ProgrammeFormModal({ opened, onClose, programme, municipalityId, onReload }: Props) {
  return (
    <FormModal opened={opened} onClose={onClose} title={programme ? pf.editTitle : m.programmes.createTitle} size="lg" centered>
      {opened ? (
        <ProgrammeForm
          key={programme ? `${programme.id}:${programme.version}` : 'new'}
          programme={programme ?? null}
          municipalityId={municipalityId ?? null}
          onDone={onClose}
          onReload={onReload}
        />
      ) : null}
    </FormModal>
  );
}

function ProgrammeForm(props: { programme: Programme | null; municipalityId: string | null; onDone: () => void; onReload?: () => void }) {
  const { programme, onDone } = props;
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [messages, setMessages] = useState<string[]>([]);
  const [conflict, setConflict] = useState(false);
  const {
    register,
    control,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting, isDirty },
  } = useForm<ProgrammeFormValues>({
    resolver: zodResolver(programmeFormSchema),
    defaultValues: programme ? programmeToValues(programme) : emptyProgrammeValues(),
  });
  const stages = useFieldArray({ control, name: 'stages' });
  const cancel = useUnsavedChanges(isDirty && !isSubmitting);

  const submit = handleSubmit(async (values) => {
    setMessages([]);
    setConflict(false);
    try {
      if (programme) {
        await updateProgramme(programme, toProgrammeUpdate(values));
        notifications.show({ color: 'green', message: t.common.saved });
        await invalidateRoadmap(queryClient);
        onDone();
        return;
      }
      if (!props.municipalityId) throw new Error(t.validation.required);
      const created = await createProgramme(toProgrammeCreate(values, props.municipalityId));
      notifications.show({ color: 'green', message: m.programmes.created });
      await invalidateRoadmap(queryClient);
      onDone();
      void navigate({ to: '/roadmap/programmes/$programmeId', params: { programmeId: created.id } });
    } catch (error) {
      if (isStatus(error, 412)) setConflict(true);
      else setMessages(applyProblemToForm(error, { setError: setError as never, fields: PROGRAMME_FORM_FIELDS }));
    }
  });

  const dateController = (name: 'period_start' | 'period_end', label: string) => (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => <DateField label={label} required value={field.value} onChange={field.onChange} error={fieldState.error?.message} />}
    />
  );

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack>
        {conflict ? (
          <ConflictAlert
            onReload={() => {
              props.onReload?.();
              onDone();
            }}
          />
        ) : null}
        <FormErrors messages={messages} />
        <TextInput label={f.title} required error={errors.title?.message} {...register('title')} />
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          {dateController('period_start', f.start)}
          {dateController('period_end', f.end)}
          <Controller
            control={control}
            name="status"
            render={({ field }) => (
              <Select
                label={f.status}
                data={PROGRAMME_STATUSES.map((value) => ({ value, label: m.programmeStatuses[value] ?? value }))}
                value={field.value}
                onChange={(value) => value && field.onChange(value)}
                allowDeselect={false}
              />
            )}
          />
        </SimpleGrid>
        <TextInput label={f.basis} error={errors.basis_text?.message} {...register('basis_text')} />
        <Textarea label={f.goal} autosize minRows={2} error={errors.goal?.message} {...register('goal')} />
        <Textarea label={pf.tasks} autosize minRows={2} error={errors.tasks?.message} {...register('tasks')} />
        <Textarea label={pf.expectedResults} autosize minRows={2} error={errors.expected_results?.message} {...register('expected_results')} />
        <FieldsetCard legend={pf.stages}>
          <Stack gap="sm">
            {stages.fields.map((row, i) => (
              <RemovableRow key={row.id} title={pf.stageN(i + 1)} removeLabel={pf.removeStage(i + 1)} onRemove={() => stages.remove(i)}>
                <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
                  <TextInput label={pf.stageTitle} required error={fieldError(errors, `stages.${i}.title`)} {...register(`stages.${i}.title`)} />
                  <Controller
                    control={control}
                    name={`stages.${i}.starts_on`}
                    render={({ field, fieldState }) => (
                      <DateField label={pf.stageStart} required value={field.value} onChange={field.onChange} error={fieldState.error?.message} />
                    )}
                  />
                  <Controller
                    control={control}
                    name={`stages.${i}.ends_on`}
                    render={({ field, fieldState }) => (
                      <DateField label={pf.stageEnd} required value={field.value} onChange={field.onChange} error={fieldState.error?.message} />
                    )}
                  />
                </SimpleGrid>
              </RemovableRow>
            ))}
            {stages.fields.length < 20 ? (
              <Button variant="light" onClick={() => stages.append({ title: '', starts_on: null, ends_on: null })} style={{ alignSelf: 'flex-start' }}>
                {pf.addStage}
              </Button>
            ) : null}
          </Stack>
        </FieldsetCard>
        <FormActions onCancel={cancel} submitLabel={programme ? t.common.save : t.common.create} loading={isSubmitting} />
      </Stack>
    </form>
  );
}
