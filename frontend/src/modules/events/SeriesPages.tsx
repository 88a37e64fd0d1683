import { useState } from 'react';
import { Alert, Button, Card, Group, Select, SimpleGrid, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { zodResolver } from '@hookform/resolvers/zod';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { Controller, useForm } from 'react-hook-form';
import { applyProblemToForm, errorMessage, isStatus } from '../../api/errors';
import { organizationOptionsQuery } from '../../api/queries';
import { can, ownMunicipalityId } from '../../auth/permissions';
import { useMe } from '../../auth/useMe';
import { ArchiveModal } from '../../components/ArchiveModal';
import { DateField } from '../../components/DateField';
import { FormActions } from '../../components/FormActions';
import { InfoGrid } from '../../components/InfoGrid';
import { ListView } from '../../components/ListView';
import { PageHeader } from '../../components/PageHeader';
import { RouterAnchor, RouterButton } from '../../components/RouterLinks';
import { SearchInput } from '../../components/SearchInput';
import { UnsavedChangesGuard } from '../../components/UnsavedChanges';
import { ConflictAlert, EmptyBlock, ErrorState, FormErrors, LoadingState } from '../../components/states';
import { saveBlob } from '../../lib/download';
import { formatDate } from '../../lib/format';
import { useSearchText } from '../../lib/searchText';
import {
  archiveSeries,
  createSeries,
  downloadSeriesReport,
  eventKeys,
  seriesListQuery,
  seriesQuery,
  updateSeries,
  type SeriesRead,
} from './api';
import { academicYearOf, academicYearOptions, todayIso, whenText } from './calendar';
import { AwardsPanel } from './Awards';
import { StatusBadge } from './EventBadges';
import { schoolWriter, useCreateChoices } from './EventEditPages';
import { t } from './messages';
import { SERIES_FORM_FIELDS, emptySeriesForm, seriesFormSchema, seriesToForm, toSeriesCreate, toSeriesUpdate, type SeriesFormValues } from './seriesForm';
import { toSeriesQuery, type SeriesSearch } from './search';
import type { Choice } from './EventForm';

const s = t.events.series;

// --- list ---------------------------------------------------------------------------------------------------------

export function SeriesListPage({ search, onSearch }: { search: SeriesSearch; onSearch: (next: SeriesSearch) => void }) {
  const me = useMe();
  const [q, setQ] = useSearchText('eventSeries');
  const list = useQuery(seriesListQuery(toSeriesQuery(search, q)));
  const filtered = Boolean(q || search.year);
  return (
    <Stack>
      <PageHeader title={s.title} actions={can(me, 'events:write') ? <RouterButton to="/event-series/new">{s.create}</RouterButton> : null} />
      <Card withBorder padding="md" component="section" aria-label={t.common.filters}>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
          <SearchInput
            label={s.searchLabel}
            placeholder={s.searchPlaceholder}
            value={q}
            onChange={(text) => {
              setQ(text);
              if (search.offset) onSearch({ ...search, offset: undefined });
            }}
          />
          <Select
            label={t.events.filters.year}
            data={[{ value: 'any', label: t.events.filters.anyYear }, ...academicYearOptions().map((y) => ({ value: y, label: y }))]}
            value={search.year ?? 'any'}
            onChange={(v) => onSearch({ ...search, year: v && v !== 'any' ? v : undefined, offset: undefined })}
            allowDeselect={false}
          />
        </SimpleGrid>
      </Card>
      <ListView
        query={list}
        filtered={filtered}
        emptyTitle={s.empty}
        onOffsetChange={(offset) => onSearch({ ...search, offset: offset || undefined })}
      >
        {(items) => (
          <Table.ScrollContainer minWidth={720}>
            <Table striped highlightOnHover verticalSpacing="xs" data-testid="series-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{s.columns.title}</Table.Th>
                  <Table.Th w={120}>{s.columns.year}</Table.Th>
                  <Table.Th w={100} ta="right">
                    {s.columns.sessions}
                  </Table.Th>
                  <Table.Th w={200}>{s.columns.order}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((x) => (
                  <Table.Tr key={x.id}>
                    <Table.Td>
                      <Stack gap={0}>
                        <RouterAnchor to="/event-series/$seriesId" params={{ seriesId: x.id }} fw={500}>
                          {x.title}
                        </RouterAnchor>
                        {x.owner_organization_name || x.organizer_organization_name || x.organizer_name ? (
                          <Text size="xs" c="dimmed" lineClamp={1}>
                            {x.owner_organization_name ?? x.organizer_organization_name ?? x.organizer_name}
                          </Text>
                        ) : null}
                      </Stack>
                    </Table.Td>
                    <Table.Td>{x.academic_year}</Table.Td>
                    <Table.Td ta="right">{x.session_count}</Table.Td>
                    <Table.Td>{s.orderText(x.order_number, x.order_date ? formatDate(x.order_date) : null)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </ListView>
    </Stack>
  );
}

// --- card ---------------------------------------------------------------------------------------------------------

export function SeriesCard({ seriesId }: { seriesId: string }) {
  const me = useMe();
  const query = useQuery(seriesQuery(seriesId));
  const queryClient = useQueryClient();
  const [archiveOpened, archive] = useDisclosure(false);
  const [reportLoading, setReportLoading] = useState(false);
  const back = (
    <RouterAnchor to="/event-series" size="sm">
      ← {s.backToList}
    </RouterAnchor>
  );
  if (query.isPending) return <LoadingState />;
  if (query.isError) {
    return (
      <Stack>
        {back}
        <ErrorState error={query.error} onRetry={() => void query.refetch()} notFoundTitle={s.notFound} notFoundHint={s.notFoundHint} />
      </Stack>
    );
  }
  const { data: series, etag } = query.data;
  const actions = series.actions ?? [];
  const sessions = series.sessions ?? [];
  const organizer = series.organizer_organization_id ? (
    <RouterAnchor to="/organizations/$organizationId" params={{ organizationId: series.organizer_organization_id }} size="sm">
      {series.organizer_organization_name ?? t.common.emptyValue}
    </RouterAnchor>
  ) : (
    (series.organizer_name ?? t.common.emptyValue)
  );

  return (
    <Stack>
      {back}
      <PageHeader
        title={<span data-testid="series-title">{series.title}</span>}
        documentTitle={series.title}
        description={series.academic_year}
        actions={
          <>
            <Button
              variant="default"
              loading={reportLoading}
              onClick={() => {
                setReportLoading(true);
                downloadSeriesReport(series.id)
                  .then(({ blob, filename }) => saveBlob(blob, filename))
                  .catch((e: unknown) => notifications.show({ color: 'red', message: errorMessage(e) }))
                  .finally(() => setReportLoading(false));
              }}
            >
              {s.report}
            </Button>
            {actions.includes('add_session') ? (
              <RouterButton to="/events/new" search={{ series: series.id, type: 'pds_session' }}>
                {s.addSession}
              </RouterButton>
            ) : null}
            {actions.includes('update') ? (
              <RouterButton variant="default" to="/event-series/$seriesId/edit" params={{ seriesId: series.id }}>
                {t.common.edit}
              </RouterButton>
            ) : null}
            {actions.includes('archive') ? (
              <Button variant="light" color="red" onClick={archive.open}>
                {t.common.archive}
              </Button>
            ) : null}
          </>
        }
      />
      {series.archived_at ? <Alert color="gray">{t.events.card.archivedReason(series.archive_reason ?? t.common.emptyValue)}</Alert> : null}
      <Card withBorder component="section" aria-labelledby="series-main">
        <Title order={3} size="h4" mb="sm" id="series-main">
          {t.events.card.main}
        </Title>
        <Stack gap="md">
          <InfoGrid
            items={[
              { label: s.academicYear, value: series.academic_year },
              { label: s.order, value: s.orderText(series.order_number, series.order_date ? formatDate(series.order_date) : null) },
              { label: s.organizer, value: organizer },
              { label: s.owner, value: series.owner_organization_name ?? t.events.card.ownerMunicipal },
              { label: s.columns.sessions, value: series.session_count },
              ...(series.audience_note ? [{ label: s.audience, value: series.audience_note }] : []),
            ]}
          />
          {series.goal ? <TextBlock label={s.goal} text={series.goal} /> : null}
          {series.tasks ? <TextBlock label={s.tasks} text={series.tasks} /> : null}
        </Stack>
      </Card>

      <Card withBorder component="section" aria-labelledby="series-sessions">
        <Title order={3} size="h4" mb="sm" id="series-sessions">
          {s.sessions}
        </Title>
        {sessions.length === 0 ? (
          <EmptyBlock title={s.noSessions} />
        ) : (
          <Table.ScrollContainer minWidth={640}>
            <Table striped verticalSpacing="xs" data-testid="series-sessions">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={50}>{s.sessionColumns.number}</Table.Th>
                  <Table.Th w={180}>{s.sessionColumns.date}</Table.Th>
                  <Table.Th>{s.sessionColumns.title}</Table.Th>
                  <Table.Th w={130}>{s.sessionColumns.status}</Table.Th>
                  <Table.Th w={110} ta="right">
                    {s.sessionColumns.participants}
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {sessions.map((x) => (
                  <Table.Tr key={x.id}>
                    <Table.Td>{x.session_number ?? t.common.emptyValue}</Table.Td>
                    <Table.Td>{whenText(x)}</Table.Td>
                    <Table.Td>
                      <RouterAnchor to="/events/$eventId" params={{ eventId: x.id }} size="sm" fw={500}>
                        {x.title}
                      </RouterAnchor>
                    </Table.Td>
                    <Table.Td>
                      <StatusBadge status={x.status} />
                    </Table.Td>
                    <Table.Td ta="right">{x.participant_count}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Card>

      {can(me, 'awards:read') ? <AwardsPanel seriesId={series.id} canAward={actions.includes('award')} /> : null}

      {actions.includes('archive') ? (
        <ArchiveModal
          opened={archiveOpened}
          onClose={archive.close}
          title={s.archiveTitle}
          text={s.archiveText(series.title)}
          onReload={() => void query.refetch()}
          onConfirm={async (reason) => {
            const saved = await archiveSeries(series.id, etag, reason);
            queryClient.setQueryData(seriesQuery(series.id).queryKey, saved);
            archive.close();
            notifications.show({ color: 'green', message: s.archived });
            void queryClient.invalidateQueries({ queryKey: eventKeys.all, refetchType: 'none' });
            return saved;
          }}
        />
      ) : null}
    </Stack>
  );
}

function TextBlock({ label, text }: { label: string; text: string }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {text}
      </Text>
    </Stack>
  );
}

// --- create / edit ------------------------------------------------------------------------------------------------

export function SeriesCreatePage() {
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const choices = useCreateChoices(me);
  const defaults = emptySeriesForm({
    municipality_id: ownMunicipalityId(me),
    owner_organization_id: schoolWriter(me) ? (me.organization_ids?.[0] ?? null) : null,
    academic_year: academicYearOf(todayIso()),
  });
  return (
    <Stack>
      <RouterAnchor to="/event-series" size="sm">
        ← {s.backToList}
      </RouterAnchor>
      <PageHeader title={s.createTitle} />
      {choices.ready ? (
        <SeriesForm
          title={s.createTitle}
          defaultValues={defaults}
          municipalities={choices.municipalities}
          ownerSchools={choices.ownerSchools}
          submitLabel={t.common.create}
          onCancel={() => void navigate({ to: '/event-series' })}
          onSubmit={async (values) => {
            const created = await createSeries(toSeriesCreate(values));
            notifications.show({ color: 'green', message: s.created });
            await queryClient.invalidateQueries({ queryKey: eventKeys.all });
            await navigate({ to: '/event-series/$seriesId', params: { seriesId: created.id } });
          }}
        />
      ) : (
        <LoadingState />
      )}
    </Stack>
  );
}

export function SeriesEditPage({ seriesId }: { seriesId: string }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const query = useQuery(seriesQuery(seriesId));
  const toCard = () => navigate({ to: '/event-series/$seriesId', params: { seriesId } });
  if (query.isPending) return <LoadingState />;
  if (query.isError) {
    return <ErrorState error={query.error} onRetry={() => void query.refetch()} notFoundTitle={s.notFound} notFoundHint={s.notFoundHint} />;
  }
  const { data: series, etag } = query.data;
  const initial = seriesToForm(series);
  return (
    <Stack>
      <RouterAnchor to="/event-series/$seriesId" params={{ seriesId }} size="sm">
        ← {series.title}
      </RouterAnchor>
      <PageHeader title={s.editTitle} description={series.title} />
      <SeriesForm
        key={etag ?? series.version}
        title={s.editTitle}
        defaultValues={initial}
        onCancel={() => void toCard()}
        onReload={() => void query.refetch()}
        onSubmit={async (values) => {
          const body = toSeriesUpdate(values, initial);
          if (Object.keys(body).length > 0) {
            const saved = await updateSeries(seriesId, etag, body);
            queryClient.setQueryData(seriesQuery(seriesId).queryKey, saved);
            await queryClient.invalidateQueries({ queryKey: eventKeys.all, refetchType: 'none' });
            notifications.show({ color: 'green', message: t.common.saved });
          }
          await toCard();
        }}
      />
    </Stack>
  );
}

type FormProps = {
  title: string;
  defaultValues: SeriesFormValues;
  onSubmit: (values: SeriesFormValues) => Promise<void>;
  onCancel: () => void;
  onReload?: () => void;
  municipalities?: Choice[];
  ownerSchools?: Choice[];
  submitLabel?: string;
};

function SeriesForm({ title, defaultValues, onSubmit, onCancel, onReload, municipalities = [], ownerSchools = [], submitLabel = t.common.save }: FormProps) {
  const [serverMessages, setServerMessages] = useState<string[]>([]);
  const [conflict, setConflict] = useState(false);
  const organizations = useQuery(organizationOptionsQuery);
  const {
    register,
    control,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting, isDirty },
  } = useForm<SeriesFormValues>({ resolver: zodResolver(seriesFormSchema), defaultValues, mode: 'onTouched' });
  const years = academicYearOptions(todayIso(), 8, 1);
  if (defaultValues.academic_year && !years.includes(defaultValues.academic_year)) years.push(defaultValues.academic_year);

  const submit = handleSubmit(async (values) => {
    setServerMessages([]);
    setConflict(false);
    try {
      await onSubmit(values);
    } catch (error) {
      if (isStatus(error, 412)) setConflict(true);
      else setServerMessages(applyProblemToForm(error, { setError: setError as never, fields: SERIES_FORM_FIELDS }));
    }
  });

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label={title}>
      <UnsavedChangesGuard when={isDirty && !isSubmitting} />
      <Card withBorder>
        <Stack>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            {municipalities.length > 1 ? (
              <Controller
                control={control}
                name="municipality_id"
                render={({ field, fieldState }) => (
                  <Select
                    label={t.events.form.municipality}
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
                    label={s.owner}
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
          </SimpleGrid>
          <Textarea label={s.columns.title} required autosize minRows={1} maxRows={4} error={errors.title?.message} {...register('title')} />
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <Controller
              control={control}
              name="academic_year"
              render={({ field, fieldState }) => (
                <Select
                  label={s.academicYear}
                  required
                  data={years}
                  value={field.value}
                  onChange={field.onChange}
                  onBlur={field.onBlur}
                  error={fieldState.error?.message}
                  allowDeselect={false}
                />
              )}
            />
            <TextInput label={s.orderNumber} error={errors.order_number?.message} {...register('order_number')} />
            <Controller
              control={control}
              name="order_date"
              render={({ field, fieldState }) => (
                <DateField label={s.orderDate} value={field.value} onChange={field.onChange} onBlur={field.onBlur} error={fieldState.error?.message} />
              )}
            />
          </SimpleGrid>
          <Textarea label={s.goal} autosize minRows={2} maxRows={8} error={errors.goal?.message} {...register('goal')} />
          <Textarea label={s.tasks} autosize minRows={3} maxRows={12} error={errors.tasks?.message} {...register('tasks')} />
          <TextInput label={s.audience} error={errors.audience_note?.message} {...register('audience_note')} />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <Controller
              control={control}
              name="organizer_organization_id"
              render={({ field, fieldState }) => (
                <Select
                  label={t.events.form.organizerOrganization}
                  data={(organizations.data ?? []).map((o) => ({ value: o.id, label: o.short_name }))}
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
              label={t.events.form.organizerName}
              placeholder={t.events.form.organizerNamePlaceholder}
              error={errors.organizer_name?.message}
              {...register('organizer_name')}
            />
          </SimpleGrid>
          {conflict ? <ConflictAlert onReload={() => onReload?.()} /> : null}
          <FormErrors messages={serverMessages} />
          <Group justify="flex-end">
            <FormActions onCancel={onCancel} submitLabel={submitLabel} loading={isSubmitting} />
          </Group>
        </Stack>
      </Card>
    </form>
  );
}

export type { SeriesRead };
