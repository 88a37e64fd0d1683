import { ApiError } from './errors';
import { AuthSession, createAuthFetch, REFRESH_TOKEN_KEY, type TokenForm, type TokenResult } from './session';

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return {
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
    removeItem: (k: string) => void data.delete(k),
  };
}

/** A fake token endpoint that rotates refresh tokens like the backend does. */
function fakeIssuer() {
  let n = 0;
  const valid = new Set<string>(['rt-0']);
  const calls: TokenForm[] = [];
  let mode: 'ok' | 'reject' | 'offline' | 'down' = 'ok';
  const issueToken = vi.fn(async (form: TokenForm): Promise<TokenResult> => {
    calls.push(form);
    if (mode === 'offline') throw new TypeError('Failed to fetch');
    if (mode === 'down') return { ok: false, status: 503, problem: null };
    if (form.grant_type === 'password') {
      if (form.password !== 'secret') return { ok: false, status: 400, problem: null };
    } else if (mode === 'reject' || !valid.delete(form.refresh_token)) {
      return { ok: false, status: 400, problem: null };
    }
    n += 1;
    valid.add(`rt-${n}`);
    return { ok: true, tokens: { access_token: `at-${n}`, refresh_token: `rt-${n}`, expires_in: 900, token_type: 'bearer' } };
  });
  return { issueToken, calls, setMode: (m: typeof mode) => (mode = m) };
}

/** A fake API that accepts only the listed access tokens. */
function fakeApi(accepted: () => string[]) {
  const seen: (string | null)[] = [];
  const fetchImpl = vi.fn(async (request: Request) => {
    const auth = request.headers.get('Authorization');
    seen.push(auth);
    const ok = auth !== null && accepted().includes(auth.replace('Bearer ', ''));
    const body = request.method === 'POST' ? await request.text() : '';
    return new Response(JSON.stringify(ok ? { ok: true, body } : { status: 401, title: 'Требуется вход' }), {
      status: ok ? 200 : 401,
      headers: { 'Content-Type': 'application/json' },
    });
  });
  return { fetchImpl, seen };
}

describe('AuthSession + createAuthFetch', () => {
  it('signs in, stores only the refresh token and sends the bearer token', async () => {
    const storage = memoryStorage();
    const issuer = fakeIssuer();
    const session = new AuthSession({ storage, issueToken: issuer.issueToken });
    await session.signIn('user', 'secret');
    expect(storage.getItem(REFRESH_TOKEN_KEY)).toBe('rt-1');
    const api = fakeApi(() => ['at-1']);
    const res = await createAuthFetch(session, api.fetchImpl)(new Request('http://x/api/v1/auth/me'));
    expect(res.status).toBe(200);
    expect(api.seen).toEqual(['Bearer at-1']);
  });

  it('rejects wrong credentials with ApiError 400 and keeps no session', async () => {
    const storage = memoryStorage();
    const session = new AuthSession({ storage, issueToken: fakeIssuer().issueToken });
    await expect(session.signIn('user', 'wrong')).rejects.toMatchObject({ status: 400 });
    expect(session.hasSession()).toBe(false);
  });

  it('after a reload refreshes first, using the stored refresh token', async () => {
    const storage = memoryStorage({ [REFRESH_TOKEN_KEY]: 'rt-0' });
    const issuer = fakeIssuer();
    const session = new AuthSession({ storage, issueToken: issuer.issueToken });
    const api = fakeApi(() => ['at-1']);
    const res = await createAuthFetch(session, api.fetchImpl)(new Request('http://x/api/v1/teachers'));
    expect(res.status).toBe(200);
    expect(issuer.calls).toEqual([{ grant_type: 'refresh_token', refresh_token: 'rt-0' }]);
    expect(storage.getItem(REFRESH_TOKEN_KEY)).toBe('rt-1');
  });

  it('on a 401 refreshes once and retries the request with its body', async () => {
    const storage = memoryStorage();
    const issuer = fakeIssuer();
    const session = new AuthSession({ storage, issueToken: issuer.issueToken });
    await session.signIn('user', 'secret'); // at-1 / rt-1
    const api = fakeApi(() => ['at-2']); // the server no longer accepts at-1
    const authFetch = createAuthFetch(session, api.fetchImpl);
    const res = await authFetch(new Request('http://x/api/v1/teachers', { method: 'POST', body: '{"last_name":"Иванова"}' }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, body: '{"last_name":"Иванова"}' });
    expect(api.seen).toEqual(['Bearer at-1', 'Bearer at-2']);
    expect(storage.getItem(REFRESH_TOKEN_KEY)).toBe('rt-2');
  });

  it('concurrent 401s share a single refresh (a rotated token is never reused)', async () => {
    const storage = memoryStorage();
    const issuer = fakeIssuer();
    const session = new AuthSession({ storage, issueToken: issuer.issueToken });
    await session.signIn('user', 'secret');
    const api = fakeApi(() => ['at-2']);
    const authFetch = createAuthFetch(session, api.fetchImpl);
    const results = await Promise.all([1, 2, 3].map((i) => authFetch(new Request(`http://x/api/v1/teachers?i=${i}`))));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(issuer.calls.filter((c) => c.grant_type === 'refresh_token')).toHaveLength(1);
  });

  it('a rejected refresh ends the session, tells listeners and returns the 401', async () => {
    const storage = memoryStorage();
    const issuer = fakeIssuer();
    const session = new AuthSession({ storage, issueToken: issuer.issueToken });
    await session.signIn('user', 'secret');
    issuer.setMode('reject');
    const ended = vi.fn();
    session.onEnd(ended);
    const res = await createAuthFetch(session, fakeApi(() => []).fetchImpl)(new Request('http://x/api/v1/teachers'));
    expect(res.status).toBe(401);
    expect(session.hasSession()).toBe(false);
    expect(storage.getItem(REFRESH_TOKEN_KEY)).toBeNull();
    expect(ended).toHaveBeenCalledWith('expired');
  });

  it('network errors and server failures during refresh keep the session', async () => {
    const storage = memoryStorage({ [REFRESH_TOKEN_KEY]: 'rt-0' });
    const issuer = fakeIssuer();
    const session = new AuthSession({ storage, issueToken: issuer.issueToken });
    const ended = vi.fn();
    session.onEnd(ended);
    issuer.setMode('offline');
    await expect(session.getAccessToken()).rejects.toBeInstanceOf(ApiError);
    issuer.setMode('down');
    await expect(session.getAccessToken()).rejects.toMatchObject({ status: 503 });
    expect(session.hasSession()).toBe(true);
    expect(ended).not.toHaveBeenCalled();
    issuer.setMode('ok');
    await expect(session.getAccessToken()).resolves.toBe('at-1');
  });

  it('403 and 500 responses do not touch the session', async () => {
    const storage = memoryStorage();
    const issuer = fakeIssuer();
    const session = new AuthSession({ storage, issueToken: issuer.issueToken });
    await session.signIn('user', 'secret');
    for (const status of [403, 404, 412, 500]) {
      const res = await createAuthFetch(session, async () => new Response('{}', { status }))(new Request('http://x/api/v1/users'));
      expect(res.status).toBe(status);
    }
    expect(session.hasSession()).toBe(true);
    expect(issuer.calls.filter((c) => c.grant_type === 'refresh_token')).toHaveLength(0);
  });

  it('refreshes proactively when the access token is about to expire', async () => {
    let now = 1_000_000;
    const storage = memoryStorage();
    const issuer = fakeIssuer();
    const session = new AuthSession({ storage, issueToken: issuer.issueToken, now: () => now });
    await session.signIn('user', 'secret');
    expect(await session.getAccessToken()).toBe('at-1');
    now += 890_000; // 10 s before expiry
    expect(await session.getAccessToken()).toBe('at-2');
  });

  it('signing out forgets the tokens', async () => {
    const storage = memoryStorage();
    const session = new AuthSession({ storage, issueToken: fakeIssuer().issueToken });
    await session.signIn('user', 'secret');
    const ended = vi.fn();
    session.onEnd(ended);
    session.end('signed-out');
    expect(session.hasSession()).toBe(false);
    expect(await session.getAccessToken()).toBeNull();
    expect(ended).toHaveBeenCalledWith('signed-out');
  });
});

describe('token endpoint errors (RFC 6749 §5.2 body with the problem fields)', () => {
  it('a wrong password answered by the real issuer is an ApiError 400 with the Russian message', async () => {
    const { createTokenIssuer } = await import('./client');
    const body = {
      error: 'invalid_grant',
      error_description: 'Неверный логин или пароль',
      type: 'about:blank',
      title: 'Неверные данные для входа',
      status: 400,
      code: 'invalid_grant',
      detail: 'Неверный логин или пароль',
    };
    const fetchImpl = vi.fn(
      async () =>
        new Response(JSON.stringify(body), { status: 400, headers: { 'Content-Type': 'application/json' } }),
    );
    const session = new AuthSession({ storage: memoryStorage(), issueToken: createTokenIssuer(fetchImpl) });
    const error = await session.signIn('teacher@x.ru', 'wrong').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(400);
    expect((error as ApiError).message).toBe('Неверный логин или пароль');
    expect(session.hasSession()).toBe(false);
  });
});
