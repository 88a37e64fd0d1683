import { useState } from 'react';
import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { errorMessage, isStatus, problemFieldErrors, ApiError } from '../../api/errors';
import { archiveTeacher } from '../../api/queries';
import { ConflictAlert, FormErrors } from '../../components/states';
import { t } from '../../i18n/messages';

type Props = {
  opened: boolean;
  onClose: () => void;
  teacherId: string;
  teacherName: string;
  etag: string | null;
  onArchived: () => void;
  onReload: () => void;
};

export function ArchiveTeacherModal({ opened, onClose, teacherId, teacherName, etag, onArchived, onReload }: Props) {
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: (r: string) => archiveTeacher(teacherId, etag, r),
    onSuccess: () => {
      notifications.show({ color: 'green', message: t.teachers.archived });
      onArchived();
    },
    onError: (error) => {
      const fieldErrors = error instanceof ApiError ? problemFieldErrors(error.problem) : {};
      if (fieldErrors.reason) setReasonError(fieldErrors.reason);
    },
  });

  function submit() {
    const trimmed = reason.trim();
    if (!trimmed) {
      setReasonError(t.validation.required);
      return;
    }
    setReasonError(null);
    mutation.mutate(trimmed);
  }

  const conflict = isStatus(mutation.error, 412);
  const otherError =
    mutation.isError && !conflict && !(mutation.error instanceof ApiError && problemFieldErrors(mutation.error.problem).reason)
      ? [errorMessage(mutation.error)]
      : [];

  return (
    <Modal opened={opened} onClose={onClose} title={t.teachers.archiveTitle} centered>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
        noValidate
      >
        <Stack>
          <Text size="sm">{t.teachers.archiveText(teacherName)}</Text>
          {conflict ? (
            <ConflictAlert
              onReload={() => {
                mutation.reset();
                onReload();
              }}
            />
          ) : null}
          <FormErrors messages={otherError} />
          <Textarea
            label={t.teachers.archiveReason}
            placeholder={t.teachers.archiveReasonPlaceholder}
            value={reason}
            onChange={(e) => {
              setReason(e.currentTarget.value);
              if (reasonError) setReasonError(null);
            }}
            error={reasonError}
            required
            autosize
            minRows={2}
            data-autofocus
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t.common.cancel}
            </Button>
            <Button type="submit" color="red" loading={mutation.isPending}>
              {t.common.archive}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
