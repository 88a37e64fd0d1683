import { useState } from 'react';
import { Alert, Button, CopyButton, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { errorMessage } from '../../api/errors';
import { useMe } from '../../auth/useMe';
import { FormActions } from '../../components/FormActions';
import { createFeed, type FeedCreated } from './api';
import { t } from './messages';

const f = t.events.feed;

/** «Подписаться на календарь»: creates an iCalendar feed and shows its URL once, with «Скопировать адрес». */
export function FeedButton() {
  const [opened, modal] = useDisclosure(false);
  return (
    <>
      <Button variant="default" onClick={modal.open}>
        {f.subscribe}
      </Button>
      <Modal opened={opened} onClose={modal.close} title={f.title} size="lg" centered>
        {opened ? <FeedForm onClose={modal.close} /> : null}
      </Modal>
    </>
  );
}

function FeedForm({ onClose }: { onClose: () => void }) {
  const me = useMe();
  const kinds = me.teacher_id ? (['teacher', 'municipality'] as const) : (['municipality'] as const);
  const [kind, setKind] = useState<'teacher' | 'municipality'>(kinds[0]);
  const [title, setTitle] = useState('');
  const [created, setCreated] = useState<FeedCreated | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  if (created) {
    return (
      <Stack>
        <Alert color="orange">{f.once}</Alert>
        <TextInput label={f.url} value={created.url} readOnly onFocus={(e) => e.currentTarget.select()} data-testid="feed-url" />
        <Group justify="flex-end">
          <CopyButton value={created.url}>
            {({ copied, copy }) => (
              <Button variant={copied ? 'light' : 'default'} color={copied ? 'green' : undefined} onClick={copy}>
                {copied ? f.copied : f.copy}
              </Button>
            )}
          </CopyButton>
          <Button onClick={onClose}>{f.done}</Button>
        </Group>
      </Stack>
    );
  }

  return (
    <form
      noValidate
      aria-label={f.title}
      onSubmit={(e) => {
        e.preventDefault();
        setPending(true);
        setError(null);
        createFeed({ kind, title: title.trim() || null })
          .then(setCreated)
          .catch((err: unknown) => setError(errorMessage(err)))
          .finally(() => setPending(false));
      }}
    >
      <Stack>
        <Text size="sm">{f.intro}</Text>
        {kinds.length > 1 ? (
          <Select
            label={f.kind}
            data={kinds.map((k) => ({ value: k, label: f.kinds[k] ?? k }))}
            value={kind}
            onChange={(v) => setKind(v === 'teacher' ? 'teacher' : 'municipality')}
            allowDeselect={false}
          />
        ) : null}
        <TextInput label={f.name} placeholder={f.kinds[kind]} value={title} onChange={(e) => setTitle(e.currentTarget.value)} />
        {error ? (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        ) : null}
        <FormActions onCancel={onClose} submitLabel={f.create} loading={pending} />
      </Stack>
    </form>
  );
}
