import { useState, type ReactNode } from 'react';
import {
  Button,
  Card,
  Group,
  MultiSelect,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { zodResolver } from '@hookform/resolvers/zod';
import { useQuery } from '@tanstack/react-query';
import { Controller, useFieldArray, useForm } from 'react-hook-form';
import { applyProblemToForm, isStatus } from '../../api/errors';
import { organizationOptionsQuery } from '../../api/queries';
import { DateField } from '../../components/DateField';
import { UnsavedChangesGuard } from '../../components/UnsavedChanges';
import { ConflictAlert, FormErrors } from '../../components/states';
import { useDictionary } from '../../components/useDictionary';
import { FormActions } from '../../components/FormActions';
import { fieldError, FieldsetCard, RemovableRow } from '../../components/FormParts';
import { t } from './messages';
import {
  emptyCategory,
  emptyEmployment,
  TEACHER_FORM_FIELDS,
  teacherFormSchema,
  type TeacherFormValues,
} from './teacherForm';

export type TeacherFormSubmit = (
  values: TeacherFormValues,
  dirtyFields: Partial<Record<keyof TeacherFormValues, unknown>>,
) => Promise<void>;

type Props = {
  /** Accessible name of the form. */
  title: string;
  defaultValues: TeacherFormValues;
  onSubmit: TeacherFormSubmit;
  onCancel: () => void;
  /** Re-reads the record after a 412 (the parent remounts the form with fresh values). */
  onReload?: () => void;
  defaultOrganizationId?: string | null;
};

const f = t.teachers.form;

export function TeacherForm({ title, defaultValues, onSubmit, onCancel, onReload, defaultOrganizationId = null }: Props) {
  const [serverMessages, setServerMessages] = useState<string[]>([]);
  const [conflict, setConflict] = useState(false);
  const form = useForm<TeacherFormValues>({
    resolver: zodResolver(teacherFormSchema),
    defaultValues,
    mode: 'onTouched',
  });
  const {
    register,
    control,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting, isDirty, dirtyFields },
  } = form;
  const employments = useFieldArray({ control, name: 'employments' });
  const categories = useFieldArray({ control, name: 'categories' });
  const organizations = useQuery(organizationOptionsQuery);
  const positions = useDictionary('positions');
  const subjects = useDictionary('subjects');
  const categoryDict = useDictionary('categories');
  const organizationOptions = (organizations.data ?? []).map((o) => ({ value: o.id, label: o.short_name }));
  const kindOptions = Object.entries(t.teachers.kinds).map(([value, label]) => ({ value, label }));

  const submit = handleSubmit(async (values) => {
    setServerMessages([]);
    setConflict(false);
    try {
      await onSubmit(values, dirtyFields as Partial<Record<keyof TeacherFormValues, unknown>>);
    } catch (error) {
      if (isStatus(error, 412)) {
        setConflict(true);
        return;
      }
      setServerMessages(applyProblemToForm(error, { setError: setError as never, fields: TEACHER_FORM_FIELDS }));
    }
  });

  const arrayError = (name: 'employments' | 'categories') =>
    errors[name]?.message ?? errors[name]?.root?.message;

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label={title}>
      <UnsavedChangesGuard when={isDirty && !isSubmitting} />
      <Stack>
        <Card withBorder component="fieldset" m={0}>
          <Title order={3} size="h4" mb="sm" component="legend" px={4}>
            {t.teachers.card.personal}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
            <TextInput label={f.lastName} required autoComplete="off" error={errors.last_name?.message} {...register('last_name')} />
            <TextInput label={f.firstName} required autoComplete="off" error={errors.first_name?.message} {...register('first_name')} />
            <TextInput label={f.middleName} autoComplete="off" error={errors.middle_name?.message} {...register('middle_name')} />
            <Controller
              control={control}
              name="birth_date"
              render={({ field, fieldState }) => (
                <DateField
                  label={f.birthDate}
                  value={field.value}
                  onChange={field.onChange}
                  onBlur={field.onBlur}
                  error={fieldState.error?.message}
                  maxDate={new Date()}
                />
              )}
            />
            <Controller
              control={control}
              name="teaching_since"
              render={({ field, fieldState }) => (
                <DateField
                  label={f.teachingSince}
                  value={field.value}
                  onChange={field.onChange}
                  onBlur={field.onBlur}
                  error={fieldState.error?.message}
                />
              )}
            />
            <TextInput label={f.email} type="email" autoComplete="off" error={errors.email?.message} {...register('email')} />
            <TextInput
              label={f.phone}
              type="tel"
              placeholder={f.phonePlaceholder}
              autoComplete="off"
              error={errors.phone?.message}
              {...register('phone')}
            />
            <Controller
              control={control}
              name="subjects"
              render={({ field, fieldState }) => (
                <MultiSelect
                  label={f.subjects}
                  data={subjects.options}
                  value={field.value}
                  onChange={field.onChange}
                  onBlur={field.onBlur}
                  error={fieldState.error?.message}
                  searchable
                  clearable
                />
              )}
            />
          </SimpleGrid>
        </Card>

        <HistorySection
          legend={f.employments}
          error={arrayError('employments')}
          addLabel={f.addEmployment}
          onAdd={() => employments.append(emptyEmployment(defaultOrganizationId))}
        >
            {employments.fields.map((item, index) => (
              <RemovableRow
                key={item.id}
                title={f.employmentN(index + 1)}
                removeLabel={f.removeEmployment(index + 1)}
                onRemove={() => employments.remove(index)}
              >
                <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
                  <Controller
                    control={control}
                    name={`employments.${index}.organization_id`}
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
                  <Controller
                    control={control}
                    name={`employments.${index}.position_code`}
                    render={({ field, fieldState }) => (
                      <Select
                        label={f.position}
                        required
                        data={positions.options}
                        value={field.value}
                        onChange={field.onChange}
                        onBlur={field.onBlur}
                        error={fieldState.error?.message}
                        searchable
                      />
                    )}
                  />
                  <Controller
                    control={control}
                    name={`employments.${index}.kind`}
                    render={({ field, fieldState }) => (
                      <Select
                        label={f.kind}
                        data={kindOptions}
                        value={field.value}
                        onChange={(val) => field.onChange(val ?? 'main')}
                        error={fieldState.error?.message}
                        allowDeselect={false}
                      />
                    )}
                  />
                  <TextInput
                    label={f.rate}
                    inputMode="decimal"
                    error={fieldError(errors, `employments.${index}.rate`)}
                    {...register(`employments.${index}.rate`)}
                  />
                  <Controller
                    control={control}
                    name={`employments.${index}.start_date`}
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
                    name={`employments.${index}.end_date`}
                    render={({ field, fieldState }) => (
                      <DateField
                        label={f.endDate}
                        value={field.value}
                        onChange={field.onChange}
                        onBlur={field.onBlur}
                        error={fieldState.error?.message}
                      />
                    )}
                  />
                </SimpleGrid>
                {fieldError(errors, `employments.${index}`) ? (
                  <Text c="red" size="sm" mt="xs" role="alert">
                    {fieldError(errors, `employments.${index}`)}
                  </Text>
                ) : null}
              </RemovableRow>
            ))}
        </HistorySection>

        <HistorySection
          legend={f.categories}
          error={arrayError('categories')}
          addLabel={f.addCategory}
          onAdd={() => categories.append(emptyCategory())}
        >
            {categories.fields.map((item, index) => (
              <RemovableRow
                key={item.id}
                title={f.categoryN(index + 1)}
                removeLabel={f.removeCategory(index + 1)}
                onRemove={() => categories.remove(index)}
              >
                <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
                  <Controller
                    control={control}
                    name={`categories.${index}.category_code`}
                    render={({ field, fieldState }) => (
                      <Select
                        label={f.category}
                        required
                        data={categoryDict.options}
                        value={field.value}
                        onChange={field.onChange}
                        onBlur={field.onBlur}
                        error={fieldState.error?.message}
                      />
                    )}
                  />
                  <Controller
                    control={control}
                    name={`categories.${index}.granted_on`}
                    render={({ field, fieldState }) => (
                      <DateField
                        label={f.grantedOn}
                        required
                        value={field.value}
                        onChange={field.onChange}
                        onBlur={field.onBlur}
                        error={fieldState.error?.message}
                      />
                    )}
                  />
                  <TextInput
                    label={f.legalBasis}
                    error={fieldError(errors, `categories.${index}.legal_basis`)}
                    {...register(`categories.${index}.legal_basis`)}
                  />
                </SimpleGrid>
              </RemovableRow>
            ))}
        </HistorySection>

        {/* Next to «Сохранить», where the user is looking after pressing it. */}
        {conflict ? <ConflictAlert onReload={() => onReload?.()} /> : null}
        <FormErrors messages={serverMessages} />
        <FormActions onCancel={onCancel} submitLabel={t.common.save} loading={isSubmitting} />
      </Stack>
    </form>
  );
}

/** A fieldset of history rows (employments, categories): its rows, the list's own error and «Добавить». */
function HistorySection(props: { legend: string; error?: string; addLabel: string; onAdd: () => void; children: ReactNode }) {
  return (
    <FieldsetCard legend={props.legend}>
      <Stack gap="sm">
        {props.children}
        {props.error ? (
          <Text c="red" size="sm" role="alert">
            {props.error}
          </Text>
        ) : null}
        <Group>
          <Button variant="light" size="xs" onClick={props.onAdd}>
            {props.addLabel}
          </Button>
        </Group>
      </Stack>
    </FieldsetCard>
  );
}

/** One row of a history section with its number and a remove button. */

