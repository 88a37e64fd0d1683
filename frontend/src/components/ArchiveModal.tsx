import { useState } from 'react';
import { Stack, Text, Textarea } from '@mantine/core';
import { errorMessage, isStatus } from '../api/errors';
import { FormActions } from './FormActions';
import { t } from '../i18n/messages';
import { ConflictAlert, FormErrors } from './states';
import { FormModal, useUnsavedChanges } from './UnsavedChanges';

type Props = {
  opened: boolean;
  onClose: () => void;
  title: string;
  text: string;
  /** Sends the archive request; a rejected promise shows its Russian message (412: «Обновить»). */
  onConfirm: (reason: string) => Promise<unknown>;
  onReload?: () => void;
  /** An example reason in the empty field. */
  placeholder?: string;
};

/** Archive with a required reason: records are archived, never deleted (152-ФЗ). */
export function ArchiveModal({ opened, onClose, title, ...form }: Props) {
  return (
    <FormModal opened={opened} onClose={onClose} title={title} centered>
      {opened ? <ArchiveForm onCancel={onClose} {...form} /> : null}
    </FormModal>
  );
}

/** The reason form alone, for a dialog that switches to it (e.g. a user's edit dialog). */
export function ArchiveForm({
  text,
  onCancel,
  onConfirm,
  onReload,
  placeholder,
}: {
  text: string;
  onCancel: () => void;
  onConfirm: (reason: string) => Promise<unknown>;
  onReload?: () => void;
  placeholder?: string;
}) {
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [messages, setMessages] = useState<string[]>([]);
  const [conflict, setConflict] = useState(false);
  const [pending, setPending] = useState(false);
  // A typed reason is not dropped silently: closing asks first (inside a FormModal).
  const cancel = useUnsavedChanges(reason.trim() !== '' && !pending, onCancel);

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
          placeholder={placeholder}
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
        <FormActions onCancel={cancel} submitLabel={t.common.archive} loading={pending} danger />
      </Stack>
    </form>
  );
}
