/** Loading, empty and error states shared by every screen. */
import type { ReactNode } from 'react';
import { Alert, Button, Center, EmptyState, Group, Loader, Stack, Text } from '@mantine/core';
import { ApiError, errorMessage } from '../api/errors';
import { t } from '../i18n/messages';

export function LoadingState({ label = t.common.loading }: { label?: string }) {
  return (
    <Center py="xl" role="status" aria-live="polite">
      <Group gap="sm">
        <Loader size="sm" />
        <Text c="dimmed">{label}</Text>
      </Group>
    </Center>
  );
}

export function EmptyBlock({ title, description, children }: { title: string; description?: string; children?: ReactNode }) {
  return (
    <EmptyState py="xl" title={title} description={description} data-testid="empty-state">
      {children}
    </EmptyState>
  );
}

type ErrorStateProps = {
  error: unknown;
  onRetry?: () => void;
  /** Shown instead of the server text when the record does not exist (404). */
  notFoundTitle?: string;
  notFoundHint?: string;
};

export function ErrorState({ error, onRetry, notFoundTitle, notFoundHint }: ErrorStateProps) {
  if (error instanceof ApiError && error.status === 404 && notFoundTitle) {
    return (
      <EmptyState py="xl" title={notFoundTitle} description={notFoundHint} data-testid="not-found-state" />
    );
  }
  if (error instanceof ApiError && error.status === 403) {
    return <EmptyState py="xl" title={t.common.forbiddenTitle} description={errorMessage(error)} />;
  }
  return (
    <Alert color="red" title={t.common.loadError} role="alert" data-testid="error-state">
      <Stack gap="sm" align="flex-start">
        <Text size="sm">{errorMessage(error)}</Text>
        {onRetry ? (
          <Button variant="light" color="red" size="xs" onClick={onRetry}>
            {t.common.retry}
          </Button>
        ) : null}
      </Stack>
    </Alert>
  );
}

/** 412 Precondition Failed: someone else saved first. «Обновить» reloads the record. */
export function ConflictAlert({ onReload }: { onReload: () => void }) {
  return (
    <Alert color="orange" title={t.concurrency.title} role="alert" data-testid="conflict-alert">
      <Stack gap="sm" align="flex-start">
        <Text size="sm">{t.concurrency.conflict}</Text>
        <Button size="xs" variant="filled" color="orange" onClick={onReload}>
          {t.concurrency.reload}
        </Button>
      </Stack>
    </Alert>
  );
}

/** Server messages that did not belong to a form field. */
export function FormErrors({ messages }: { messages: string[] }) {
  if (!messages.length) return null;
  return (
    <Alert color="red" role="alert" title={t.errors.fieldErrorsSummary}>
      <Stack gap={4}>
        {messages.map((m) => (
          <Text size="sm" key={m}>
            {m}
          </Text>
        ))}
      </Stack>
    </Alert>
  );
}
