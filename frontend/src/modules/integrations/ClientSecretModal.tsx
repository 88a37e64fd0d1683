import { Alert, Button, Code, CopyButton, Group, Modal, Stack, Text } from '@mantine/core';
import type { ClientWithSecret } from '../../api/types';
import { t } from './messages';

const c = t.clients;

function CopyField({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <Stack gap={4}>
      <Text size="sm" fw={600}>
        {label}
      </Text>
      <Group gap="xs" wrap="nowrap" align="center">
        <Code block style={{ flex: 1, wordBreak: 'break-all', whiteSpace: 'pre-wrap' }} data-testid={testId}>
          {value}
        </Code>
        <CopyButton value={value}>
          {({ copied, copy }) => (
            <Button size="xs" variant={copied ? 'filled' : 'light'} color={copied ? 'green' : undefined} onClick={copy} aria-label={`${c.copy}: ${label}`}>
              {copied ? c.copied : c.copy}
            </Button>
          )}
        </CopyButton>
      </Group>
    </Stack>
  );
}

/**
 * Shows a freshly issued client secret exactly once. The secret lives only in the parent's
 * state and is dropped on close; it is never cached or refetchable.
 */
export function ClientSecretModal({ client, onClose }: { client: ClientWithSecret | null; onClose: () => void }) {
  return (
    <Modal
      opened={client !== null}
      onClose={onClose}
      title={c.secretTitle}
      size="lg"
      centered
      closeOnClickOutside={false}
      closeOnEscape={false}
    >
      {client ? (
        <Stack>
          <Alert color="orange" role="alert" title={client.name}>
            {c.secretWarning}
          </Alert>
          <CopyField label={c.clientIdLabel} value={client.client_id} testId="client-id" />
          <CopyField label={c.secretLabel} value={client.client_secret} testId="client-secret" />
          <Group justify="flex-end">
            <Button onClick={onClose}>{c.secretSaved}</Button>
          </Group>
        </Stack>
      ) : null}
    </Modal>
  );
}
