/** Lazily loaded entry of the sign-in module (its own chunk). */
import { signInRoute } from './routes';
import { SignInPage } from './SignInPage';

export function SignInRoute() {
  const search = signInRoute.useSearch();
  return <SignInPage redirect={search.redirect} reason={search.reason} />;
}
