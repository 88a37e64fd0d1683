import { Stack, Text, Title } from '@mantine/core';
import { t } from '../i18n/messages';

export function PlaceholderPage({ title }: { title: string }) {
  return (
    <Stack>
      <Title order={2}>{title}</Title>
      <Text c="dimmed">{t.placeholder.inProgress}</Text>
    </Stack>
  );
}
