import { fireEvent, screen, waitFor } from '@testing-library/react';
import { t } from './messages';
import { renderWithProviders } from '../../test/render';
import { SignInForm } from './SignInForm';

describe('SignInForm', () => {
  it('shows Russian validation messages for empty fields', async () => {
    const onSubmit = vi.fn();
    renderWithProviders(<SignInForm onSubmit={onSubmit} />);

    fireEvent.click(screen.getByRole('button', { name: t.signIn.submit }));

    expect(await screen.findByText(t.signIn.loginRequired)).toBeInTheDocument();
    expect(screen.getByText(t.signIn.passwordRequired)).toBeInTheDocument();
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('submits trimmed credentials', async () => {
    const onSubmit = vi.fn();
    renderWithProviders(<SignInForm onSubmit={onSubmit} />);

    fireEvent.input(screen.getByLabelText(t.signIn.loginLabel), { target: { value: '  metodist ' } });
    fireEvent.input(screen.getByLabelText(t.signIn.passwordLabel), { target: { value: 'secret' } });
    fireEvent.click(screen.getByRole('button', { name: t.signIn.submit }));

    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit.mock.calls[0]?.[0]).toEqual({ login: 'metodist', password: 'secret' });
  });

  it('renders a server error', () => {
    renderWithProviders(<SignInForm onSubmit={vi.fn()} error={t.signIn.invalidCredentials} />);
    expect(screen.getByRole('alert')).toHaveTextContent(t.signIn.invalidCredentials);
  });
});
