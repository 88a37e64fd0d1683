import type { QueryClient } from '@tanstack/react-query';
import { api, session } from '../api/client';

/** Revokes the refresh token on the server (best effort) and forgets the session locally. */
export async function signOut(queryClient: QueryClient): Promise<void> {
  const refreshToken = session.refreshToken;
  if (refreshToken) {
    try {
      await api.POST('/api/v1/auth/logout', { body: { refresh_token: refreshToken } });
    } catch {
      // Offline: the token expires on its own; the local session is cleared anyway.
    }
  }
  session.end('signed-out');
  queryClient.clear();
}

/** Only same-site paths are allowed as a post-sign-in target (no open redirects). */
export function safeRedirect(target: unknown): string {
  if (typeof target !== 'string' || !target.startsWith('/') || target.startsWith('//')) return '/';
  if (target === '/login' || target.startsWith('/login?')) return '/';
  return target;
}
