import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from '@tanstack/react-router';
import '@mantine/core/styles.css';
import '@mantine/dates/styles.css';
import '@mantine/notifications/styles.css';
import './app.css';
import './fonts';
import { session } from './api/client';
import { REFRESH_TOKEN_KEY } from './api/session';
import { t } from './i18n/messages';
import { AppProviders, createQueryClient } from './providers';
import { createAppRouter } from './router';

const queryClient = createQueryClient();
const router = createAppRouter(queryClient);

document.title = t.app.name;

// A rejected refresh (or a 401 without a session) sends the user to sign-in, remembering the page.
session.onEnd((reason) => {
  queryClient.clear();
  if (reason !== 'expired') return;
  const { pathname, href } = router.state.location;
  if (pathname === '/login') return;
  void router.navigate({ to: '/login', search: { redirect: href, reason: 'expired' }, replace: true });
});

// Signed out in another tab: follow it.
window.addEventListener('storage', (event) => {
  if (event.key === REFRESH_TOKEN_KEY && event.newValue === null && router.state.location.pathname !== '/login') {
    session.end('signed-out');
    void router.navigate({ to: '/login' });
  }
});

const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('#root element is missing in index.html');

createRoot(rootElement).render(
  <StrictMode>
    <AppProviders queryClient={queryClient}>
      <RouterProvider router={router} />
    </AppProviders>
  </StrictMode>,
);
