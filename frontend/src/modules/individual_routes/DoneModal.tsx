import { useState } from 'react';
import { Button, FileInput, Group, Modal, SegmentedControl, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { errorMessage } from '../../api/errors';
import { formatDate } from '../../lib/format';
import { evidenceOptionsQuery, markDone, uploadEvidence, type ActionDone } from './api';
import type { ActionRead, RouteRead } from './logic';
import { t } from './messages';

const m = t.routes.done;
type How = 'link' | 'file' | 'record';

/** The teacher marks an action done with evidence: a link, a file, or one of their participations / courses. */
export function DoneModal({
  route,
  action,
  onClose,
  onDone,
}: {
  route: RouteRead;
  action: ActionRead | null;
  onClose: () => void;
  onDone: (next: RouteRead) => void;
}) {
  return (
    <Modal opened={action !== null} onClose={onClose} title={m.title} centered fullScreen={false} size="lg">
      {action ? <DoneForm route={route} action={action} onClose={onClose} onDone={onDone} /> : null}
    </Modal>
  );
}

function DoneForm({ route, action, onClose, onDone }: { route: RouteRead; action: ActionRead; onClose: () => void; onDone: (next: RouteRead) => void }) {
  const [how, setHow] = useState<How>('link');
  const [url, setUrl] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [record, setRecord] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const options = useQuery({ ...evidenceOptionsQuery(route.id), enabled: how === 'record' });

  async function submit() {
    setError(null);
    const body: ActionDone = { evidence_note: note.trim() || null };
    if (how === 'link' && url.trim()) body.evidence_url = url.trim();
    if (how === 'record' && record) {
      const [kind, id] = record.split(':');
      if (kind === 'participation') body.participation_id = id;
      else body.course_id = id;
    }
    if (how === 'file' && !file && !body.evidence_note) return setError(m.needEvidence);
    if (how !== 'file' && !body.evidence_url && !body.participation_id && !body.course_id && !body.evidence_note) {
      return setError(m.needEvidence);
    }
    setPending(true);
    try {
      if (how === 'file' && file) body.evidence_file_id = (await uploadEvidence(route.id, file)).id;
      onDone(await markDone(route, action.id, body));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setPending(false);
    }
  }

  return (
    <Stack>
      <Text fw={500}>{action.title}</Text>
      <SegmentedControl
        aria-label={m.how}
        value={how}
        onChange={(v) => setHow(v as How)}
        data={[
          { value: 'link', label: m.link },
          { value: 'file', label: m.file },
          { value: 'record', label: m.record },
        ]}
      />
      {how === 'link' ? (
        <TextInput label={m.url} placeholder={m.urlPlaceholder} value={url} onChange={(e) => setUrl(e.currentTarget.value)} type="url" />
      ) : null}
      {how === 'file' ? <FileInput label={m.fileLabel} value={file} onChange={setFile} clearable /> : null}
      {how === 'record' ? (
        <Select
          label={m.recordLabel}
          value={record}
          onChange={setRecord}
          searchable
          nothingFoundMessage={m.recordEmpty}
          placeholder={options.data && options.data.items.length === 0 ? m.recordEmpty : undefined}
          data={(options.data?.items ?? []).map((o) => ({
            value: `${o.kind}:${o.id}`,
            label: `${o.kind === 'participation' ? m.participation : m.course}: ${o.title}${o.on ? ` (${formatDate(o.on)})` : ''}`,
          }))}
        />
      ) : null}
      <Textarea label={m.note} value={note} onChange={(e) => setNote(e.currentTarget.value)} autosize minRows={2} />
      {error ? (
        <Text c="red" size="sm" role="alert">
          {error}
        </Text>
      ) : null}
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          {t.routes.actions.cancel}
        </Button>
        <Button loading={pending} onClick={() => void submit()}>
          {m.submit}
        </Button>
      </Group>
    </Stack>
  );
}
