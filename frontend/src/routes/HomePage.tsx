import { Stack, Text, Title } from '@mantine/core';
import { t } from '../i18n/messages';

export function HomePage() {
  return (
    <Stack>
      <Title order={2}>{t.home.title}</Title>
      <Text>{t.home.welcome}</Text>
    </Stack>
  );
}
