import { useState } from 'react';
import { Alert, Center, Paper, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useRouter } from '@tanstack/react-router';
import { signIn } from './api';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { ApiError, errorMessage, NETWORK_ERROR_STATUS } from '../../api/errors';
import { safeRedirect } from '../../auth/signOut';
import { t } from './messages';
import { SignInForm, type SignInValues } from './SignInForm';

type Props = { redirect?: string; reason?: string };

function signInError(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 400 || error.status === 401) return t.signIn.invalidCredentials;
    if (error.status === NETWORK_ERROR_STATUS) return t.common.networkError;
    return errorMessage(error);
  }
  return t.common.networkError;
}

export function SignInPage({ redirect, reason }: Props) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  useDocumentTitle(t.signIn.title);

  async function handleSubmit(values: SignInValues) {
    setError(null);
    try {
      await signIn(values.login, values.password);
    } catch (err) {
      setError(signInError(err));
      return;
    }
    queryClient.clear();
    router.history.push(safeRedirect(redirect));
  }

  return (
    <Center mih="100vh" bg="gray.0" p="md">
      <Paper withBorder shadow="sm" p="xl" radius="md" w={400} maw="100%" component="main">
        <Stack>
          <div>
            <Text c="dimmed" size="sm">
              {t.app.name}
            </Text>
            <Title order={1} size="h2">
              {t.signIn.title}
            </Title>
            <Text c="dimmed" size="sm" mt={4}>
              {t.signIn.subtitle}
            </Text>
          </div>
          {reason === 'expired' && !error ? (
            <Alert color="blue" data-testid="session-expired">
              {t.signIn.sessionExpired}
            </Alert>
          ) : null}
          <SignInForm onSubmit={handleSubmit} error={error} />
        </Stack>
      </Paper>
    </Center>
  );
}
