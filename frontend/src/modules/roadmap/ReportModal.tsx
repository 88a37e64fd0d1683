import { useState } from 'react';
import { ActionIcon, Button, Checkbox, FileInput, Group, Modal, Select, Stack, Text, Textarea } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { errorMessage } from '../../api/errors';
import { DateField } from '../../components/DateField';
import { formatDate } from '../../lib/format';
import { createReport, searchRecords, uploadFile, type EvidenceKind, type Occurrence } from './api';
import { parseLinks } from './logic';
import { t } from './messages';

const m = t.roadmap.reportForm;
type Picked = { kind: EvidenceKind; id: string; title: string };
const KINDS: EvidenceKind[] = ['event', 'campaign', 'document', 'meeting'];

/** A progress report on an occurrence: text, links, uploaded files, existing records as evidence; may mark it done. */
export function ReportModal({ occurrence, onClose, onSaved }: { occurrence: Occurrence | null; onClose: () => void; onSaved: () => Promise<void> }) {
  return (
    <Modal opened={occurrence !== null} onClose={onClose} title={m.title} size="lg" closeButtonProps={{ 'aria-label': t.common.close }}>
      {occurrence ? <ReportForm occurrence={occurrence} onClose={onClose} onSaved={onSaved} /> : null}
    </Modal>
  );
}

function ReportForm({ occurrence, onClose, onSaved }: { occurrence: Occurrence; onClose: () => void; onSaved: () => Promise<void> }) {
  const [text, setText] = useState('');
  const [reportedOn, setReportedOn] = useState<string | null>(null);
  const [links, setLinks] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [kind, setKind] = useState<EvidenceKind>('event');
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 300);
  const [records, setRecords] = useState<Picked[]>([]);
  const [markDone, setMarkDone] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const options = useQuery({ queryKey: ['roadmap', 'records', kind, debounced], queryFn: () => searchRecords(kind, debounced) });

  async function submit() {
    setError(null);
    if (text.trim().length < 3) return setError(m.textRequired);
    const parsed = parseLinks(links);
    if (parsed.bad.length) return setError(`${m.badLink}: ${parsed.bad.join(', ')}`);
    setPending(true);
    try {
      const fileIds: string[] = [];
      for (const f of files) fileIds.push((await uploadFile(f)).id);
      await createReport(occurrence.id, {
        text: text.trim(),
        reported_on: reportedOn,
        links: parsed.links,
        file_ids: fileIds,
        records: records.map((r) => ({ kind: r.kind, id: r.id })),
        mark_done: markDone,
      });
      notifications.show({ color: 'green', message: m.saved });
      await onSaved();
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setPending(false);
    }
  }

  return (
    <Stack>
      <Text size="sm" fw={500}>
        {formatDate(occurrence.starts_on)} — {formatDate(occurrence.due_on)}
      </Text>
      <Textarea label={m.text} required value={text} onChange={(e) => setText(e.currentTarget.value)} autosize minRows={3} />
      <DateField label={m.date} value={reportedOn} onChange={setReportedOn} />
      <Textarea label={m.links} value={links} onChange={(e) => setLinks(e.currentTarget.value)} autosize minRows={2} placeholder="https://" />
      <FileInput label={m.files} multiple value={files} onChange={setFiles} clearable />
      <Stack gap={4}>
        <Text size="sm" fw={500}>
          {m.records}
        </Text>
        <Group align="flex-end" grow>
          <Select
            label={m.recordKind}
            value={kind}
            allowDeselect={false}
            onChange={(v) => v && setKind(v as EvidenceKind)}
            data={KINDS.map((k) => ({ value: k, label: m.kinds[k] ?? k }))}
          />
          <Select
            label={m.recordPick}
            placeholder={m.recordSearch}
            searchable
            searchValue={search}
            onSearchChange={setSearch}
            filter={({ options: all }) => all}
            value={null}
            nothingFoundMessage={t.common.nothingFound}
            data={(options.data ?? []).filter((o) => !records.some((r) => r.id === o.value))}
            onChange={(value, option) => {
              if (!value) return;
              setRecords((prev) => [...prev, { kind, id: value, title: option?.label ?? value }]);
              setSearch('');
            }}
          />
        </Group>
        {records.map((r) => (
          <Group key={r.id} gap="xs" data-testid="report-record">
            <Text size="sm">
              {m.kinds[r.kind]}: {r.title}
            </Text>
            <ActionIcon variant="subtle" color="red" aria-label={m.removeRecord(r.title)} onClick={() => setRecords((prev) => prev.filter((x) => x.id !== r.id))}>
              ×
            </ActionIcon>
          </Group>
        ))}
      </Stack>
      <Checkbox label={m.markDone} checked={markDone} onChange={(e) => setMarkDone(e.currentTarget.checked)} />
      {error ? (
        <Text c="red" size="sm" role="alert">
          {error}
        </Text>
      ) : null}
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          {t.common.cancel}
        </Button>
        <Button loading={pending} onClick={() => void submit()}>
          {m.submit}
        </Button>
      </Group>
    </Stack>
  );
}
