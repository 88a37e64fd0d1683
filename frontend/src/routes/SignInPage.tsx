import { Center, Paper, Stack, Text, Title } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { t } from '../i18n/messages';
import { SignInForm, type SignInValues } from './SignInForm';

/** Placeholder sign-in screen: wire `handleSubmit` to the auth API once it exists. */
export function SignInPage() {
  const navigate = useNavigate();

  async function handleSubmit(_values: SignInValues) {
    // TODO: call the backend sign-in endpoint via `api` from src/api/client.ts.
    await navigate({ to: '/' });
  }

  return (
    <Center mih="100vh" bg="gray.0">
      <Paper withBorder shadow="sm" p="xl" radius="md" w={380}>
        <Stack>
          <div>
            <Text c="dimmed" size="sm">
              {t.app.name}
            </Text>
            <Title order={2}>{t.signIn.title}</Title>
            <Text c="dimmed" size="sm" mt={4}>
              {t.signIn.subtitle}
            </Text>
          </div>
          <SignInForm onSubmit={handleSubmit} />
        </Stack>
      </Paper>
    </Center>
  );
}
