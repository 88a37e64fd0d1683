/** Import an instrument from JSON or XLSX: check the file (the report with its issues), then create the draft. */
import { useState } from 'react';
import { Alert, Button, FileInput, Group, List, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { ApiError, errorMessage } from '../../api/errors';
import { type ImportReport, importInstrument, invalidateDiagnostics } from './api';
import { t } from './messages';
import { INSTRUMENT_KINDS } from './search';

const ins = t.instruments;

type Issue = { line?: number | null; field?: string | null; message: string };

/** The issues of a refused import (422): its field errors (`file.line12`) read as the report's lines. */
export function issuesOf(error: unknown): Issue[] {
  if (!(error instanceof ApiError)) return [{ message: errorMessage(error) }];
  const errors = error.problem?.errors ?? [];
  if (!errors.length) return [{ message: errorMessage(error) }];
  return errors.map((e) => {
    const m = /line(\d+)/.exec(e.field);
    return { line: m ? Number(m[1]) : null, field: null, message: e.message };
  });
}

export function ImportModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title={ins.importTitle} size="lg">
      {opened ? <ImportForm onClose={onClose} /> : null}
    </Modal>
  );
}

function ImportForm({ onClose }: { onClose: () => void }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [file, setFile] = useState<File | null>(null);
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState<string>('deficit');
  const [report, setReport] = useState<ImportReport | null>(null);
  const [issues, setIssues] = useState<Issue[]>([]);
  const [pending, setPending] = useState(false);
  const xlsx = Boolean(file?.name.toLowerCase().endsWith('.xlsx'));

  async function run(dryRun: boolean) {
    if (!file) return;
    setPending(true);
    setIssues([]);
    try {
      const result = await importInstrument({ file, dryRun, ...(xlsx ? { title: title.trim() || undefined, kind } : {}) });
      setReport(result);
      setIssues(result.errors ?? []);
      if (!dryRun && result.instrument) {
        notifications.show({ color: 'green', message: ins.importCreated });
        await invalidateDiagnostics(queryClient);
        onClose();
        void navigate({ to: '/diagnostics/instruments/$instrumentId', params: { instrumentId: result.instrument.id } });
      }
    } catch (error) {
      setReport(null);
      setIssues(issuesOf(error));
    } finally {
      setPending(false);
    }
  }

  const ok = report?.ok && issues.length === 0;
  return (
    <Stack>
      <Text size="sm">{ins.importHint}</Text>
      <FileInput
        label={ins.importFile}
        accept=".json,.xlsx,application/json,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        value={file}
        onChange={(f) => {
          setFile(f);
          setReport(null);
          setIssues([]);
        }}
        clearable
        required
      />
      {xlsx ? (
        <>
          <TextInput label={ins.importTitleField} value={title} onChange={(e) => setTitle(e.currentTarget.value)} maxLength={500} />
          <Select
            label={ins.importKind}
            data={INSTRUMENT_KINDS.map((k) => ({ value: k, label: t.diagnostics.kinds[k] ?? k }))}
            value={kind}
            onChange={(v) => setKind(v ?? 'deficit')}
            allowDeselect={false}
          />
        </>
      ) : null}
      {ok && report ? (
        <Alert color="green" role="status" data-testid="import-report">
          {ins.importOk(report.section_count, report.item_count)}
        </Alert>
      ) : null}
      {issues.length ? (
        <Alert color="red" role="alert" title={ins.importErrors} data-testid="import-report">
          <List size="sm">
            {issues.map((i, n) => (
              <List.Item key={n}>{[i.line ? ins.importLine(i.line) : null, i.field, i.message].filter(Boolean).join(': ')}</List.Item>
            ))}
          </List>
        </Alert>
      ) : null}
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          {t.common.cancel}
        </Button>
        <Button variant="light" onClick={() => void run(true)} disabled={!file} loading={pending && !ok}>
          {ins.importCheck}
        </Button>
        <Button onClick={() => void run(false)} disabled={!file || !ok} loading={pending && Boolean(ok)}>
          {ins.importCreate}
        </Button>
      </Group>
    </Stack>
  );
}
