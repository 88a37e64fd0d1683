/**
 * The signed-in session: the refresh token survives reloads (localStorage), the access token
 * lives in memory only. Refreshes are single-flight (and serialised across tabs with Web Locks
 * where available) because the backend rotates refresh tokens and treats a reused one as theft.
 * Only a rejected refresh (400/401 from the token endpoint) ends the session; network errors
 * and 5xx keep it so the user can retry.
 */
import { ApiError, NETWORK_ERROR_STATUS, type Problem } from './errors';
import type { components } from './schema';

export type TokenResponse = components['schemas']['TokenResponse'];

export type TokenForm =
  | { grant_type: 'password'; username: string; password: string }
  | { grant_type: 'refresh_token'; refresh_token: string };

export type TokenResult = { ok: true; tokens: TokenResponse } | { ok: false; status: number; problem: Problem | null };

export type SessionEndReason = 'expired' | 'signed-out';

type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export type SessionDeps = {
  storage: KeyValueStorage;
  /** POST /auth/token (form-urlencoded), without the auth wrapper. Throws on network failure. */
  issueToken: (form: TokenForm) => Promise<TokenResult>;
  now?: () => number;
  /** Cross-tab mutual exclusion for the refresh (navigator.locks). */
  withLock?: <T>(fn: () => Promise<T>) => Promise<T>;
};

export const REFRESH_TOKEN_KEY = 'mms.refresh_token';
/** Refresh this long before the access token actually expires. */
const EXPIRY_MARGIN_MS = 30_000;

export class AuthSession {
  private accessToken: string | null = null;
  private accessExpiresAt = 0;
  private inflight: Promise<string | null> | null = null;
  private readonly listeners = new Set<(reason: SessionEndReason) => void>();
  private readonly deps: Required<Omit<SessionDeps, 'withLock'>> & Pick<SessionDeps, 'withLock'>;

  constructor(deps: SessionDeps) {
    this.deps = { now: () => Date.now(), ...deps };
  }

  get refreshToken(): string | null {
    try {
      return this.deps.storage.getItem(REFRESH_TOKEN_KEY);
    } catch {
      return null;
    }
  }

  /** True while a refresh token is stored (the user is signed in, maybe with an expired access token). */
  hasSession(): boolean {
    return Boolean(this.refreshToken);
  }

  /** Signs in with a password. Throws ApiError (400 invalid_grant = wrong credentials). */
  async signIn(username: string, password: string): Promise<void> {
    const result = await this.deps.issueToken({ grant_type: 'password', username, password });
    if (!result.ok) throw new ApiError(result.status, result.problem);
    this.accept(result.tokens);
  }

  /** Current access token, refreshing it first when it is missing or about to expire. */
  async getAccessToken(): Promise<string | null> {
    if (this.accessToken && this.deps.now() < this.accessExpiresAt - EXPIRY_MARGIN_MS) return this.accessToken;
    if (!this.hasSession()) return null;
    return this.refresh(this.accessToken);
  }

  /**
   * Gets a new access token with the stored refresh token. `staleToken` is the token a request
   * was rejected with: if another call already replaced it, the new one is returned without a
   * second refresh. Resolves to null when the server rejected the refresh (session ended);
   * throws ApiError on network errors and server failures (session kept).
   */
  refresh(staleToken: string | null = null): Promise<string | null> {
    if (this.accessToken && this.accessToken !== staleToken && this.deps.now() < this.accessExpiresAt) {
      return Promise.resolve(this.accessToken);
    }
    if (!this.inflight) {
      const run = () => this.doRefresh();
      const locked = this.deps.withLock ? this.deps.withLock(run) : run();
      this.inflight = locked.finally(() => {
        this.inflight = null;
      });
    }
    return this.inflight;
  }

  private async doRefresh(): Promise<string | null> {
    // Read inside the lock: another tab may have rotated the token meanwhile.
    const refreshToken = this.refreshToken;
    if (!refreshToken) {
      this.end('expired');
      return null;
    }
    let result: TokenResult;
    try {
      result = await this.deps.issueToken({ grant_type: 'refresh_token', refresh_token: refreshToken });
    } catch {
      throw new ApiError(NETWORK_ERROR_STATUS, null);
    }
    if (result.ok) {
      this.accept(result.tokens);
      return this.accessToken;
    }
    if (result.status === 400 || result.status === 401) {
      // If another tab rotated the token while we were asking, ours was simply outdated.
      const current = this.refreshToken;
      if (current && current !== refreshToken) return this.doRefresh();
      this.end('expired');
      return null;
    }
    throw new ApiError(result.status, result.problem);
  }

  accept(tokens: TokenResponse): void {
    this.accessToken = tokens.access_token;
    this.accessExpiresAt = this.deps.now() + tokens.expires_in * 1000;
    if (tokens.refresh_token) {
      try {
        this.deps.storage.setItem(REFRESH_TOKEN_KEY, tokens.refresh_token);
      } catch {
        // Private mode without storage: the session just will not survive a reload.
      }
    }
  }

  /** Forgets all tokens and tells listeners why (expired → back to sign-in with a redirect). */
  end(reason: SessionEndReason): void {
    const hadSession = this.accessToken !== null || this.hasSession();
    this.accessToken = null;
    this.accessExpiresAt = 0;
    try {
      this.deps.storage.removeItem(REFRESH_TOKEN_KEY);
    } catch {
      // ignore
    }
    if (hadSession || reason === 'expired') this.listeners.forEach((l) => l(reason));
  }

  /** Subscribe to the end of the session; returns an unsubscribe function. */
  onEnd(listener: (reason: SessionEndReason) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** Wraps fetch: adds the bearer token, and on a 401 refreshes once and retries the request. */
export function createAuthFetch(
  session: AuthSession,
  baseFetch: (request: Request) => Promise<Response> = (r) => globalThis.fetch(r),
): (request: Request) => Promise<Response> {
  return async (request) => {
    const retryCopy = request.clone();
    const token = await session.getAccessToken();
    const response = await baseFetch(withBearer(request, token));
    if (response.status !== 401) return response;

    if (!session.hasSession()) {
      session.end('expired');
      return response;
    }
    const fresh = await session.refresh(token);
    if (!fresh) return response;
    const retried = await baseFetch(withBearer(retryCopy, fresh));
    if (retried.status === 401) session.end('expired');
    return retried;
  };
}

function withBearer(request: Request, token: string | null): Request {
  if (!token) return request;
  const headers = new Headers(request.headers);
  headers.set('Authorization', `Bearer ${token}`);
  return new Request(request, { headers });
}
