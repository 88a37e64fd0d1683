import { useState } from 'react';
import { Button, Card, Checkbox, Group, NumberInput, Radio, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { zodResolver } from '@hookform/resolvers/zod';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type Control, Controller, useForm, useWatch } from 'react-hook-form';
import { z } from 'zod';
import { applyProblemToForm, isStatus } from '../../api/errors';
import { municipalitiesQuery } from '../../api/queries';
import { municipalityQuery, updateMunicipality } from './api';
import { type Municipality } from '../../api/types';
import { ownMunicipalityId } from '../../auth/permissions';
import { useMe } from '../../auth/useMe';
import { PageHeader } from '../../components/PageHeader';
import { UnsavedChangesGuard } from '../../components/UnsavedChanges';
import { ConflictAlert, EmptyBlock, ErrorState, FormErrors, LoadingState } from '../../components/states';
import { t } from './messages';

const m = t.municipality;
const v = t.validation;

// Same limits as the API (MunicipalityUpdate).
const schema = z.object({
  young_age_limit: z.number({ error: v.required }).int(v.between(18, 70)).min(18, v.between(18, 70)).max(70, v.between(18, 70)),
  young_experience_limit: z
    .number({ error: v.required })
    .int(v.between(0, 20))
    .min(0, v.between(0, 20))
    .max(20, v.between(0, 20)),
  young_rule: z.enum(['or', 'and']),
  mentoring_max_mentees: z.number({ error: v.required }).int(v.between(1, 20)).min(1, v.between(1, 20)).max(20, v.between(1, 20)),
  mentoring_young_mentors_allowed: z.boolean(),
  help_response_days: z.number({ error: v.required }).int(v.between(1, 30)).min(1, v.between(1, 30)).max(30, v.between(1, 30)),
  diagnostics_min_group: z.number({ error: v.required }).int(v.between(2, 50)).min(2, v.between(2, 50)).max(50, v.between(2, 50)),
});
type Values = z.infer<typeof schema>;
type NumberSetting = 'young_age_limit' | 'young_experience_limit' | 'mentoring_max_mentees' | 'help_response_days' | 'diagnostics_min_group';
const YOUNG_RULE_FIELDS = ['young_age_limit', 'young_experience_limit', 'young_rule'] as const;

/** A required whole number between `min` and `max` (an empty field is NaN: the schema says «обязательно»). */
function WholeNumberField(props: { control: Control<Values>; name: NumberSetting; label: string; min: number; max: number; maw?: number }) {
  return (
    <Controller
      control={props.control}
      name={props.name}
      render={({ field, fieldState }) => (
        <NumberInput
          label={props.label}
          min={props.min}
          max={props.max}
          allowDecimal={false}
          clampBehavior="none"
          value={field.value}
          onChange={(val) => field.onChange(typeof val === 'number' ? val : Number.NaN)}
          error={fieldState.error?.message}
          required
          maw={props.maw}
        />
      )}
    />
  );
}

/** The notice after saving: the section that changed (several sections: the general «saved»). */
function savedMessage(changed: string[], youngRuleChanged: boolean): string {
  if (youngRuleChanged) return m.saved;
  if (changed.length === 1 && changed[0] === 'help_response_days') return m.helpSaved;
  if (changed.length === 1 && changed[0] === 'diagnostics_min_group') return m.diagnosticsSaved;
  return m.mentoringSaved;
}

/** The department sets its municipality's rule for «молодой педагог» (age and/or experience limits) and its mentoring
 * rules (how many mentees one mentor may have, whether a young teacher may mentor). */
export function MunicipalitySettingsPage() {
  const me = useMe();
  const municipalities = useQuery(municipalitiesQuery);
  const own = ownMunicipalityId(me);
  const [chosen, setChosen] = useState<string | null>(null);
  const options = (municipalities.data ?? []).map((x) => ({ value: x.id, label: x.name }));
  const municipalityId = chosen ?? own ?? options[0]?.value ?? null;

  return (
    <Stack>
      <PageHeader title={m.title} />
      {options.length > 1 ? (
        <Select
          label={m.choose}
          data={options}
          value={municipalityId}
          onChange={setChosen}
          searchable
          allowDeselect={false}
          maw={420}
        />
      ) : null}
      {municipalities.isPending ? (
        <LoadingState />
      ) : municipalities.isError ? (
        <ErrorState error={municipalities.error} onRetry={() => void municipalities.refetch()} />
      ) : municipalityId ? (
        <MunicipalitySettings key={municipalityId} municipalityId={municipalityId} />
      ) : (
        <EmptyBlock title={t.common.nothingFound} />
      )}
    </Stack>
  );
}

function MunicipalitySettings({ municipalityId }: { municipalityId: string }) {
  const query = useQuery(municipalityQuery(municipalityId));
  if (query.isPending) return <LoadingState />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  return (
    <SettingsForm
      key={query.data.data.version}
      municipality={query.data.data}
      onReload={() => void query.refetch()}
    />
  );
}

function SettingsForm({ municipality, onReload }: { municipality: Municipality; onReload: () => void }) {
  const queryClient = useQueryClient();
  const [conflict, setConflict] = useState(false);
  const [messages, setMessages] = useState<string[]>([]);
  const {
    control,
    register,
    handleSubmit,
    setError,
    formState: { isSubmitting, isDirty, dirtyFields },
  } = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: {
      young_age_limit: municipality.young_age_limit,
      young_experience_limit: municipality.young_experience_limit,
      young_rule: municipality.young_rule === 'and' ? 'and' : 'or',
      mentoring_max_mentees: municipality.mentoring_max_mentees,
      mentoring_young_mentors_allowed: municipality.mentoring_young_mentors_allowed,
      help_response_days: municipality.help_response_days,
      diagnostics_min_group: municipality.diagnostics_min_group,
    },
  });
  const [age, exp, rule] = useWatch({ control, name: ['young_age_limit', 'young_experience_limit', 'young_rule'] });

  const submit = handleSubmit(async (values) => {
    setConflict(false);
    setMessages([]);
    // Only what changed is sent: a changed young rule recounts every teacher's «молодой педагог» flag.
    const changed = Object.fromEntries(Object.entries(values).filter(([field]) => field in dirtyFields)) as Partial<Values>;
    const youngRuleChanged = YOUNG_RULE_FIELDS.some((field) => field in dirtyFields);
    try {
      const saved = await updateMunicipality(municipality, changed);
      queryClient.setQueryData(municipalityQuery(municipality.id).queryKey, saved);
      // Young flags and home counts depend on the rule.
      if (youngRuleChanged) await queryClient.invalidateQueries({ queryKey: ['teachers'] });
      notifications.show({ color: 'green', message: savedMessage(Object.keys(dirtyFields), youngRuleChanged) });
    } catch (error) {
      if (isStatus(error, 412)) setConflict(true);
      else setMessages(applyProblemToForm(error, { setError: setError as never, fields: Object.keys(schema.shape) }));
    }
  });

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <UnsavedChangesGuard when={isDirty && !isSubmitting} />
      <Stack maw={760}>
        {conflict ? <ConflictAlert onReload={onReload} /> : null}
        <FormErrors messages={messages} />
        <Card withBorder component="section" aria-labelledby="young-rule-title">
          <Stack>
            <Title order={2} size="h4" id="young-rule-title">
              {m.youngTitle}
            </Title>
            <Text size="sm" c="dimmed">
              {m.youngIntro}
            </Text>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <WholeNumberField control={control} name="young_age_limit" label={m.ageLimit} min={18} max={70} />
              <WholeNumberField control={control} name="young_experience_limit" label={m.experienceLimit} min={0} max={20} />
            </SimpleGrid>
            <Controller
              control={control}
              name="young_rule"
              render={({ field }) => (
                <Radio.Group label={m.rule} value={field.value} onChange={field.onChange}>
                  <Group mt="xs">
                    <Radio value="or" label={m.ruleOr} />
                    <Radio value="and" label={m.ruleAnd} />
                  </Group>
                </Radio.Group>
              )}
            />
            <Text size="sm" fw={500} data-testid="young-rule-preview">
              {Number.isFinite(age) && Number.isFinite(exp) ? m.preview(age, exp, rule) : null}
            </Text>
          </Stack>
        </Card>
        <Card withBorder component="section" aria-labelledby="mentoring-rules-title">
          <Stack>
            <Title order={2} size="h4" id="mentoring-rules-title">
              {m.mentoringTitle}
            </Title>
            <Text size="sm" c="dimmed">
              {m.mentoringIntro}
            </Text>
            <WholeNumberField control={control} name="mentoring_max_mentees" label={m.maxMentees} min={1} max={20} maw={320} />
            <Checkbox label={m.youngMentorsAllowed} {...register('mentoring_young_mentors_allowed')} />
          </Stack>
        </Card>
        <Card withBorder component="section" aria-labelledby="help-rules-title">
          <Stack>
            <Title order={2} size="h4" id="help-rules-title">
              {m.helpTitle}
            </Title>
            <Text size="sm" c="dimmed">
              {m.helpIntro}
            </Text>
            <WholeNumberField control={control} name="help_response_days" label={m.helpResponseDays} min={1} max={30} maw={320} />
          </Stack>
        </Card>
        <Card withBorder component="section" aria-labelledby="diagnostics-rules-title">
          <Stack>
            <Title order={2} size="h4" id="diagnostics-rules-title">
              {m.diagnosticsTitle}
            </Title>
            <Text size="sm" c="dimmed">
              {m.diagnosticsIntro}
            </Text>
            <WholeNumberField control={control} name="diagnostics_min_group" label={m.diagnosticsMinGroup} min={2} max={50} maw={320} />
          </Stack>
        </Card>
        <Group justify="flex-end">
          <Button type="submit" loading={isSubmitting} disabled={!isDirty}>
            {t.common.save}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
