import createClient from 'openapi-fetch';
import type { paths } from './schema';
import { AuthSession, createAuthFetch, type TokenForm, type TokenResult } from './session';
import type { Problem } from './errors';

/**
 * Typed API client. Paths in the OpenAPI spec already start with /api, so the base URL is the
 * page origin (the Vite dev server proxies /api to FastAPI; in production FastAPI serves dist/).
 */
const baseUrl = import.meta.env.VITE_API_BASE_URL ?? '';

/** Raw client without authentication: only for the token endpoint. */
export function createTokenIssuer(fetchImpl: (request: Request) => Promise<Response> = (r) => globalThis.fetch(r)) {
  const raw = createClient<paths>({ baseUrl, fetch: fetchImpl });
  return async (form: TokenForm): Promise<TokenResult> => {
    const { data, error, response } = await raw.POST('/api/v1/auth/token', {
      body: form,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      bodySerializer: (body) => new URLSearchParams(body as Record<string, string>).toString(),
    });
    if (data && response.ok) return { ok: true, tokens: data };
    return { ok: false, status: response.status, problem: (error as Problem | undefined) ?? null };
  };
}

function browserStorage(): Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> {
  try {
    return window.localStorage;
  } catch {
    const mem = new Map<string, string>();
    return {
      getItem: (k) => mem.get(k) ?? null,
      setItem: (k, v) => void mem.set(k, v),
      removeItem: (k) => void mem.delete(k),
    };
  }
}

function webLock<T>(fn: () => Promise<T>): Promise<T> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  return locks ? (locks.request('mms-token-refresh', fn) as unknown as Promise<T>) : fn();
}

export const session = new AuthSession({
  storage: browserStorage(),
  issueToken: createTokenIssuer(),
  withLock: webLock,
});

export function createApiClient(authSession: AuthSession, fetchImpl?: (request: Request) => Promise<Response>) {
  return createClient<paths>({ baseUrl, fetch: createAuthFetch(authSession, fetchImpl) });
}

export const api = createApiClient(session);
export type ApiClient = typeof api;
