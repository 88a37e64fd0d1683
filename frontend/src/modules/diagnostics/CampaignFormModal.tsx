/** Create or edit a campaign: a published instrument version, the title, the window and whom it targets. */
import { useState } from 'react';
import { Checkbox, MultiSelect, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { ApiError, errorMessage, isStatus, problemFieldErrors } from '../../api/errors';
import { organizationOptionsQuery } from '../../api/queries';
import { DateField } from '../../components/DateField';
import { FormActions } from '../../components/FormActions';
import { ConflictAlert, FormErrors } from '../../components/states';
import { FormModal, useUnsavedChanges } from '../../components/UnsavedChanges';
import { useDictionary } from '../../components/useDictionary';
import { type Campaign, createCampaign, invalidateDiagnostics, publishedInstrumentsQuery, updateCampaign } from './api';
import { type CampaignFormValues, validateCampaign } from './logic';
import { t } from './messages';

const c = t.campaigns;

type Props = { opened: boolean; onClose: () => void; campaign: Campaign | null; onReload?: () => void };

export function CampaignFormModal({ opened, onClose, campaign, onReload }: Props) {
  return (
    <FormModal opened={opened} onClose={onClose} title={campaign ? c.editTitle : c.createTitle} size="lg">
      {opened ? <CampaignForm campaign={campaign} onClose={onClose} onReload={onReload} /> : null}
    </FormModal>
  );
}

const asList = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);

export function initialCampaignValues(campaign: Campaign | null): CampaignFormValues {
  const target = (campaign?.target ?? {}) as Record<string, unknown>;
  return {
    instrument_id: campaign?.instrument_id ?? '',
    title: campaign?.title ?? '',
    opens_on: campaign?.opens_on ?? null,
    closes_on: campaign?.closes_on ?? null,
    organization_ids: asList(target.organization_ids),
    position_codes: asList(target.position_codes),
    subject_codes: asList(target.subject_codes),
    young_only: Boolean(target.young_only),
    repeat_yearly: campaign?.repeat_yearly ?? false,
  };
}

export function CampaignForm({ campaign, onClose, onReload }: { campaign: Campaign | null; onClose: () => void; onReload?: () => void }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [values, setValues] = useState<CampaignFormValues>(() => initialCampaignValues(campaign));
  const [start] = useState(values);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [messages, setMessages] = useState<string[]>([]);
  const [conflict, setConflict] = useState(false);
  const [pending, setPending] = useState(false);
  const dirty = JSON.stringify(values) !== JSON.stringify(start);
  const cancel = useUnsavedChanges(dirty && !pending, onClose);
  const instruments = useQuery(publishedInstrumentsQuery);
  const organizations = useQuery(organizationOptionsQuery);
  const positions = useDictionary('positions');
  const subjects = useDictionary('subjects');
  // The opening date and the target group are fixed once the assignments exist.
  const launched = Boolean(campaign?.launched_at);
  const set = <K extends keyof CampaignFormValues>(key: K, value: CampaignFormValues[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    if (errors[key]) setErrors((e) => ({ ...e, [key]: '' }));
  };

  async function save() {
    const found = validateCampaign(values, {
      instrument: c.errors.instrument,
      title: c.errors.title,
      window: c.errors.window,
      required: t.validation.required,
      date: t.validation.date,
    });
    setErrors(found);
    if (Object.keys(found).length) return;
    setPending(true);
    setMessages([]);
    setConflict(false);
    const target = {
      organization_ids: values.organization_ids,
      position_codes: values.position_codes,
      subject_codes: values.subject_codes,
      young_only: values.young_only,
    };
    try {
      if (campaign) {
        await updateCampaign(campaign, {
          title: values.title.trim(),
          closes_on: values.closes_on!,
          repeat_yearly: values.repeat_yearly,
          ...(launched ? {} : { opens_on: values.opens_on!, target }),
        });
        notifications.show({ color: 'green', message: c.saved });
      } else {
        const created = await createCampaign({
          instrument_id: values.instrument_id,
          title: values.title.trim(),
          opens_on: values.opens_on!,
          closes_on: values.closes_on!,
          target,
          repeat_yearly: values.repeat_yearly,
        });
        notifications.show({ color: 'green', message: c.created });
        void navigate({ to: '/diagnostics/campaigns/$campaignId', params: { campaignId: created.id } });
      }
      await invalidateDiagnostics(queryClient);
      onClose();
    } catch (error) {
      if (isStatus(error, 412)) setConflict(true);
      else {
        const fields = error instanceof ApiError ? problemFieldErrors(error.problem) : {};
        const mapped: Record<string, string> = {};
        const rest: string[] = [];
        for (const [path, message] of Object.entries(fields)) {
          const key = path.replace(/^target\./, '').split('.')[0]!;
          if (key in values) mapped[key] = message;
          else rest.push(message);
        }
        setErrors(mapped);
        setMessages(rest.length || !Object.keys(mapped).length ? (rest.length ? rest : [errorMessage(error)]) : []);
      }
    } finally {
      setPending(false);
    }
  }

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <Stack>
        {conflict ? <ConflictAlert onReload={() => onReload?.()} /> : null}
        <FormErrors messages={messages} />
        <Select
          label={c.fields.instrument}
          data={(instruments.data ?? []).map((i) => ({
            value: i.id,
            label: `${i.title} (${t.instruments.version(i.instrument_version)})`,
          }))}
          value={values.instrument_id || null}
          onChange={(v) => set('instrument_id', v ?? '')}
          searchable
          required
          disabled={Boolean(campaign)}
          error={errors.instrument_id}
          data-autofocus
        />
        <TextInput label={c.fields.title} required value={values.title} onChange={(e) => set('title', e.currentTarget.value)} error={errors.title} maxLength={500} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <DateField label={c.fields.opensOn} required value={values.opens_on} onChange={(v) => set('opens_on', v)} error={errors.opens_on} disabled={launched} />
          <DateField label={c.fields.closesOn} required value={values.closes_on} onChange={(v) => set('closes_on', v)} error={errors.closes_on} />
        </SimpleGrid>
        {launched ? (
          <Text size="sm" c="dimmed">
            {c.launchedHint}
          </Text>
        ) : null}
        <MultiSelect
          label={c.fields.organizations}
          description={c.fields.organizationsHint}
          data={(organizations.data ?? []).map((o) => ({ value: o.id, label: o.short_name }))}
          value={values.organization_ids}
          onChange={(v) => set('organization_ids', v)}
          searchable
          clearable
          disabled={launched}
          error={errors.organization_ids}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <MultiSelect
            label={c.fields.positions}
            description={c.fields.positionsHint}
            data={positions.options}
            value={values.position_codes}
            onChange={(v) => set('position_codes', v)}
            searchable
            clearable
            disabled={launched}
          />
          <MultiSelect
            label={c.fields.subjects}
            description={c.fields.subjectsHint}
            data={subjects.options}
            value={values.subject_codes}
            onChange={(v) => set('subject_codes', v)}
            searchable
            clearable
            disabled={launched}
          />
        </SimpleGrid>
        <Checkbox label={c.fields.youngOnly} checked={values.young_only} onChange={(e) => set('young_only', e.currentTarget.checked)} disabled={launched} />
        <Checkbox label={c.fields.repeatYearly} checked={values.repeat_yearly} onChange={(e) => set('repeat_yearly', e.currentTarget.checked)} />
        <FormActions onCancel={cancel} submitLabel={campaign ? t.common.save : t.common.create} loading={pending} />
      </Stack>
    </form>
  );
}
