import { useState } from 'react';
import { NumberInput, Radio, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { zodResolver } from '@hookform/resolvers/zod';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { applyProblemToForm, isStatus } from '../../api/errors';
import { organizationOptionsQuery } from '../../api/queries';
import type { Course } from '../../api/types';
import { DateField } from '../../components/DateField';
import { FormActions } from '../../components/FormActions';
import { CodesMultiSelect } from '../../components/FormParts';
import { useDictionary } from '../../components/useDictionary';
import { ConflictAlert, FormErrors } from '../../components/states';
import { FormModal, useUnsavedChanges } from '../../components/UnsavedChanges';
import { TeacherPicker } from '../teachers/TeacherPicker';
import { createCourse, invalidateCourses, updateCourse } from './api';
import {
  COURSE_FORM_FIELDS,
  courseFormSchema,
  courseToValues,
  emptyCourseValues,
  toCourseCreate,
  toCourseUpdate,
  type CourseFormValues,
} from './courseForm';
import { t } from './messages';
import { COURSE_FORMATS, PROGRAM_KINDS } from './search';

const c = t.courses;
const f = c.form;

type Props = {
  opened: boolean;
  onClose: () => void;
  /** Edit this course; without it, a new one. */
  course?: Course | null;
  /** 412 «Обновить»: reload the list the course came from. */
  onReload?: () => void;
};

/** A new course or the changes of one, in a dialog that asks before dropping typed changes. */
export function CourseFormModal({ opened, onClose, course, onReload }: Props) {
  return (
    <FormModal opened={opened} onClose={onClose} title={course ? c.editTitle : c.createTitle} size="lg" centered>
      {opened ? <CourseForm key={course ? `${course.id}:${course.version}` : 'new'} course={course ?? null} onDone={onClose} onReload={onReload} /> : null}
    </FormModal>
  );
}

function CourseForm({ course, onDone, onReload }: { course: Course | null; onDone: () => void; onReload?: () => void }) {
  const queryClient = useQueryClient();
  const organizations = useQuery(organizationOptionsQuery);
  const areas = useDictionary('competenceAreas');
  const [messages, setMessages] = useState<string[]>([]);
  const [conflict, setConflict] = useState(false);
  const {
    register,
    control,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting, isDirty },
  } = useForm<CourseFormValues>({
    resolver: zodResolver(courseFormSchema),
    defaultValues: course ? courseToValues(course) : emptyCourseValues(),
  });
  const cancel = useUnsavedChanges(isDirty && !isSubmitting);
  const source = useWatch({ control, name: 'provider_source' });

  const submit = handleSubmit(async (values) => {
    setMessages([]);
    setConflict(false);
    try {
      if (course) await updateCourse(course, toCourseUpdate(values));
      else await createCourse(toCourseCreate(values));
      notifications.show({ color: 'green', message: course ? t.common.saved : c.created });
      void invalidateCourses(queryClient);
      onDone();
    } catch (error) {
      if (isStatus(error, 412)) setConflict(true);
      else setMessages(applyProblemToForm(error, { setError: setError as never, fields: COURSE_FORM_FIELDS }));
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
              initialLabel={course ? [course.teacher_name, course.organization_name].filter(Boolean).join(', ') : null}
              disabled={Boolean(course)}
              description={course ? f.teacherFixed : undefined}
            />
          )}
        />
        <TextInput label={f.title} required error={errors.title?.message} {...register('title')} />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Controller
            control={control}
            name="program_kind"
            render={({ field }) => (
              <Select
                label={f.programKind}
                data={PROGRAM_KINDS.map((k) => ({ value: k, label: c.kinds[k] ?? k }))}
                value={field.value}
                onChange={(val) => field.onChange(val ?? 'advanced_training')}
                allowDeselect={false}
              />
            )}
          />
          <Controller
            control={control}
            name="hours"
            render={({ field, fieldState }) => (
              <NumberInput
                label={f.hours}
                min={1}
                max={3000}
                allowDecimal={false}
                clampBehavior="none"
                value={Number.isFinite(field.value) ? field.value : ''}
                onChange={(val) => field.onChange(typeof val === 'number' ? val : Number.NaN)}
                onBlur={field.onBlur}
                error={fieldState.error?.message}
                required
              />
            )}
          />
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
                required
                value={field.value}
                onChange={field.onChange}
                onBlur={field.onBlur}
                error={fieldState.error?.message}
              />
            )}
          />
        </SimpleGrid>
        <Controller
          control={control}
          name="provider_source"
          render={({ field }) => (
            <Radio.Group label={f.providerSource} value={field.value} onChange={field.onChange}>
              <Stack gap="xs" mt="xs">
                <Radio value="text" label={f.providerAsText} />
                <Radio value="dictionary" label={f.providerFromDictionary} />
              </Stack>
            </Radio.Group>
          )}
        />
        {source === 'dictionary' ? (
          <Controller
            control={control}
            name="provider_organization_id"
            render={({ field, fieldState }) => (
              <Select
                label={f.providerOrganization}
                placeholder={f.providerOrganizationPlaceholder}
                data={(organizations.data ?? []).map((o) => ({ value: o.id, label: o.short_name }))}
                value={field.value}
                onChange={field.onChange}
                error={fieldState.error?.message}
                searchable
                required
              />
            )}
          />
        ) : (
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput label={f.providerName} description={f.providerNameHint} error={errors.provider_name?.message} {...register('provider_name')} />
            <Controller
              control={control}
              name="provider_state_owned"
              render={({ field }) => (
                <Select
                  label={f.providerStateOwned}
                  description={f.stateOwnedHint}
                  data={(['yes', 'no', 'unknown'] as const).map((x) => ({ value: x, label: f.stateOwned[x] ?? x }))}
                  value={field.value}
                  onChange={(val) => field.onChange(val ?? 'unknown')}
                  allowDeselect={false}
                />
              )}
            />
          </SimpleGrid>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Controller
            control={control}
            name="format"
            render={({ field }) => (
              <Select
                label={f.format}
                data={[{ value: '', label: f.formatNone }, ...COURSE_FORMATS.map((x) => ({ value: x, label: f.formats[x] ?? x }))]}
                value={field.value}
                onChange={(val) => field.onChange(val ?? '')}
                allowDeselect={false}
              />
            )}
          />
          <TextInput label={f.documentNumber} error={errors.document_number?.message} {...register('document_number')} />
        </SimpleGrid>
        <CodesMultiSelect control={control} name="competence_areas" label={f.competenceAreas} description={f.competenceAreasHint} data={areas.options} />
        {course?.warnings?.length ? (
          <Text size="sm" c="orange.9">
            {course.warnings.join(' ')}
          </Text>
        ) : null}
        <FormActions onCancel={cancel} submitLabel={course ? t.common.save : t.common.create} loading={isSubmitting} />
      </Stack>
    </form>
  );
}
