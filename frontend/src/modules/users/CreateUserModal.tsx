import { useState } from 'react';
import {
  ActionIcon,
  Button,
  Group,
  Paper,
  PasswordInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
} from '@mantine/core';
import { zodResolver } from '@hookform/resolvers/zod';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Controller, useFieldArray, useForm, useWatch } from 'react-hook-form';
import { z } from 'zod';
import { applyProblemToForm, isStatus } from '../../api/errors';
import { archiveUser, createUser, updateUser, userQuery } from './api';
import { municipalitiesQuery, organizationOptionsQuery } from '../../api/queries';
import { type UserCreate, type UserRead, type UserUpdate } from '../../api/types';
import { ArchiveForm } from '../../components/ArchiveModal';
import { ConflictAlert, ErrorState, FormErrors, LoadingState } from '../../components/states';
import { FormActions } from '../../components/FormActions';
import { FormModal, useUnsavedChanges } from '../../components/UnsavedChanges';
import { t } from './messages';
import { TeacherPicker } from '../teachers/TeacherPicker';
import { associationListQuery } from '../associations/api';

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
    region_id: z.string().nullable(),
    municipality_id: z.string().nullable(),
    organization_id: z.string().nullable(),
    teacher_id: z.string().nullable(),
    association_id: z.string().nullable(),
  })
  .superRefine((r, ctx) => {
    if (!r.role) {
      ctx.addIssue({ code: 'custom', path: ['role'], message: v.required });
      return;
    }
    const kind = scopeKind(r.role);
    const field = kind === 'municipality' ? 'municipality_id' : kind === 'organization' ? 'organization_id' : kind === 'teacher' ? 'teacher_id' : null;
    const regionWide = kind === 'municipality' && r.role !== 'association_leader' && Boolean(r.region_id);
    if (field && !r[field] && !regionWide) ctx.addIssue({ code: 'custom', path: [field], message: v.scopeRequired });
  });

const baseFields = {
  email: z
    .string()
    .trim()
    .min(1, v.required)
    .max(254, v.tooLong(254))
    .refine((e) => /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(e), v.email),
  full_name: z.string().trim().min(3, v.tooShort(3)).max(300, v.tooLong(300)),
  is_active: z.boolean(),
  roles: z.array(roleSchema).min(1, v.rolesMin),
};

/** A new user needs a password; when editing, an empty password keeps the current one. */
export const userFormSchema = z.object({
  ...baseFields,
  password: z.string().min(10, v.tooShort(10)).max(200, v.tooLong(200)),
});
export const userEditSchema = z.object({
  ...baseFields,
  password: z.string().refine((p) => p === '' || (p.length >= 10 && p.length <= 200), v.tooShort(10)),
});
type Values = z.input<typeof userFormSchema>;
const FIELDS = ['email', 'full_name', 'password', 'roles', 'is_active'];

function rolesBody(values: Values): UserCreate['roles'] {
  return values.roles.map((r) => {
    const kind = scopeKind(r.role);
    const regionWide = kind === 'municipality' && !r.municipality_id && Boolean(r.region_id);
    return {
      role: r.role ?? 'teacher',
      region_id: regionWide ? r.region_id : null,
      municipality_id: kind === 'municipality' && !regionWide ? r.municipality_id : null,
      organization_id: kind === 'organization' ? r.organization_id : null,
      teacher_id: kind === 'teacher' ? r.teacher_id : null,
      association_id: r.role === 'association_leader' ? r.association_id : null,
    };
  });
}

function toCreateBody(values: Values): UserCreate {
  return { email: values.email.trim(), full_name: values.full_name.trim(), password: values.password, roles: rolesBody(values) };
}

function toUpdateBody(values: Values): UserUpdate {
  return {
    full_name: values.full_name.trim(),
    is_active: values.is_active,
    roles: rolesBody(values),
    ...(values.password ? { password: values.password } : {}),
  };
}

const emptyRole = (municipalityId: string | null) => ({
  role: null,
  region_id: null,
  municipality_id: municipalityId,
  organization_id: null,
  teacher_id: null,
  association_id: null,
});

function userToForm(user: UserRead): Values {
  return {
    email: user.email,
    full_name: user.full_name,
    password: '',
    is_active: user.is_active,
    roles: user.roles.map((r) => ({
      role: r.role,
      region_id: r.region_id ?? null,
      municipality_id: r.municipality_id ?? null,
      organization_id: r.organization_id ?? null,
      teacher_id: r.teacher_id ?? null,
      association_id: r.association_id ?? null,
    })),
  };
}

type Props = { opened: boolean; onClose: () => void; defaultMunicipalityId: string | null };

export function CreateUserModal({ opened, onClose, defaultMunicipalityId }: Props) {
  return (
    <FormModal opened={opened} onClose={onClose} title={t.users.createTitle} size="lg" centered>
      {opened ? <UserForm onDone={onClose} defaultMunicipalityId={defaultMunicipalityId} /> : null}
    </FormModal>
  );
}

/** Edit a user: name, password reset, active switch, roles; archive with a reason. */
export function EditUserModal({ userId, onClose }: { userId: string | null; onClose: () => void }) {
  return (
    <FormModal opened={Boolean(userId)} onClose={onClose} title={t.users.editTitle} size="lg" centered>
      {userId ? <EditUserLoader userId={userId} onDone={onClose} /> : null}
    </FormModal>
  );
}

function EditUserLoader({ userId, onDone }: { userId: string; onDone: () => void }) {
  const query = useQuery(userQuery(userId));
  if (query.isPending) return <LoadingState />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  return (
    <UserForm
      key={query.data.data.version}
      user={query.data.data}
      onReload={() => void query.refetch()}
      onDone={onDone}
      defaultMunicipalityId={query.data.data.municipality_id}
    />
  );
}

type UserFormProps = {
  user?: UserRead;
  onReload?: () => void;
  onDone: () => void;
  defaultMunicipalityId: string | null;
};

export function UserForm({ user, onReload, onDone, defaultMunicipalityId }: UserFormProps) {
  const f = t.users.form;
  const editing = Boolean(user);
  const queryClient = useQueryClient();
  const municipalities = useQuery(municipalitiesQuery);
  const organizations = useQuery(organizationOptionsQuery);
  const [serverMessages, setServerMessages] = useState<string[]>([]);
  const [conflict, setConflict] = useState(false);
  const [archiving, setArchiving] = useState(false);
  const {
    register,
    control,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting, isDirty },
  } = useForm<Values>({
    resolver: zodResolver(editing ? userEditSchema : userFormSchema),
    defaultValues: user
      ? userToForm(user)
      : { email: '', full_name: '', password: '', is_active: true, roles: [emptyRole(defaultMunicipalityId)] },
  });
  // Closing with changes asks first; a save closes without asking (isSubmitting).
  const cancel = useUnsavedChanges(isDirty && !isSubmitting);
  const roles = useFieldArray({ control, name: 'roles' });
  const roleValues = useWatch({ control, name: 'roles' });
  // the associations a leader's role may name (only asked for when such a role is in the form)
  const associations = useQuery({
    ...associationListQuery({ status: 'active', limit: 200, offset: 0, sort: 'title' }),
    enabled: roleValues.some((r) => r?.role === 'association_leader'),
  });

  const submit = handleSubmit(async (values) => {
    setServerMessages([]);
    setConflict(false);
    try {
      if (user) {
        await updateUser(user, toUpdateBody(values));
        notifications.show({ color: 'green', message: t.common.saved });
      } else {
        await createUser(toCreateBody(values));
        notifications.show({ color: 'green', message: t.users.created });
      }
      await queryClient.invalidateQueries({ queryKey: ['users'] });
      onDone();
    } catch (error) {
      if (isStatus(error, 412)) {
        setConflict(true);
        return;
      }
      setServerMessages(applyProblemToForm(error, { setError: setError as never, fields: FIELDS }));
    }
  });

  if (user && archiving) {
    return (
      <ArchiveForm
        text={t.users.archiveText(user.full_name)}
        onCancel={() => setArchiving(false)}
        onConfirm={async (reason) => {
          await archiveUser(user, reason);
          notifications.show({ color: 'green', message: t.users.archived });
          await queryClient.invalidateQueries({ queryKey: ['users'] });
          onDone();
        }}
        onReload={() => {
          setArchiving(false);
          onReload?.();
        }}
      />
    );
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack>
        {conflict ? (
          <ConflictAlert
            onReload={() => {
              setConflict(false);
              onReload?.();
            }}
          />
        ) : null}
        <FormErrors messages={serverMessages} />
        <TextInput
          label={f.email}
          type="email"
          required={!editing}
          readOnly={editing}
          variant={editing ? 'filled' : 'default'}
          description={editing ? f.emailFixed : undefined}
          autoComplete="off"
          error={errors.email?.message}
          {...register('email')}
        />
        <TextInput label={f.fullName} required autoComplete="off" error={errors.full_name?.message} {...register('full_name')} />
        <PasswordInput
          label={editing ? f.newPassword : f.password}
          description={editing ? f.newPasswordHint : f.passwordHint}
          required={!editing}
          autoComplete="new-password"
          error={errors.password?.message}
          {...register('password')}
        />
        {editing ? (
          <Controller
            control={control}
            name="is_active"
            render={({ field }) => (
              <Switch
                label={f.isActive}
                description={f.isActiveHint}
                checked={field.value}
                onChange={(e) => field.onChange(e.currentTarget.checked)}
              />
            )}
          />
        ) : null}
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
                        data={ROLES.map((r) => ({ value: r, label: t.roles[r] ?? r }))}
                        value={field.value}
                        onChange={field.onChange}
                        error={fieldState.error?.message}
                      />
                    )}
                  />
                  {kind === 'municipality' && !roleValues[index]?.municipality_id && roleValues[index]?.region_id ? (
                    <Text size="sm" c="dimmed" mt={28}>
                      {f.regionWide(user?.roles[index]?.scope_name ?? '')}
                    </Text>
                  ) : kind === 'municipality' ? (
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
                  ) : null}
                  {roleValues[index]?.role === 'association_leader' ? (
                    <Controller
                      control={control}
                      name={`roles.${index}.association_id`}
                      render={({ field, fieldState }) => (
                        <Select
                          label={f.association}
                          description={f.associationHint}
                          data={(associations.data?.items ?? [])
                            .filter((a) => !roleValues[index]?.municipality_id || a.municipality_id === roleValues[index]?.municipality_id)
                            .map((a) => ({ value: a.id, label: `${a.title} (${a.academic_year})` }))}
                          value={field.value}
                          onChange={field.onChange}
                          error={fieldState.error?.message}
                          searchable
                          clearable
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
        <FormActions
          onCancel={cancel}
          submitLabel={editing ? t.common.save : t.common.create}
          loading={isSubmitting}
          start={
            user && !user.archived_at ? (
              <Button variant="subtle" color="red" onClick={() => setArchiving(true)}>
                {t.common.archive}
              </Button>
            ) : null
          }
        />
      </Stack>
    </form>
  );
}

