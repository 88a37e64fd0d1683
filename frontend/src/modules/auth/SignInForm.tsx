import { Alert, Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { t } from './messages';

export const signInSchema = z.object({
  login: z.string().trim().min(1, t.signIn.loginRequired),
  password: z.string().min(1, t.signIn.passwordRequired),
});

export type SignInValues = z.infer<typeof signInSchema>;

type Props = {
  onSubmit: (values: SignInValues) => Promise<void> | void;
  error?: string | null;
};

export function SignInForm({ onSubmit, error }: Props) {
  const {
    register,
    handleSubmit,
    formState: { errors, isSubmitting },
  } = useForm<SignInValues>({
    resolver: zodResolver(signInSchema),
    defaultValues: { login: '', password: '' },
  });

  return (
    <form onSubmit={handleSubmit(onSubmit)} noValidate>
      <Stack>
        {error ? (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        ) : null}
        <TextInput
          label={t.signIn.loginLabel}
          placeholder={t.signIn.loginPlaceholder}
          autoComplete="username"
          error={errors.login?.message}
          {...register('login')}
        />
        <PasswordInput
          label={t.signIn.passwordLabel}
          placeholder={t.signIn.passwordPlaceholder}
          autoComplete="current-password"
          error={errors.password?.message}
          {...register('password')}
        />
        <Button type="submit" loading={isSubmitting} fullWidth>
          {t.signIn.submit}
        </Button>
        <Text size="xs" c="dimmed" ta="center">
          {t.signIn.forgot}
        </Text>
      </Stack>
    </form>
  );
}
