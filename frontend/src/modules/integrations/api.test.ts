import { afterEach, describe, expect, it, vi } from 'vitest';
import { archiveClient, rotateClientSecret, setClientActive } from './api';

// Every write sends the ETag of the version on screen, in ONE request: re-reading the record just before the write
// (as before) would always send the newest ETag and hide a concurrent change that the 412 must report.
describe('integrations writes send the ETag of the row on screen', () => {
  const calls: Request[] = [];
  afterEach(() => {
    calls.length = 0;
    vi.unstubAllGlobals();
  });
  function stubFetch(status: number, body: unknown) {
    vi.stubGlobal('fetch', async (request: Request) => {
      calls.push(request);
      return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ETag: '"9"' } });
    });
  }
  const onScreen = { id: '00000000-0000-4000-8000-000000000001', version: 3 };

  it.each([
    ['rotate', () => rotateClientSecret(onScreen), 'POST', /rotate-secret$/],
    ['switch off', () => setClientActive(onScreen, false), 'PATCH', /clients\/[0-9a-f-]+$/],
    ['archive', () => archiveClient(onScreen, 'больше не нужна'), 'POST', /archive$/],
  ])('%s: If-Match "3", no GET before', async (_name, write, method, path) => {
    stubFetch(200, { id: onScreen.id });
    await write();
    expect(calls).toHaveLength(1);
    expect(calls[0]!.method).toBe(method);
    expect(calls[0]!.url).toMatch(path);
    expect(calls[0]!.headers.get('If-Match')).toBe('"3"');
  });

  it('a concurrent change answers 412 with the Russian message', async () => {
    stubFetch(412, { status: 412, title: 'Precondition Failed', detail: 'Запись изменена другим пользователем', code: 'stale' });
    await expect(setClientActive(onScreen, true)).rejects.toMatchObject({ status: 412 });
  });
});
