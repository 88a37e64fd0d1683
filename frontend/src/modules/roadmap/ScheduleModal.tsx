import { useState } from 'react';
import { Button, Group, Modal, NumberInput, Select, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { errorMessage } from '../../api/errors';
import { DateField } from '../../components/DateField';
import { updateActivity, type Activity, type ScheduleIn } from './api';
import { monthName } from './logic';
import { t } from './messages';

const m = t.roadmap.scheduleForm;

/** Sets an activity's dates by hand (for a timeframe the parser could not read): one due date, a yearly window,
 * or the whole period. */
export function ScheduleModal({ activity, onClose, onSaved }: { activity: Activity | null; onClose: () => void; onSaved: () => Promise<void> }) {
  return (
    <Modal opened={activity !== null} onClose={onClose} title={m.title} size="lg" closeButtonProps={{ 'aria-label': t.common.close }}>
      {activity ? <ScheduleForm activity={activity} onClose={onClose} onSaved={onSaved} /> : null}
    </Modal>
  );
}

function ScheduleForm({ activity, onClose, onSaved }: { activity: Activity; onClose: () => void; onSaved: () => Promise<void> }) {
  const s = activity.schedule;
  const [kind, setKind] = useState<ScheduleIn['kind']>(s.kind === 'unparsed' ? 'once' : (s.kind as ScheduleIn['kind']));
  const [starts, setStarts] = useState<string | null>(s.starts_on ?? null);
  const [due, setDue] = useState<string | null>(s.due_on ?? null);
  const [month, setMonth] = useState<string | null>(/BYMONTH=(\d+)/.exec(s.rrule ?? '')?.[1] ?? null);
  const [windowMonths, setWindowMonths] = useState<number>(s.window_months || 1);
  const [until, setUntil] = useState<string | null>(s.until ?? null);
  const [note, setNote] = useState(s.note ?? '');
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function submit() {
    setError(null);
    if (!starts) return setError(m.needDates);
    const schedule: ScheduleIn = {
      kind,
      starts_on: starts,
      due_on: due,
      window_months: windowMonths,
      until: kind === 'recurring' ? until : null,
      note: note.trim() || null,
      rrule: kind === 'recurring' ? `FREQ=YEARLY;BYMONTH=${month ?? Number(starts.slice(5, 7))}` : null,
    };
    setPending(true);
    try {
      await updateActivity(activity, { schedule });
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
      <Text size="sm">
        {t.roadmap.activity.timeframe}: {activity.timeframe_text}
      </Text>
      <Select
        label={m.kind}
        value={kind}
        allowDeselect={false}
        onChange={(v) => v && setKind(v as ScheduleIn['kind'])}
        data={Object.entries(m.kinds).map(([value, label]) => ({ value, label }))}
      />
      <Group grow align="flex-start">
        <DateField label={m.starts} required value={starts} onChange={setStarts} />
        <DateField label={m.due} value={due} onChange={setDue} />
      </Group>
      {kind === 'recurring' ? (
        <Group grow align="flex-start">
          <Select
            label={m.month}
            value={month}
            onChange={setMonth}
            data={Array.from({ length: 12 }, (_, i) => ({ value: String(i + 1), label: monthName(i + 1) }))}
          />
          <NumberInput label={m.window} min={0} max={24} value={windowMonths} onChange={(v) => setWindowMonths(Number(v) || 0)} />
          <DateField label={m.until} value={until} onChange={setUntil} />
        </Group>
      ) : null}
      <TextInput label={m.note} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
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
          {t.common.save}
        </Button>
      </Group>
    </Stack>
  );
}
