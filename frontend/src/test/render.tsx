import type { ReactElement } from 'react';
import { render } from '@testing-library/react';
import { AppProviders, createQueryClient } from '../providers';

/** Renders UI inside the same providers as the app (Mantine ru, React Query). */
export function renderWithProviders(ui: ReactElement) {
  const queryClient = createQueryClient();
  queryClient.setDefaultOptions({ queries: { retry: false } });
  return render(<AppProviders queryClient={queryClient}>{ui}</AppProviders>);
}
