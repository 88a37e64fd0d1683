import { Anchor, Center, Stack, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { t } from '../i18n/messages';

export function NotFoundPage() {
  useDocumentTitle(t.notFound.title);
  return (
    <Center mih="60vh">
      <Stack align="center">
        <Title order={2}>{t.notFound.title}</Title>
        <Anchor component={Link} to="/">
          {t.notFound.toHome}
        </Anchor>
      </Stack>
    </Center>
  );
}
