import { useState } from 'react';
import { ActionIcon, Button, Group, Modal, Paper, PasswordInput, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { zodResolver } from '@hookform/resolvers/zod';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Controller, useFieldArray, useForm, useWatch } from 'react-hook-form';
import { z } from 'zod';
import { applyProblemToForm } from '../../api/errors';
import { createUser, municipalitiesQuery, organizationOptionsQuery, type UserCreate } from '../../api/queries';
import { FormErrors } from '../../components/states';
import { t } from '../../i18n/messages';
import { TeacherPicker } from './TeacherPicker';

const v = t.validation;
export const ROLES = ['sysadmin', 'department', 'methodologist', 'school_admin', 'association_leader', 'teacher'] as const;
export type RoleCode = (typeof ROLES)[number];

/** Which scope a role needs (mirrors the backend's RoleAssignmentIn validator). */
export function scopeKind(role: RoleCode | null): 'none' | 'municipality' | 'organization' | 'teacher' {
  switch (role) {
    case 'department':
    case 'methodologist':
    case 'association_leader':
      return 'municipality';
    case 'school_admin':
      return 'organization';
    case 'teacher':
      return 'teacher';
    default:
      return 'none';
  }
}

const roleSchema = z
  .object({
    role: z.enum(ROLES).nullable(),
    municipality_id: z.string().nullable(),
    organization_id: z.string().nullable(),
    teacher_id: z.string().nullable(),
  })
  .superRefine((r, ctx) => {
    if (!r.role) {
      ctx.addIssue({ code: 'custom', path: ['role'], message: v.required });
      return;
    }
    const kind = scopeKind(r.role);
    const field = kind === 'municipality' ? 'municipality_id' : kind === 'organization' ? 'organization_id' : kind === 'teacher' ? 'teacher_id' : null;
    if (field && !r[field]) ctx.addIssue({ code: 'custom', path: [field], message: v.scopeRequired });
  });

export const userFormSchema = z.object({
  email: z
    .string()
    .trim()
    .min(1, v.required)
    .max(254, v.tooLong(254))
    .refine((e) => /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(e), v.email),
  full_name: z.string().trim().min(3, v.tooShort(3)).max(300, v.tooLong(300)),
  password: z.string().min(10, v.tooShort(10)).max(200, v.tooLong(200)),
  roles: z.array(roleSchema).min(1, v.rolesMin),
});
type Values = z.input<typeof userFormSchema>;
const FIELDS = ['email', 'full_name', 'password', 'roles'];

function toBody(values: Values): UserCreate {
  return {
    email: values.email.trim(),
    full_name: values.full_name.trim(),
    password: values.password,
    roles: values.roles.map((r) => {
      const kind = scopeKind(r.role);
      return {
        role: r.role ?? 'teacher',
        municipality_id: kind === 'municipality' ? r.municipality_id : null,
        organization_id: kind === 'organization' ? r.organization_id : null,
        teacher_id: kind === 'teacher' ? r.teacher_id : null,
      };
    }),
  };
}

const emptyRole = (municipalityId: string | null) => ({
  role: null,
  municipality_id: municipalityId,
  organization_id: null,
  teacher_id: null,
});

type Props = { opened: boolean; onClose: () => void; defaultMunicipalityId: string | null };

export function CreateUserModal({ opened, onClose, defaultMunicipalityId }: Props) {
  return (
    <Modal opened={opened} onClose={onClose} title={t.users.createTitle} size="lg" centered>
      {opened ? <CreateUserForm onDone={onClose} defaultMunicipalityId={defaultMunicipalityId} /> : null}
    </Modal>
  );
}

export function CreateUserForm({ onDone, defaultMunicipalityId }: { onDone: () => void; defaultMunicipalityId: string | null }) {
  const f = t.users.form;
  const queryClient = useQueryClient();
  const municipalities = useQuery(municipalitiesQuery);
  const organizations = useQuery(organizationOptionsQuery);
  const [serverMessages, setServerMessages] = useState<string[]>([]);
  const {
    register,
    control,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<Values>({
    resolver: zodResolver(userFormSchema),
    defaultValues: { email: '', full_name: '', password: '', roles: [emptyRole(defaultMunicipalityId)] },
  });
  const roles = useFieldArray({ control, name: 'roles' });
  const roleValues = useWatch({ control, name: 'roles' });

  const submit = handleSubmit(async (values) => {
    setServerMessages([]);
    try {
      await createUser(toBody(values));
      notifications.show({ color: 'green', message: t.users.created });
      await queryClient.invalidateQueries({ queryKey: ['users'] });
      onDone();
    } catch (error) {
      setServerMessages(applyProblemToForm(error, { setError: setError as never, fields: FIELDS }));
    }
  });

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack>
        <FormErrors messages={serverMessages} />
        <TextInput label={f.email} type="email" required autoComplete="off" error={errors.email?.message} {...register('email')} />
        <TextInput label={f.fullName} required autoComplete="off" error={errors.full_name?.message} {...register('full_name')} />
        <PasswordInput
          label={f.password}
          description={f.passwordHint}
          required
          autoComplete="new-password"
          error={errors.password?.message}
          {...register('password')}
        />
        <Text fw={600} size="sm">
          {f.roles}
        </Text>
        {roles.fields.map((item, index) => {
          const kind = scopeKind(roleValues[index]?.role ?? null);
          const roleErrors = errors.roles?.[index];
          return (
            <Paper key={item.id} withBorder p="sm" component="section" aria-label={`${f.role} ${index + 1}`}>
              <Group align="flex-start" wrap="nowrap" gap="xs">
                <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" style={{ flex: 1 }}>
                  <Controller
                    control={control}
                    name={`roles.${index}.role`}
                    render={({ field, fieldState }) => (
                      <Select
                        label={f.role}
                        required
                        data={ROLES.map((r) => ({ value: r, label: t.users.roles[r] ?? r }))}
                        value={field.value}
                        onChange={field.onChange}
                        error={fieldState.error?.message}
                      />
                    )}
                  />
                  {kind === 'municipality' ? (
                    <Controller
                      control={control}
                      name={`roles.${index}.municipality_id`}
                      render={({ field, fieldState }) => (
                        <Select
                          label={f.municipality}
                          required
                          data={(municipalities.data ?? []).map((m) => ({ value: m.id, label: m.name }))}
                          value={field.value}
                          onChange={field.onChange}
                          error={fieldState.error?.message}
                          searchable
                        />
                      )}
                    />
                  ) : kind === 'organization' ? (
                    <Controller
                      control={control}
                      name={`roles.${index}.organization_id`}
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
                  ) : kind === 'teacher' ? (
                    <Controller
                      control={control}
                      name={`roles.${index}.teacher_id`}
                      render={({ field, fieldState }) => (
                        <TeacherPicker
                          label={f.teacher}
                          placeholder={f.teacherSearch}
                          value={field.value}
                          onChange={field.onChange}
                          error={fieldState.error?.message}
                        />
                      )}
                    />
                  ) : roleValues[index]?.role === 'sysadmin' ? (
                    <Text size="sm" c="dimmed" mt={28}>
                      {f.noScope}
                    </Text>
                  ) : null}
                </SimpleGrid>
                {roles.fields.length > 1 ? (
                  <ActionIcon
                    mt={26}
                    variant="subtle"
                    color="red"
                    aria-label={f.removeRole(index + 1)}
                    title={f.removeRole(index + 1)}
                    onClick={() => roles.remove(index)}
                  >
                    ✕
                  </ActionIcon>
                ) : null}
              </Group>
              {roleErrors?.message ? (
                <Text c="red" size="sm" mt="xs" role="alert">
                  {roleErrors.message}
                </Text>
              ) : null}
            </Paper>
          );
        })}
        {errors.roles?.message || errors.roles?.root?.message ? (
          <Text c="red" size="sm" role="alert">
            {errors.roles?.message ?? errors.roles?.root?.message}
          </Text>
        ) : null}
        <Group>
          <Button variant="light" size="xs" onClick={() => roles.append(emptyRole(defaultMunicipalityId))}>
            {f.addRole}
          </Button>
        </Group>
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t.common.cancel}
          </Button>
          <Button type="submit" loading={isSubmitting}>
            {t.common.create}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
