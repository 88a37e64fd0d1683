import { useState } from 'react';
import { Checkbox, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { zodResolver } from '@hookform/resolvers/zod';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { Controller, useForm } from 'react-hook-form';
import { z } from 'zod';
import { applyProblemToForm, isStatus } from '../../api/errors';
import { createOrganization, organizationKeys, organizationQuery, updateOrganization } from './api';
import { municipalitiesQuery } from '../../api/queries';
import { type Organization, type OrganizationUpdate } from '../../api/types';
import { ownMunicipalityId, reachesEverything } from '../../auth/permissions';
import { useMe } from '../../auth/useMe';
import { ConflictAlert, FormErrors } from '../../components/states';
import { useDictionary } from '../../components/useDictionary';
import { FormActions } from '../../components/FormActions';
import { FormModal, useUnsavedChanges } from '../../components/UnsavedChanges';
import { t } from './messages';
import { INNOVATION_LEVELS } from './search';

const v = t.validation;
const schema = z.object({
  municipality_id: z.string().nullable().refine((x) => Boolean(x), v.required),
  name: z.string().trim().min(2, v.tooShort(2)).max(500, v.tooLong(500)),
  short_name: z.string().trim().min(2, v.tooShort(2)).max(200, v.tooLong(200)),
  type_code: z.string().nullable().refine((x) => Boolean(x), v.required),
  inn: z
    .string()
    .trim()
    .refine((x) => x === '' || /^\d{10}(\d{2})?$/.test(x), v.inn),
  address: z.string().trim().max(500, v.tooLong(500)),
  is_low_results: z.boolean(),
  is_unfavourable: z.boolean(),
  innovation_level: z.string(),
  is_resource_center: z.boolean(),
  is_state_owned: z.boolean(),
});
type Values = z.input<typeof schema>;
const FIELDS = Object.keys(schema.shape);
const o = t.organizations;

function toValues(org: Organization): Values {
  return {
    municipality_id: org.municipality_id,
    name: org.name,
    short_name: org.short_name,
    type_code: org.type_code,
    inn: org.inn ?? '',
    address: org.address ?? '',
    is_low_results: org.is_low_results,
    is_unfavourable: org.is_unfavourable,
    innovation_level: org.innovation_level ?? 'none',
    is_resource_center: org.is_resource_center,
    is_state_owned: org.is_state_owned,
  };
}

function toBody(values: Values): OrganizationUpdate {
  const level = INNOVATION_LEVELS.find((l) => l === values.innovation_level) ?? null;
  return {
    name: values.name.trim(),
    short_name: values.short_name.trim(),
    type_code: values.type_code ?? undefined, // required by the form; never sent as null
    inn: values.inn.trim() || null,
    address: values.address.trim() || null,
    is_low_results: values.is_low_results,
    is_unfavourable: values.is_unfavourable,
    innovation_level: level,
    is_resource_center: values.is_resource_center,
    is_state_owned: values.is_state_owned,
  };
}

const emptyValues = (municipalityId: string | null): Values => ({
  municipality_id: municipalityId,
  name: '',
  short_name: '',
  type_code: null,
  inn: '',
  address: '',
  is_low_results: false,
  is_unfavourable: false,
  innovation_level: 'none',
  is_resource_center: false,
  is_state_owned: true, // schools of the municipality are municipal by default
});

type Props = { opened: boolean; onClose: () => void; organization: Organization; onReload: () => void };

export function OrganizationEditModal({ opened, onClose, organization, onReload }: Props) {
  return (
    <FormModal opened={opened} onClose={onClose} title={t.organizations.editTitle} size="lg" centered>
      {/* Remount with fresh values when the record version changes. */}
      <OrganizationEditForm key={organization.version} organization={organization} onDone={onClose} onReload={onReload} />
    </FormModal>
  );
}

/** A new organization in one of the user's municipalities; opens its card when saved. */
export function OrganizationCreateModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  return (
    <FormModal opened={opened} onClose={onClose} title={t.organizations.createTitle} size="lg" centered>
      {opened ? <OrganizationEditForm onDone={onClose} /> : null}
    </FormModal>
  );
}

function OrganizationEditForm({
  organization,
  onDone,
  onReload,
}: {
  organization?: Organization;
  onDone: () => void;
  onReload?: () => void;
}) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const me = useMe();
  const municipalities = useQuery({ ...municipalitiesQuery, enabled: !organization });
  const municipalityOptions = (municipalities.data ?? [])
    .filter((m) => me.municipality_ids.length === 0 || me.municipality_ids.includes(m.id) || reachesEverything(me, 'organizations:manage'))
    .map((m) => ({ value: m.id, label: m.name }));
  const types = useDictionary('organizationTypes');
  const [serverMessages, setServerMessages] = useState<string[]>([]);
  const [conflict, setConflict] = useState(false);
  const {
    register,
    control,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting, isDirty },
  } = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: organization ? toValues(organization) : emptyValues(ownMunicipalityId(me)),
  });
  // Closing with changes asks first; a save closes without asking (isSubmitting).
  const cancel = useUnsavedChanges(isDirty && !isSubmitting);

  // Fields the API says this caller may not change (e.g. a school's ШНОР flag for its own administrator).
  const readonly = new Set(organization?.readonly_fields ?? []);
  const locked = (field: string) => readonly.has(field);

  const submit = handleSubmit(async (values) => {
    setServerMessages([]);
    setConflict(false);
    try {
      if (organization) {
        const body = Object.fromEntries(
          Object.entries(toBody(values)).filter(([field]) => !readonly.has(field)),
        ) as OrganizationUpdate;
        const saved = await updateOrganization(organization, body);
        queryClient.setQueryData(organizationQuery(organization.id).queryKey, saved);
        notifications.show({ color: 'green', message: t.common.saved });
      } else {
        const body = toBody(values);
        const created = await createOrganization({
          municipality_id: values.municipality_id ?? '',
          name: body.name ?? '',
          short_name: body.short_name ?? '',
          type_code: body.type_code ?? '',
          inn: body.inn,
          address: body.address,
          innovation_level: body.innovation_level,
          is_low_results: values.is_low_results,
          is_unfavourable: values.is_unfavourable,
          is_resource_center: values.is_resource_center,
          is_state_owned: values.is_state_owned,
        });
        notifications.show({ color: 'green', message: o.created });
        await navigate({ to: '/organizations/$organizationId', params: { organizationId: created.id } });
      }
      void queryClient.invalidateQueries({ queryKey: [...organizationKeys.all, 'list'] });
      void queryClient.invalidateQueries({ queryKey: [...organizationKeys.all, 'options'] });
      onDone();
    } catch (error) {
      if (isStatus(error, 412)) setConflict(true);
      else setServerMessages(applyProblemToForm(error, { setError: setError as never, fields: FIELDS }));
    }
  });

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack>
        {conflict ? <ConflictAlert onReload={() => onReload?.()} /> : null}
        <FormErrors messages={serverMessages} />
        {!organization && municipalityOptions.length > 1 ? (
          <Controller
            control={control}
            name="municipality_id"
            render={({ field, fieldState }) => (
              <Select
                label={o.municipality}
                required
                data={municipalityOptions}
                value={field.value}
                onChange={field.onChange}
                error={fieldState.error?.message}
                searchable
              />
            )}
          />
        ) : null}
        <TextInput label={o.card.fullName} required error={errors.name?.message} {...register('name')} />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput label={o.card.shortName} required error={errors.short_name?.message} {...register('short_name')} />
          <Controller
            control={control}
            name="type_code"
            render={({ field, fieldState }) => (
              <Select
                label={o.card.type}
                required
                disabled={locked('type_code')}
                data={types.options}
                value={field.value}
                onChange={field.onChange}
                error={fieldState.error?.message}
              />
            )}
          />
          <TextInput label={o.card.inn} inputMode="numeric" error={errors.inn?.message} {...register('inn')} />
          <Controller
            control={control}
            name="innovation_level"
            render={({ field }) => (
              <Select
                label={o.innovationLevel}
                disabled={locked('innovation_level')}
                data={[
                  { value: 'none', label: o.innovationLevels.none ?? '' },
                  ...INNOVATION_LEVELS.map((l) => ({ value: l, label: o.innovationLevels[l] ?? l })),
                ]}
                value={field.value}
                onChange={(val) => field.onChange(val ?? 'none')}
                allowDeselect={false}
              />
            )}
          />
        </SimpleGrid>
        <TextInput label={o.card.address} error={errors.address?.message} {...register('address')} />
        <Stack gap="xs">
          <Checkbox label={o.lowResultsFull} disabled={locked('is_low_results')} {...register('is_low_results')} />
          <Checkbox label={o.unfavourableFull} disabled={locked('is_unfavourable')} {...register('is_unfavourable')} />
          <Checkbox label={o.resourceCenter} disabled={locked('is_resource_center')} {...register('is_resource_center')} />
          <Checkbox label={o.stateOwned} disabled={locked('is_state_owned')} {...register('is_state_owned')} />
        </Stack>
        <FormActions onCancel={cancel} submitLabel={organization ? t.common.save : t.common.create} loading={isSubmitting} />
      </Stack>
    </form>
  );
}
