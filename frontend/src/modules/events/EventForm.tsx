import { useState } from 'react';
import {
  Button,
  Checkbox,
  FileButton,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { TimeInput } from '@mantine/dates';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { zodResolver } from '@hookform/resolvers/zod';
import { useQuery } from '@tanstack/react-query';
import { Controller, useFieldArray, useForm, useWatch } from 'react-hook-form';
import { applyProblemToForm, errorMessage, isStatus } from '../../api/errors';
import { organizationOptionsQuery } from '../../api/queries';
import { can, canBrowseTeachers } from '../../auth/permissions';
import { useMe } from '../../auth/useMe';
import { DateField } from '../../components/DateField';
import { FormActions } from '../../components/FormActions';
import { CodesMultiSelect, fieldError, FieldsetCard, RemovableRow } from '../../components/FormParts';
import { UnsavedChangesGuard } from '../../components/UnsavedChanges';
import { ConflictAlert, FormErrors } from '../../components/states';
import { useDictionary } from '../../components/useDictionary';
import { formatFullName } from '../../lib/format';
import { teacherListQuery } from '../teachers/api';
import { seriesOptionsQuery, uploadMaterial } from './api';
import { EVENT_FORM_FIELDS, eventFormSchema, type EventFormValues } from './eventForm';
import { t } from './messages';
import { EVENT_FORMATS, EVENT_LEVELS, EVENT_STATUSES, EVENT_TYPES } from './search';

const e = t.events;
const f = e.form;

export type Choice = { value: string; label: string };

type Props = {
  /** Accessible name of the form. */
  title: string;
  defaultValues: EventFormValues;
  onSubmit: (values: EventFormValues) => Promise<void>;
  onCancel: () => void;
  /** Re-reads the record after a 412 (the parent remounts the form with fresh values). */
  onReload?: () => void;
  /** Create only: the municipalities to choose from (more than one), the schools a school's writer records for. */
  municipalities?: Choice[];
  ownerSchools?: Choice[];
  /** Levels this writer may record (a school's writer: all but municipal). */
  levels?: readonly string[];
  submitLabel?: string;
};

const choices = (codes: readonly string[], names: Record<string, string>): Choice[] =>
  codes.map((code) => ({ value: code, label: names[code] ?? code }));

export function EventForm({
  title,
  defaultValues,
  onSubmit,
  onCancel,
  onReload,
  municipalities = [],
  ownerSchools = [],
  levels = EVENT_LEVELS,
  submitLabel = t.common.save,
}: Props) {
  const me = useMe();
  const [serverMessages, setServerMessages] = useState<string[]>([]);
  const [conflict, setConflict] = useState(false);
  const [uploading, setUploading] = useState(false);
  const form = useForm<EventFormValues>({ resolver: zodResolver(eventFormSchema), defaultValues, mode: 'onTouched' });
  const {
    register,
    control,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting, isDirty },
  } = form;
  const people = useFieldArray({ control, name: 'responsible_people' });
  const responsibleOrgs = useFieldArray({ control, name: 'responsible_organizations' });
  const materials = useFieldArray({ control, name: 'materials' });
  const organizations = useQuery(organizationOptionsQuery);
  const series = useQuery(seriesOptionsQuery);
  const positions = useDictionary('positions');
  const subjects = useDictionary('subjects');
  const areas = useDictionary('competenceAreas');
  const organizationOptions = (organizations.data ?? []).map((o) => ({ value: o.id, label: o.short_name }));
  const seriesOptions = (series.data ?? []).map((s) => ({ value: s.id, label: `${s.title} (${s.academic_year})` }));
  const seriesId = useWatch({ control, name: 'series_id' });
  const levelChoices = choices(levels, e.levels);
  const ownerId = useWatch({ control, name: 'owner_organization_id' });

  const submit = handleSubmit(async (values) => {
    setServerMessages([]);
    setConflict(false);
    try {
      await onSubmit(values);
    } catch (error) {
      if (isStatus(error, 412)) {
        setConflict(true);
        return;
      }
      setServerMessages(applyProblemToForm(error, { setError: setError as never, fields: EVENT_FORM_FIELDS }));
    }
  });

  async function upload(file: File | null) {
    if (!file) return;
    setUploading(true);
    try {
      const stored = await uploadMaterial(file, ownerId);
      materials.append({ title: file.name.replace(/\.[^.]+$/, ''), url: '', file_id: stored.id, file_name: file.name } as never);
    } catch (error) {
      notifications.show({ color: 'red', title: f.uploadFailed, message: errorMessage(error) });
    } finally {
      setUploading(false);
    }
  }

  const select = (name: 'type' | 'level' | 'format' | 'status', label: string, data: Choice[], required = false) => (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => (
        <Select
          label={label}
          required={required}
          data={data}
          value={field.value}
          onChange={(val) => field.onChange(val ?? (required ? null : field.value))}
          onBlur={field.onBlur}
          error={fieldState.error?.message}
          allowDeselect={false}
        />
      )}
    />
  );

  return (
    <form onSubmit={(ev) => void submit(ev)} noValidate aria-label={title}>
      <UnsavedChangesGuard when={isDirty && !isSubmitting} />
      <Stack>
        <FieldsetCard legend={f.main}>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
            {municipalities.length > 1 ? (
              <Controller
                control={control}
                name="municipality_id"
                render={({ field, fieldState }) => (
                  <Select
                    label={f.municipality}
                    required
                    data={municipalities}
                    value={field.value}
                    onChange={field.onChange}
                    error={fieldState.error?.message}
                    searchable
                  />
                )}
              />
            ) : null}
            {ownerSchools.length > 1 ? (
              <Controller
                control={control}
                name="owner_organization_id"
                render={({ field, fieldState }) => (
                  <Select
                    label={f.ownerSchool}
                    required
                    data={ownerSchools}
                    value={field.value}
                    onChange={field.onChange}
                    error={fieldState.error?.message}
                    allowDeselect={false}
                  />
                )}
              />
            ) : null}
            {select('type', f.type, choices(EVENT_TYPES, e.types), true)}
            {select('level', f.level, levelChoices, true)}
            {select('format', f.format, choices(EVENT_FORMATS, e.formats))}
            {select('status', f.status, choices(EVENT_STATUSES, e.statuses))}
          </SimpleGrid>
          {!levels.includes('municipal') ? (
            <Text size="xs" c="dimmed" mt={4}>
              {f.levelSchoolHint}
            </Text>
          ) : null}
          <Textarea label={f.title} required autosize minRows={1} maxRows={4} mt="sm" error={errors.title?.message} {...register('title')} />
          <Textarea label={f.content} autosize minRows={3} maxRows={12} mt="sm" error={errors.content?.message} {...register('content')} />
        </FieldsetCard>

        <FieldsetCard legend={f.when}>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
            <Controller
              control={control}
              name="start_date"
              render={({ field, fieldState }) => (
                <DateField
                  label={f.startDate}
                  required
                  value={field.value}
                  onChange={field.onChange}
                  onBlur={field.onBlur}
                  error={fieldState.error?.message}
                />
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
            <TimeInput label={f.startTime} error={errors.start_time?.message} {...register('start_time')} />
            <TimeInput label={f.endTime} error={errors.end_time?.message} {...register('end_time')} />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" mt="sm">
            <TextInput label={f.place} placeholder={f.placePlaceholder} error={errors.place?.message} {...register('place')} />
            <TextInput label={f.url} placeholder={f.urlPlaceholder} inputMode="url" error={errors.url?.message} {...register('url')} />
          </SimpleGrid>
        </FieldsetCard>

        <FieldsetCard legend={f.organizerSection}>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <Controller
              control={control}
              name="organizer_organization_id"
              render={({ field, fieldState }) => (
                <Select
                  label={f.organizerOrganization}
                  data={organizationOptions}
                  value={field.value}
                  onChange={field.onChange}
                  onBlur={field.onBlur}
                  error={fieldState.error?.message}
                  searchable
                  clearable
                />
              )}
            />
            <TextInput
              label={f.organizerName}
              placeholder={f.organizerNamePlaceholder}
              error={errors.organizer_name?.message}
              {...register('organizer_name')}
            />
            <Controller
              control={control}
              name="series_id"
              render={({ field, fieldState }) => (
                <Select
                  label={f.series}
                  placeholder={f.noSeries}
                  data={seriesOptions}
                  value={field.value}
                  onChange={field.onChange}
                  onBlur={field.onBlur}
                  error={fieldState.error?.message}
                  searchable
                  clearable
                />
              )}
            />
            {seriesId ? (
              <TextInput
                label={f.sessionNumber}
                inputMode="numeric"
                error={errors.session_number?.message}
                {...register('session_number')}
              />
            ) : null}
          </SimpleGrid>
        </FieldsetCard>

        <FieldsetCard legend={f.audienceSection}>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <CodesMultiSelect control={control} name="audience_positions" label={f.audiencePositions} data={positions.options} />
            <CodesMultiSelect control={control} name="audience_subjects" label={f.audienceSubjects} data={subjects.options} />
            <CodesMultiSelect control={control} name="competence_areas" label={f.competenceAreas} description={f.competenceAreasHint} data={areas.options} />
            <TextInput label={f.audienceNote} error={errors.audience_note?.message} {...register('audience_note')} />
            <Checkbox label={f.audienceYoung} mt={{ sm: 30 }} {...register('audience_young')} />
          </SimpleGrid>
        </FieldsetCard>

        <FieldsetCard legend={f.responsibleSection}>
          <Stack gap="sm">
            {people.fields.map((item, index) => {
              const linked = Boolean(item.teacher_id || item.user_id);
              return (
                <RemovableRow key={item.id} title={f.personN(index + 1)} removeLabel={f.removePerson(index + 1)} onRemove={() => people.remove(index)}>
                  <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                    <TextInput
                      label={f.personName}
                      required={!linked}
                      readOnly={linked}
                      description={linked ? e.card.fromRegistry : undefined}
                      error={fieldError(errors, `responsible_people.${index}.name`)}
                      {...register(`responsible_people.${index}.name`)}
                    />
                    <TextInput
                      label={f.personNote}
                      error={fieldError(errors, `responsible_people.${index}.note`)}
                      {...register(`responsible_people.${index}.note`)}
                    />
                  </SimpleGrid>
                </RemovableRow>
              );
            })}
            <Group align="flex-end">
              <Button variant="light" size="xs" onClick={() => people.append({ user_id: null, teacher_id: null, name: '', note: '' })}>
                {f.addPerson}
              </Button>
              {canBrowseTeachers(me) ? (
                <TeacherAdder
                  onPick={(id, name) => people.append({ user_id: null, teacher_id: id, name, note: '' })}
                  exclude={people.fields.map((p) => p.teacher_id).filter((x): x is string => Boolean(x))}
                />
              ) : null}
            </Group>

            <Text size="sm" fw={600} mt="xs">
              {e.card.responsibleOrganizations}
            </Text>
            {responsibleOrgs.fields.map((item, index) => (
              <RemovableRow
                key={item.id}
                title={f.organizationN(index + 1)}
                removeLabel={f.removeOrganization(index + 1)}
                onRemove={() => responsibleOrgs.remove(index)}
              >
                <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                  <Controller
                    control={control}
                    name={`responsible_organizations.${index}.organization_id`}
                    render={({ field, fieldState }) => (
                      <Select
                        label={f.organization}
                        required
                        data={organizationOptions}
                        value={field.value}
                        onChange={field.onChange}
                        onBlur={field.onBlur}
                        error={fieldState.error?.message}
                        searchable
                      />
                    )}
                  />
                  <TextInput
                    label={f.organizationNote}
                    placeholder={f.organizationNotePlaceholder}
                    error={fieldError(errors, `responsible_organizations.${index}.note`)}
                    {...register(`responsible_organizations.${index}.note`)}
                  />
                </SimpleGrid>
              </RemovableRow>
            ))}
            <Group>
              <Button variant="light" size="xs" onClick={() => responsibleOrgs.append({ organization_id: null, note: '' })}>
                {f.addOrganization}
              </Button>
            </Group>
          </Stack>
        </FieldsetCard>

        <FieldsetCard legend={f.materialsSection}>
          <Stack gap="sm">
            {materials.fields.map((item, index) => {
              const file = (item as { file_name?: string }).file_name;
              return (
                <RemovableRow key={item.id} title={f.materialN(index + 1)} removeLabel={f.removeMaterial(index + 1)} onRemove={() => materials.remove(index)}>
                  <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                    <TextInput
                      label={f.materialTitle}
                      required
                      error={fieldError(errors, `materials.${index}.title`)}
                      {...register(`materials.${index}.title`)}
                    />
                    {item.file_id ? (
                      <TextInput label={f.materialFile} value={file ?? ''} readOnly />
                    ) : (
                      <TextInput
                        label={f.materialUrl}
                        required
                        placeholder={f.urlPlaceholder}
                        inputMode="url"
                        error={fieldError(errors, `materials.${index}.url`)}
                        {...register(`materials.${index}.url`)}
                      />
                    )}
                  </SimpleGrid>
                </RemovableRow>
              );
            })}
            <Group>
              <Button variant="light" size="xs" onClick={() => materials.append({ title: '', url: '', file_id: null })}>
                {f.addLink}
              </Button>
              {can(me, 'files:write') ? (
                <FileButton onChange={(file) => void upload(file)}>
                  {(props) => (
                    <Button variant="light" size="xs" loading={uploading} {...props}>
                      {f.uploadFile}
                    </Button>
                  )}
                </FileButton>
              ) : null}
            </Group>
          </Stack>
        </FieldsetCard>

        {/* Next to «Сохранить», where the user is looking after pressing it. */}
        {conflict ? <ConflictAlert onReload={() => onReload?.()} /> : null}
        <FormErrors messages={serverMessages} />
        <FormActions onCancel={onCancel} submitLabel={submitLabel} loading={isSubmitting} />
      </Stack>
    </form>
  );
}

/** Picks a teacher of the registry by surname and adds them as a responsible person (the field empties again). */
function TeacherAdder({ onPick, exclude }: { onPick: (id: string, name: string) => void; exclude: string[] }) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const list = useQuery({ ...teacherListQuery({ q: debounced || undefined, limit: 20 }), enabled: debounced.length >= 2 });
  const options = (list.data?.items ?? [])
    .filter((x) => !exclude.includes(x.id))
    .map((x) => ({
      value: x.id,
      label: `${formatFullName(x.last_name, x.first_name, x.middle_name)}${x.current_organization_name ? `, ${x.current_organization_name}` : ''}`,
      name: formatFullName(x.last_name, x.first_name, x.middle_name),
    }));
  return (
    <Select
      label={f.addTeacher}
      placeholder={f.teacherPlaceholder}
      searchable
      data={options.map(({ value, label }) => ({ value, label }))}
      value={null}
      searchValue={search}
      onSearchChange={setSearch}
      onChange={(id) => {
        const picked = options.find((o) => o.value === id);
        if (picked) onPick(picked.value, picked.name);
        setSearch('');
      }}
      filter={({ options: o }) => o}
      size="xs"
      w={320}
      maw="100%"
    />
  );
}
