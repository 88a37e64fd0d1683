import type { ReactNode } from 'react';
import { Button, Group } from '@mantine/core';
import { t } from '../i18n/messages';

type Props = {
  onCancel: () => void;
  submitLabel: string;
  loading?: boolean;
  /** Red submit for archiving or revoking. */
  danger?: boolean;
  /** A plain button instead of submitting the surrounding form. */
  onConfirm?: () => void;
  /** Something on the left, e.g. «Архивировать» in an edit dialog. */
  start?: ReactNode;
};

/** The bottom row of every form and dialog: «Отмена» and the main action, on the right. */
export function FormActions({ onCancel, submitLabel, loading = false, danger = false, onConfirm, start }: Props) {
  return (
    <Group justify={start ? 'space-between' : 'flex-end'}>
      {start}
      <Group>
        <Button variant="default" onClick={onCancel}>
          {t.common.cancel}
        </Button>
        <Button
          type={onConfirm ? 'button' : 'submit'}
          color={danger ? 'red' : undefined}
          loading={loading}
          onClick={onConfirm}
        >
          {submitLabel}
        </Button>
      </Group>
    </Group>
  );
}
