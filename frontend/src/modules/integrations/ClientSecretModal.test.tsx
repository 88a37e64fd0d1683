import { fireEvent, screen } from '@testing-library/react';
import type { ClientWithSecret } from '../../api/types';
import { t } from './messages';
import { renderWithProviders } from '../../test/render';
import { ClientSecretModal } from './ClientSecretModal';

const client: ClientWithSecret = {
  id: 'c1',
  municipality_id: 'm1',
  name: 'Электронная школа',
  client_id: 'mms_abc',
  scopes: ['teachers:read'],
  is_active: true,
  last_used_at: null,
  created_at: '2026-01-01T00:00:00Z',
  version: 1,
  archived_at: null,
  client_secret: 'S3cr3t-value-shown-once',
};

describe('ClientSecretModal', () => {
  it('shows the secret with a warning and copy buttons, and closes on confirmation', () => {
    const onClose = vi.fn();
    renderWithProviders(<ClientSecretModal client={client} onClose={onClose} />);
    expect(screen.getByTestId('client-secret')).toHaveTextContent('S3cr3t-value-shown-once');
    expect(screen.getByTestId('client-id')).toHaveTextContent('mms_abc');
    expect(screen.getByText(t.clients.secretWarning)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: `${t.clients.copy}: ${t.clients.secretLabel}` })).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: t.clients.secretSaved }));
    expect(onClose).toHaveBeenCalled();
  });

  it('renders nothing without a client', () => {
    renderWithProviders(<ClientSecretModal client={null} onClose={vi.fn()} />);
    expect(screen.queryByTestId('client-secret')).not.toBeInTheDocument();
  });
});
