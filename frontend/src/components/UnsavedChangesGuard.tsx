import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useBlocker, useRouter } from '@tanstack/react-router';
import { t } from '../i18n/messages';

/**
 * While `when` is true (a form with unsaved changes), leaving asks first: a link or «Отмена» inside the app shows
 * «Есть несохранённые изменения» (the router's blocker), a reload or closing the tab the browser's own question.
 */
export function UnsavedChangesGuard({ when }: { when: boolean }) {
  // Forms rendered outside a router (unit tests) have nothing to guard.
  const router = useRouter({ warn: false }) as ReturnType<typeof useRouter> | undefined;
  return router ? <Guard when={when} /> : null;
}

function Guard({ when }: { when: boolean }) {
  const { status, proceed, reset } = useBlocker({
    shouldBlockFn: () => when,
    enableBeforeUnload: () => when,
    withResolver: true,
  });
  return (
    <Modal opened={status === 'blocked'} onClose={() => reset?.()} title={t.common.unsavedTitle} centered>
      <Stack>
        <Text size="sm">{t.common.unsavedText}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => reset?.()} data-autofocus>
            {t.common.unsavedStay}
          </Button>
          <Button color="red" onClick={() => proceed?.()}>
            {t.common.unsavedLeave}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
