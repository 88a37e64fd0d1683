import { afterEach, describe, expect, it, vi } from 'vitest';
import { archiveOrganization, updateOrganization } from '../modules/organizations/api';
import { archiveTeacher, updateTeacher } from '../modules/teachers/api';
import { archiveUser, updateUser } from '../modules/users/api';
import { updateMunicipality } from '../modules/municipality/api';

// Archive, user changes (and integration writes, see integrations/api.test.ts) require If-Match: without it the API
// answers 428. Every write sends the ETag of the version the screen shows, never a fresh read nor no header at all.
describe('writes send If-Match with the version on screen', () => {
  const calls: Request[] = [];
  afterEach(() => {
    calls.length = 0;
    vi.unstubAllGlobals();
  });
  const onScreen = { id: '00000000-0000-4000-8000-000000000001', version: 3 };

  it.each([
    ['archive an organization', () => archiveOrganization(onScreen, 'реорганизация'), 'POST', /organizations\/[0-9a-f-]+\/archive$/],
    ['save an organization', () => updateOrganization(onScreen, { name: 'Школа' }), 'PATCH', /organizations\/[0-9a-f-]+$/],
    ['archive a teacher', () => archiveTeacher(onScreen, 'увольнение'), 'POST', /teachers\/[0-9a-f-]+\/archive$/],
    ['save a teacher', () => updateTeacher(onScreen, { phone: '+7 900 000-00-00' }), 'PATCH', /teachers\/[0-9a-f-]+$/],
    ['archive a user', () => archiveUser(onScreen, 'увольнение'), 'POST', /users\/[0-9a-f-]+\/archive$/],
    ['switch a user off', () => updateUser(onScreen, { is_active: false }), 'PATCH', /users\/[0-9a-f-]+$/],
    ['save a municipality', () => updateMunicipality(onScreen, { young_rule: 'and' }), 'PATCH', /municipalities\/[0-9a-f-]+$/],
  ])('%s: If-Match "3", one request', async (_name, write, method, path) => {
    vi.stubGlobal('fetch', async (request: Request) => {
      calls.push(request);
      return new Response(JSON.stringify({ id: onScreen.id }), { status: 200, headers: { 'Content-Type': 'application/json', ETag: '"4"' } });
    });
    await write();
    expect(calls).toHaveLength(1);
    expect(calls[0]!.method).toBe(method);
    expect(calls[0]!.url).toMatch(path);
    expect(calls[0]!.headers.get('If-Match')).toBe('"3"');
  });
});
