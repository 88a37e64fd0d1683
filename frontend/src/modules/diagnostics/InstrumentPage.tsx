/**
 * An instrument version: sections and items, the scale; a draft is edited and published, a published version is
 * immutable («Новая версия» makes the next draft); export as JSON/XLSX; archive.
 */
import { useState } from 'react';
import { Alert, Badge, Button, Group, List, Menu, Modal, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { errorMessage, isStatus } from '../../api/errors';
import { ArchiveModal } from '../../components/ArchiveModal';
import { InfoGrid } from '../../components/InfoGrid';
import { PageHeader } from '../../components/PageHeader';
import { ConflictAlert, ErrorState, LoadingState } from '../../components/states';
import { useDictionary } from '../../components/useDictionary';
import { formatDateTime } from '../../lib/format';
import { saveBlob } from '../../lib/download';
import {
  archiveInstrument,
  diagnosticsKeys,
  exportInstrument,
  type Instrument,
  instrumentQuery,
  invalidateDiagnostics,
  newInstrumentVersion,
  publishInstrument,
} from './api';
import { InstrumentEditor } from './InstrumentEditor';
import { INSTRUMENT_STATUS_COLORS } from './InstrumentsPage';
import { contentOf, type Item } from './logic';
import { t } from './messages';
import { DiagnosticsSectionNav } from './parts';

const ins = t.instruments;

type Props = { instrumentId: string; editing: boolean; onEditing: (editing: boolean) => void };

export function InstrumentPage({ instrumentId, editing, onEditing }: Props) {
  const query = useQuery(instrumentQuery(instrumentId));
  if (query.isPending) return <LoadingState />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} notFoundTitle={ins.notFound} />;
  return <InstrumentView instrument={query.data} editing={editing} onEditing={onEditing} onReload={() => void query.refetch()} />;
}

function InstrumentView({ instrument, editing, onEditing, onReload }: { instrument: Instrument; editing: boolean; onEditing: (e: boolean) => void; onReload: () => void }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const areas = useDictionary('competenceAreas');
  const [publishing, setPublishing] = useState(false);
  const [archiving, setArchiving] = useState(false);
  const [pending, setPending] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const actions = instrument.actions ?? [];
  const status = instrument.archived_at ? 'archived' : instrument.status;
  const canEdit = actions.includes('update') && instrument.status === 'draft';

  async function run(action: () => Promise<unknown>, done: string) {
    setPending(true);
    setRefusal(null);
    setConflict(false);
    try {
      const result = await action();
      notifications.show({ color: 'green', message: done });
      await invalidateDiagnostics(queryClient);
      return result;
    } catch (error) {
      if (isStatus(error, 412)) setConflict(true);
      else setRefusal(errorMessage(error));
      return null;
    } finally {
      setPending(false);
    }
  }

  async function download(format: 'json' | 'xlsx') {
    try {
      const { blob, filename } = await exportInstrument(instrument.id, format);
      saveBlob(blob, filename);
    } catch (error) {
      notifications.show({ color: 'red', title: t.jobs.downloadFailed, message: errorMessage(error) });
    }
  }

  if (editing && canEdit) {
    return (
      <Stack>
        <PageHeader title={instrument.title} description={t.editor.title} />
        <InstrumentEditor
          instrument={instrument}
          onCancel={() => onEditing(false)}
          onSaved={(next) => {
            queryClient.setQueryData(diagnosticsKeys.instrument(next.id), next);
            void invalidateDiagnostics(queryClient);
            onEditing(false);
          }}
          onReload={onReload}
        />
      </Stack>
    );
  }

  const content = contentOf(instrument);
  return (
    <Stack>
      <PageHeader
        title={instrument.title}
        description={instrument.description ?? undefined}
        actions={
          <Group gap="sm">
            {canEdit ? (
              <Button variant="default" onClick={() => onEditing(true)}>
                {ins.edit}
              </Button>
            ) : null}
            {actions.includes('publish') ? (
              <Button onClick={() => setPublishing(true)} loading={pending}>
                {ins.publish}
              </Button>
            ) : null}
            {actions.includes('new_version') ? (
              <Button
                loading={pending}
                onClick={() =>
                  void run(() => newInstrumentVersion(instrument.id), ins.newVersionCreated).then((created) => {
                    const id = (created as Instrument | null)?.id;
                    if (id) void navigate({ to: '/diagnostics/instruments/$instrumentId', params: { instrumentId: id }, search: { edit: 'yes' } });
                  })
                }
              >
                {ins.newVersion}
              </Button>
            ) : null}
            {actions.includes('export') ? (
              <Menu position="bottom-end" withinPortal>
                <Menu.Target>
                  <Button variant="default">{t.export.button}</Button>
                </Menu.Target>
                <Menu.Dropdown>
                  <Menu.Item onClick={() => void download('json')}>{ins.exportJson}</Menu.Item>
                  <Menu.Item onClick={() => void download('xlsx')}>{ins.exportXlsx}</Menu.Item>
                </Menu.Dropdown>
              </Menu>
            ) : null}
            {actions.includes('archive') ? (
              <Button variant="subtle" color="red" onClick={() => setArchiving(true)}>
                {t.common.archive}
              </Button>
            ) : null}
          </Group>
        }
      />
      <DiagnosticsSectionNav current="instruments" />
      {conflict ? <ConflictAlert onReload={onReload} /> : null}
      {refusal ? (
        <Alert color="red" role="alert">
          {refusal}
        </Alert>
      ) : null}
      {instrument.status === 'published' && actions.includes('new_version') ? (
        <Text size="sm" c="dimmed">
          {ins.immutable}
        </Text>
      ) : null}
      <Paper withBorder p="md" radius="md">
        <InfoGrid
          items={[
            { label: ins.info.kind, value: t.diagnostics.kinds[instrument.kind] ?? instrument.kind_label },
            { label: ins.info.version, value: instrument.instrument_version },
            {
              label: ins.info.status,
              value: (
                <Badge color={INSTRUMENT_STATUS_COLORS[status] ?? 'gray'} variant="light" tt="none">
                  {t.diagnostics.instrumentStatuses[status] ?? instrument.status_label}
                </Badge>
              ),
            },
            { label: ins.info.publishedAt, value: formatDateTime(instrument.published_at) },
            { label: ins.info.items, value: instrument.item_count },
            ...(instrument.municipality_id ? [] : [{ label: ins.info.owner, value: ins.shipped }]),
          ]}
        />
      </Paper>
      <Paper withBorder p="md" radius="md" component="section" aria-label={ins.scaleTitle}>
        <Title order={3} size="h4" mb="xs">
          {ins.scaleTitle}
        </Title>
        <Text size="sm">{ins.scaleText(content.scale.deficit_below, content.scale.partial_below)}</Text>
        {Object.entries(content.scale.areas ?? {}).map(([area, l]) => (
          <Text size="sm" key={area}>
            {`${areas.name(area)}: ${ins.scaleText(l.deficit_below, l.partial_below)}`}
          </Text>
        ))}
      </Paper>
      <Title order={3} size="h4">
        {ins.sectionsTitle}
      </Title>
      {content.sections.map((section, si) => (
        <Paper key={si} withBorder p="md" radius="md" component="section" aria-label={section.title} data-testid="instrument-section">
          <Stack gap="xs">
            <Group justify="space-between" wrap="wrap">
              <Text fw={600}>{section.title}</Text>
              <Group gap="xs">
                <Badge variant="light" color="gray" tt="none">
                  {section.area_code ? areas.name(section.area_code) : t.editor.fields.areaNone}
                </Badge>
                {section.area_code && instrument.area_max?.[section.area_code] !== undefined ? (
                  <Text size="xs" c="dimmed">
                    {ins.areaMax(instrument.area_max[section.area_code]!)}
                  </Text>
                ) : null}
              </Group>
            </Group>
            <List type="ordered" spacing="xs">
              {section.items.map((item) => (
                <List.Item key={item.code}>
                  <ItemSummary item={item} />
                </List.Item>
              ))}
            </List>
          </Stack>
        </Paper>
      ))}
      <Modal opened={publishing} onClose={() => setPublishing(false)} title={ins.publishTitle} centered>
        <Stack>
          <Text size="sm">{ins.publishText}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setPublishing(false)}>
              {t.common.cancel}
            </Button>
            <Button
              loading={pending}
              onClick={() => {
                setPublishing(false);
                void run(() => publishInstrument(instrument), ins.published);
              }}
            >
              {ins.publish}
            </Button>
          </Group>
        </Stack>
      </Modal>
      <ArchiveModal
        opened={archiving}
        onClose={() => setArchiving(false)}
        title={ins.archiveTitle}
        text={ins.archiveText(instrument.title)}
        onReload={onReload}
        onConfirm={async (reason) => {
          await archiveInstrument(instrument, reason);
          setArchiving(false);
          notifications.show({ color: 'green', message: ins.archived });
          await invalidateDiagnostics(queryClient);
        }}
      />
    </Stack>
  );
}

function ItemSummary({ item }: { item: Item }) {
  const type = ins.itemTypes[item.type] ?? item.type;
  let meta = '';
  if (item.type === 'single' || item.type === 'multiple') meta = (item.points ?? 0) > 0 ? ins.points(item.points ?? 0) : ins.notScored;
  if (item.type === 'scale') meta = ins.scaleRange(item.scale_max);
  if (item.type === 'text') meta = ins.notScored;
  const correct = item.type === 'single' ? (item.correct ? [item.correct] : []) : item.type === 'multiple' ? (item.correct ?? []) : [];
  return (
    <Stack gap={2}>
      <Text size="sm">{item.text}</Text>
      <Text size="xs" c="dimmed">{`${item.code} · ${type} · ${meta}`}</Text>
      {'options' in item ? (
        <List size="xs" withPadding>
          {item.options.map((o) => (
            <List.Item key={o.key}>
              {`${o.key}) ${o.text}`}
              {correct.includes(o.key) ? ` — ${ins.correct}` : ''}
            </List.Item>
          ))}
        </List>
      ) : null}
    </Stack>
  );
}
