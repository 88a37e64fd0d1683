import { useState } from 'react';
import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { errorMessage, isStatus } from '../api/errors';
import { t } from '../i18n/messages';
import { ConflictAlert, FormErrors } from './states';

type Props = {
  opened: boolean;
  onClose: () => void;
  title: string;
  text: string;
  /** Sends the archive request; a rejected promise shows its Russian message (412: «Обновить»). */
  onConfirm: (reason: string) => Promise<unknown>;
  onReload?: () => void;
};

/** Archive with a required reason: records are archived, never deleted (152-ФЗ). */
export function ArchiveModal({ opened, onClose, title, text, onConfirm, onReload }: Props) {
  return (
    <Modal opened={opened} onClose={onClose} title={title} centered>
      {opened ? <ArchiveForm text={text} onCancel={onClose} onConfirm={onConfirm} onReload={onReload} /> : null}
    </Modal>
  );
}

/** The reason form alone, for a dialog that switches to it (e.g. a user's edit dialog). */
export function ArchiveForm({
  text,
  onCancel,
  onConfirm,
  onReload,
}: {
  text: string;
  onCancel: () => void;
  onConfirm: (reason: string) => Promise<unknown>;
  onReload?: () => void;
}) {
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [messages, setMessages] = useState<string[]>([]);
  const [conflict, setConflict] = useState(false);
  const [pending, setPending] = useState(false);

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const trimmed = reason.trim();
        if (!trimmed) {
          setReasonError(t.validation.required);
          return;
        }
        setPending(true);
        setMessages([]);
        setConflict(false);
        onConfirm(trimmed)
          .catch((err: unknown) => {
            if (isStatus(err, 412)) setConflict(true);
            else setMessages([errorMessage(err)]);
          })
          .finally(() => setPending(false));
      }}
    >
      <Stack>
        <Text size="sm">{text}</Text>
        {conflict ? (
          <ConflictAlert
            onReload={() => {
              setConflict(false);
              onReload?.();
            }}
          />
        ) : null}
        <FormErrors messages={messages} />
        <Textarea
          label={t.common.archiveReason}
          required
          autosize
          minRows={2}
          value={reason}
          error={reasonError}
          onChange={(e) => {
            setReason(e.currentTarget.value);
            if (reasonError) setReasonError(null);
          }}
          data-autofocus
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t.common.cancel}
          </Button>
          <Button type="submit" color="red" loading={pending}>
            {t.common.archive}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
