import { useState } from 'react';
import { Alert, Card, Checkbox, Group, MultiSelect, NumberInput, Select, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, errorMessage, problemFieldErrors } from '../../api/errors';
import { FormActions } from '../../components/FormActions';
import { FormErrors, LoadingState } from '../../components/states';
import { FormModal, useUnsavedChanges } from '../../components/UnsavedChanges';
import { recentAcademicYears } from '../../lib/periods';
import { createIndicator, invalidateKpi, kpiKeys, measuresQuery, previewIndicator, type Measure } from './api';
import { BreakdownTable } from './BreakdownTable';
import { EDITOR_FIELDS, editorErrors, emptyEditor, toIndicatorCreate, toPreviewBody, type EditorValues } from './editorForm';
import { filterValueLabel, formatFraction, formatKpiValue, lastCompleteAcademicYear, type FilterDeclaration, type KpiUnit } from './format';
import { t } from './messages';

const e = t.kpi.editor;

/** «Новый показатель»: the passport's fields, the measures' typed filters, and a live preview of the values. */
export function IndicatorEditor({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  return (
    <FormModal opened={opened} onClose={onClose} title={e.title} size="xl">
      {opened ? <EditorForm onDone={onClose} /> : null}
    </FormModal>
  );
}

/** Server field errors by the editor's field (a filter's error under its filter, the rest under their field). */
function serverErrors(error: unknown): { fields: Record<string, string>; other: string[] } {
  if (!(error instanceof ApiError)) return { fields: {}, other: error ? [errorMessage(error)] : [] };
  const all = problemFieldErrors(error.problem);
  const fields: Record<string, string> = {};
  const other: string[] = [];
  for (const [path, message] of Object.entries(all)) {
    if (EDITOR_FIELDS.some((f) => path === f || path.startsWith(`${f}.`))) fields[path] = message;
    else other.push(message);
  }
  if (!Object.keys(all).length) other.push(errorMessage(error));
  return { fields, other };
}

function EditorForm({ onDone }: { onDone: () => void }) {
  const queryClient = useQueryClient();
  const measures = useQuery(measuresQuery);
  const [values, setValues] = useState<EditorValues>(emptyEditor);
  const [dirty, setDirty] = useState(false);
  const [submitted, setSubmitted] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [period, setPeriod] = useState(lastCompleteAcademicYear());
  const cancel = useUnsavedChanges(dirty && !saving);
  const list = measures.data ?? [];
  const set = (patch: Partial<EditorValues>) => {
    setValues((v) => ({ ...v, ...patch }));
    setDirty(true);
    setSaveError(null);
  };

  const previewBody = toPreviewBody(values, list, period);
  const [debounced] = useDebouncedValue(previewBody, 500);
  const preview = useQuery({
    queryKey: kpiKeys.preview(debounced),
    queryFn: ({ signal }) => previewIndicator(debounced!, signal),
    enabled: debounced !== null,
    placeholderData: keepPreviousData,
    retry: false,
  });

  const local = submitted ? editorErrors(values) : {};
  const server = serverErrors(saveError ?? (preview.isError ? preview.error : null));
  const errorOf = (field: string) => local[field] ?? server.fields[field];

  const submit = async () => {
    setSubmitted(true);
    if (Object.keys(editorErrors(values)).length) return;
    const body = toIndicatorCreate(values, list);
    if (!body) return;
    setSaving(true);
    try {
      await createIndicator(body);
      notifications.show({ color: 'green', message: e.created });
      await invalidateKpi(queryClient);
      onDone();
    } catch (error) {
      setSaveError(error);
    } finally {
      setSaving(false);
    }
  };

  const measureOptions = list.map((m) => ({ value: m.code, label: m.name }));
  const numerator = list.find((m) => m.code === values.numerator_measure);
  const denominator = list.find((m) => m.code === values.denominator_measure);

  return (
    <form
      noValidate
      onSubmit={(ev) => {
        ev.preventDefault();
        void submit();
      }}
    >
      <Stack>
        <FormErrors messages={saveError ? server.other : []} />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput label={e.code} description={e.codeHint} required value={values.code} onChange={(ev) => set({ code: ev.currentTarget.value })} error={errorOf('code')} />
          <Select
            label={e.unit}
            required
            data={(['percent', 'count', 'yes_no'] as const).map((u) => ({ value: u, label: t.kpi.units[u] ?? u }))}
            value={values.unit}
            onChange={(v) => v && set({ unit: v as KpiUnit })}
            allowDeselect={false}
            error={errorOf('unit')}
          />
        </SimpleGrid>
        <TextInput label={e.name} required value={values.name} onChange={(ev) => set({ name: ev.currentTarget.value })} error={errorOf('name')} />
        <Textarea label={e.description} required autosize minRows={2} value={values.description} onChange={(ev) => set({ description: ev.currentTarget.value })} error={errorOf('description')} />
        <MeasureFields
          label={e.numerator}
          options={measureOptions}
          measure={numerator}
          value={values.numerator_measure}
          filters={values.numerator_filters}
          onMeasure={(code) => set({ numerator_measure: code, numerator_filters: {} })}
          onFilters={(f) => set({ numerator_filters: f })}
          error={errorOf('numerator_measure')}
          filterError={(name) => errorOf(`numerator_filters.${name}`)}
        />
        {values.unit === 'percent' ? (
          <MeasureFields
            label={e.denominator}
            description={e.denominatorHint}
            options={measureOptions}
            measure={denominator}
            value={values.denominator_measure}
            filters={values.denominator_filters}
            onMeasure={(code) => set({ denominator_measure: code, denominator_filters: {} })}
            onFilters={(f) => set({ denominator_filters: f })}
            error={errorOf('denominator_measure')}
            filterError={(name) => errorOf(`denominator_filters.${name}`)}
          />
        ) : null}
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <NumberInput label={e.decimals} min={0} max={6} value={values.decimals} onChange={(v) => set({ decimals: typeof v === 'number' ? v : 1 })} error={errorOf('decimals')} />
          <Select
            label={e.direction}
            data={(['higher', 'lower'] as const).map((d) => ({ value: d, label: e.directions[d] ?? d }))}
            value={values.direction}
            onChange={(v) => v && set({ direction: v === 'lower' ? 'lower' : 'higher' })}
            allowDeselect={false}
          />
          <TextInput label={e.source} value={values.source} onChange={(ev) => set({ source: ev.currentTarget.value })} error={errorOf('source')} />
        </SimpleGrid>

        <Card withBorder padding="sm" component="section" aria-labelledby="kpi-preview-title" data-testid="kpi-preview">
          <Group justify="space-between" align="flex-end" wrap="wrap" mb="xs">
            <Title order={3} size="h5" id="kpi-preview-title">
              {e.preview}
            </Title>
            <Select
              label={e.previewPeriod}
              data={recentAcademicYears(8).map((y) => ({ value: y, label: y }))}
              value={period}
              onChange={(v) => v && setPeriod(v)}
              allowDeselect={false}
              w={200}
            />
          </Group>
          <Text size="xs" c="dimmed" mb="xs">
            {e.previewHint}
          </Text>
          <div aria-live="polite">
            {debounced === null ? (
              <Text size="sm">{e.previewIncomplete}</Text>
            ) : preview.isPending ? (
              <LoadingState />
            ) : preview.isError ? (
              <Alert color="orange" title={e.previewError} data-testid="kpi-preview-error">
                <Stack gap={2}>
                  {[...Object.values(server.fields), ...server.other].map((m) => (
                    <Text size="sm" key={m}>
                      {m}
                    </Text>
                  ))}
                </Stack>
              </Alert>
            ) : (
              <PreviewTable data={preview.data} unit={values.unit} dim={preview.isFetching} />
            )}
          </div>
        </Card>
        <FormActions onCancel={cancel} submitLabel={e.save} loading={saving} />
      </Stack>
    </form>
  );
}

function PreviewTable({ data, unit, dim }: { data: Awaited<ReturnType<typeof previewIndicator>>; unit: string; dim: boolean }) {
  const total = data.rows.find((r) => r.unit_kind !== 'organization');
  const orgs = data.rows.filter((r) => r.unit_kind === 'organization');
  return (
    <Stack gap="xs" style={{ opacity: dim ? 0.6 : 1 }}>
      {total ? (
        <Text size="sm" data-testid="kpi-preview-total">
          <Text span fw={600}>{`${e.previewTotal}: `}</Text>
          {[formatKpiValue(total.value ?? null, unit), formatFraction(total.numerator, total.denominator)].filter(Boolean).join(' · ')}
        </Text>
      ) : null}
      {orgs.length ? <BreakdownTable rows={orgs} unit={unit} unitTitle={t.kpi.columns.unit} testId="kpi-preview-table" /> : null}
    </Stack>
  );
}

type MeasureFieldsProps = {
  label: string;
  description?: string;
  options: { value: string; label: string }[];
  measure: Measure | undefined;
  value: string | null;
  filters: Record<string, unknown>;
  onMeasure: (code: string | null) => void;
  onFilters: (filters: Record<string, unknown>) => void;
  error?: string;
  filterError: (name: string) => string | undefined;
};

/** A measure and its typed filters, rendered from the measure's declarations. */
function MeasureFields({ label, description, options, measure, value, filters, onMeasure, onFilters, error, filterError }: MeasureFieldsProps) {
  return (
    <Stack gap="xs">
      <Select label={label} description={description} required data={options} value={value} onChange={onMeasure} searchable error={error} />
      {measure && measure.filters.length ? (
        <Card withBorder padding="sm" component="fieldset" m={0}>
          <Text component="legend" size="sm" fw={500} px={4}>
            {e.filtersOf(measure.name)}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            {measure.filters.map((f) => (
              <FilterField key={f.name} declaration={f} value={filters[f.name]} onChange={(v) => onFilters({ ...filters, [f.name]: v })} error={filterError(f.name)} />
            ))}
          </SimpleGrid>
        </Card>
      ) : null}
    </Stack>
  );
}

/** One declared filter: enum → Select, enum_set → MultiSelect, flag → Checkbox. */
export function FilterField({ declaration, value, onChange, error }: { declaration: FilterDeclaration; value: unknown; onChange: (v: unknown) => void; error?: string }) {
  const data = declaration.values.map((v) => ({ value: v, label: filterValueLabel(v) }));
  if (declaration.type === 'flag') {
    return <Checkbox mt={{ base: 0, sm: 'lg' }} label={declaration.title} checked={value === true} onChange={(ev) => onChange(ev.currentTarget.checked)} error={error} />;
  }
  if (declaration.type === 'enum_set') {
    return (
      <MultiSelect
        label={declaration.title}
        placeholder={Array.isArray(value) && value.length ? undefined : e.any}
        data={data}
        value={Array.isArray(value) ? value.filter((x): x is string => typeof x === 'string') : []}
        onChange={onChange}
        clearable
        error={error}
      />
    );
  }
  return <Select label={declaration.title} placeholder={e.any} data={data} value={typeof value === 'string' ? value : null} onChange={onChange} clearable error={error} />;
}
