/** Sign-in: exchanges the login and password for a session (tokens are kept by api/session.ts). */
import { session } from '../../api/client';

export function signIn(login: string, password: string) {
  return session.signIn(login, password);
}
