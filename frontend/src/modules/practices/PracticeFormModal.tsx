import { useState } from 'react';
import { ActionIcon, Alert, Button, FileButton, Group, MultiSelect, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { zodResolver } from '@hookform/resolvers/zod';
import { notifications } from '@mantine/notifications';
import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { Controller, useFieldArray, useForm, useWatch } from 'react-hook-form';
import { ApiError, applyProblemToForm, isStatus } from '../../api/errors';
import { organizationOptionsQuery } from '../../api/queries';
import type { Practice } from '../../api/types';
import { useMe } from '../../auth/useMe';
import { FormActions } from '../../components/FormActions';
import { ConflictAlert, FormErrors } from '../../components/states';
import { FormModal, useUnsavedChanges } from '../../components/UnsavedChanges';
import { useDictionary } from '../../components/useDictionary';
import { TeacherPicker } from '../teachers/TeacherPicker';
import { useTeacherName } from '../teachers/useTeacherName';
import { createPractice, invalidatePractices, speakerParticipationsQuery, updatePractice, uploadMaterial } from './api';
import { can } from '../../auth/permissions';
import { errorMessage } from '../../api/errors';
import { formatDate } from '../../lib/format';
import { t } from './messages';
import {
  emptyPracticeValues,
  PRACTICE_FORM_FIELDS,
  practiceFormSchema,
  practiceToValues,
  toPracticeCreate,
  toPracticeUpdate,
  type PracticeFormValues,
} from './practiceForm';
import { PRACTICE_KINDS } from './search';

const p = t.practices;
const f = p.fields;

type Props = { opened: boolean; onClose: () => void; practice: Practice | null; onReload?: () => void };

/** A new practice (a draft) or the changes of one: authors picked from the teachers the caller sees. */
export function PracticeFormModal({ opened, onClose, practice, onReload }: Props) {
  return (
    <FormModal opened={opened} onClose={onClose} title={practice ? p.editTitle : p.createTitle} size="xl" centered>
      {opened ? (
        <PracticeForm key={practice ? `${practice.id}:${practice.version}` : 'new'} practice={practice} onDone={onClose} onReload={onReload} />
      ) : null}
    </FormModal>
  );
}

function PracticeForm({ practice, onDone, onReload }: { practice: Practice | null; onDone: () => void; onReload?: () => void }) {
  const me = useMe();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const organizations = useQuery(organizationOptionsQuery);
  const levels = useDictionary('eventLevels');
  const areas = useDictionary('competenceAreas');
  const subjects = useDictionary('subjects');
  const [messages, setMessages] = useState<string[]>([]);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const mine = me.teacher_id ? { id: me.teacher_id, label: me.name } : null;
  const {
    register,
    control,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting, isDirty },
  } = useForm<PracticeFormValues>({
    resolver: zodResolver(practiceFormSchema),
    defaultValues: practice ? practiceToValues(practice) : emptyPracticeValues(me.organization_ids?.[0] ?? null, mine),
  });
  const authors = useFieldArray({ control, name: 'authors', keyName: 'key' });
  const materials = useFieldArray({ control, name: 'materials', keyName: 'key' });
  const cancel = useUnsavedChanges(isDirty && !isSubmitting);
  const [uploading, setUploading] = useState(false);
  const organizationId = useWatch({ control, name: 'organization_id' });

  async function upload(file: File | null) {
    if (!file) return;
    setUploading(true);
    try {
      const stored = await uploadMaterial(file, organizationId ?? null);
      materials.append({ title: file.name.replace(/\.[^.]+$/, ''), url: '', file_id: stored.id });
    } catch (error) {
      notifications.show({ color: 'red', title: f.uploadFailed, message: errorMessage(error) });
    } finally {
      setUploading(false);
    }
  }

  const submit = handleSubmit(async (values) => {
    setMessages([]);
    setRefusal(null);
    setConflict(false);
    try {
      if (practice) {
        await updatePractice(practice, toPracticeUpdate(values, practice));
        notifications.show({ color: 'green', message: t.common.saved });
        await invalidatePractices(queryClient);
        onDone();
      } else {
        const created = await createPractice(toPracticeCreate(values));
        notifications.show({ color: 'green', message: p.created });
        await invalidatePractices(queryClient);
        onDone();
        void navigate({ to: '/practices/$practiceId', params: { practiceId: created.id } });
      }
    } catch (error) {
      if (isStatus(error, 412)) setConflict(true);
      else if (error instanceof ApiError && error.status === 409) setRefusal(error.problem?.detail ?? error.message);
      else {
        const fields = [...PRACTICE_FORM_FIELDS, 'author_ids'] as const;
        const rest = applyProblemToForm(error, { setError: setError as never, fields });
        const authorError = error instanceof ApiError ? error.problem?.errors?.find((e) => e.field === 'body.author_ids') : undefined;
        if (authorError) setError('authors', { message: authorError.message });
        setMessages(rest);
      }
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
        {refusal ? (
          <Alert color="red" title={p.refusedTitle} role="alert">
            {refusal}
          </Alert>
        ) : null}
        <FormErrors messages={messages} />
        <TextInput label={f.title} required error={errors.title?.message} {...register('title')} />
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <Controller
            control={control}
            name="organization_id"
            render={({ field, fieldState }) => (
              <Select
                label={f.organization}
                required
                data={(organizations.data ?? []).map((o) => ({ value: o.id, label: o.short_name }))}
                value={field.value}
                onChange={field.onChange}
                error={fieldState.error?.message}
                searchable
              />
            )}
          />
          <Controller
            control={control}
            name="kind"
            render={({ field }) => (
              <Select
                label={f.kind}
                data={PRACTICE_KINDS.map((k) => ({ value: k, label: p.kinds[k] ?? k }))}
                value={field.value}
                onChange={(v) => field.onChange(v ?? 'technique')}
                allowDeselect={false}
              />
            )}
          />
          <Controller
            control={control}
            name="level"
            render={({ field, fieldState }) => (
              <Select
                label={f.level}
                data={levels.options}
                value={field.value}
                onChange={(v) => field.onChange(v ?? 'school')}
                error={fieldState.error?.message}
                allowDeselect={false}
              />
            )}
          />
        </SimpleGrid>
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {f.authors}
          </Text>
          {authors.fields.map((a, i) => (
            <Group key={a.key} gap="xs">
              <AuthorName id={a.id} label={a.label} />
              <ActionIcon variant="subtle" color="red" aria-label={f.removeAuthor(a.label || String(i + 1))} onClick={() => authors.remove(i)}>
                ×
              </ActionIcon>
            </Group>
          ))}
          <TeacherPicker
            label={f.addAuthor}
            placeholder={f.authorSearch}
            value={null}
            required={false}
            onChange={(id) => {
              if (id && !authors.fields.some((x) => x.id === id)) authors.append({ id, label: '' });
            }}
            error={errors.authors?.message ?? errors.authors?.root?.message}
          />
        </Stack>
        <Textarea label={f.description} autosize minRows={4} error={errors.description?.message} {...register('description')} />
        <TextInput label={f.keywords} description={f.keywordsHint} error={errors.keywords?.message} {...register('keywords')} />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Controller
            control={control}
            name="competence_areas"
            render={({ field }) => (
              <MultiSelect label={f.areas} data={areas.options} value={field.value} onChange={field.onChange} searchable clearable />
            )}
          />
          <Controller
            control={control}
            name="subjects"
            render={({ field }) => (
              <MultiSelect label={f.subjects} data={subjects.options} value={field.value} onChange={field.onChange} searchable clearable />
            )}
          />
        </SimpleGrid>
        <Controller
          control={control}
          name="participation_ids"
          render={({ field }) => (
            <Talks
              value={field.value}
              onChange={field.onChange}
              control={control}
              known={(practice?.presentations ?? []).map((e) => ({
                value: e.participation_id,
                label: `${e.event_title} (${formatDate(e.event_start_date)}), ${e.teacher_name}`,
              }))}
            />
          )}
        />
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {f.materials}
          </Text>
          {materials.fields.map((m, i) => (
            <Group key={m.key} gap="xs" align="flex-start" wrap="nowrap">
              <TextInput
                aria-label={f.materialTitle}
                placeholder={f.materialTitle}
                error={errors.materials?.[i]?.title?.message}
                {...register(`materials.${i}.title`)}
              />
              {m.file_id ? (
                <Text size="sm" c="dimmed" mt={6} style={{ flex: 1 }}>
                  {f.fileAttached}
                </Text>
              ) : (
                <TextInput
                  aria-label={f.materialUrl}
                  placeholder={f.materialUrl}
                  style={{ flex: 1 }}
                  error={errors.materials?.[i]?.url?.message}
                  {...register(`materials.${i}.url`)}
                />
              )}
              <ActionIcon variant="subtle" color="red" mt={6} aria-label={f.removeMaterial} onClick={() => materials.remove(i)}>
                ×
              </ActionIcon>
            </Group>
          ))}
          <Group>
            <Button size="compact-sm" variant="subtle" onClick={() => materials.append({ title: '', url: '', file_id: null })}>
              {f.addMaterial}
            </Button>
            {can(me, 'files:write') ? (
              <FileButton onChange={(file) => void upload(file)}>
                {(props) => (
                  <Button size="compact-sm" variant="subtle" loading={uploading} {...props}>
                    {f.uploadFile}
                  </Button>
                )}
              </FileButton>
            ) : null}
          </Group>
        </Stack>
        <FormActions onCancel={cancel} submitLabel={practice ? t.common.save : t.common.create} loading={isSubmitting} />
      </Stack>
    </form>
  );
}

/** An author as the form shows them: the name known from the record, or looked up for one just picked. */
function AuthorName({ id, label }: { id: string; label: string }) {
  const looked = useTeacherName(label ? null : id);
  return (
    <Text size="sm" data-testid="practice-author">
      {label || looked || '…'}
    </Text>
  );
}

/** The authors' talks at events (participations as a speaker) to link the practice to. */
function Talks({
  value,
  onChange,
  control,
  known,
}: {
  known: { value: string; label: string }[];
  value: string[];
  onChange: (v: string[]) => void;
  control: ReturnType<typeof useForm<PracticeFormValues>>['control'];
}) {
  const authors = useWatch({ control, name: 'authors' });
  const lists = useQueries({ queries: authors.map((a) => ({ ...speakerParticipationsQuery(a.id), retry: false })) });
  const options = lists
    .flatMap((q) => q.data?.items ?? [])
    .map((x) => ({
      value: x.id,
      label: `${x.event_title} (${formatDate(x.event_start_date)}), ${x.teacher_name}`,
    }));
  for (const k of known) if (!options.some((o) => o.value === k.value)) options.push(k);
  return (
    <MultiSelect
      label={f.talks}
      description={f.talksHint}
      data={options}
      value={value}
      onChange={onChange}
      searchable
      clearable
      nothingFoundMessage={f.noTalks}
    />
  );
}
