import { afterEach, describe, expect, it, vi } from 'vitest';
import { archiveCourse, courseImportForm, updateCourse } from './api';

describe('course writes send If-Match with the version on screen', () => {
  const calls: Request[] = [];
  afterEach(() => {
    calls.length = 0;
    vi.unstubAllGlobals();
  });
  const onScreen = { id: '00000000-0000-4000-8000-000000000001', version: 5 };

  it.each([
    ['save', () => updateCourse(onScreen, { hours: 72 }), 'PATCH', /courses\/[0-9a-f-]+$/],
    ['archive', () => archiveCourse(onScreen, 'внесён ошибочно'), 'POST', /courses\/[0-9a-f-]+\/archive$/],
  ])('%s: If-Match "5"', async (_name, write, method, path) => {
    vi.stubGlobal('fetch', async (request: Request) => {
      calls.push(request);
      return new Response(JSON.stringify({ id: onScreen.id }), { status: 200, headers: { 'Content-Type': 'application/json' } });
    });
    await write();
    expect(calls).toHaveLength(1);
    expect(calls[0]!.method).toBe(method);
    expect(calls[0]!.url).toMatch(path);
    expect(calls[0]!.headers.get('If-Match')).toBe('"5"');
  });
});

describe('the import form', () => {
  const file = new File(['ФИО;Программа'], 'список.csv', { type: 'text/csv' });

  it('sends a provider from the dictionary without a name, and the organization instead of the municipality', () => {
    const form = courseImportForm({
      file,
      organizationId: 'o1',
      municipalityId: 'm1',
      providerOrganizationId: 'p1',
      providerName: 'не отправляется',
      providerStateOwned: false,
      dryRun: true,
    });
    expect(form.get('organization_id')).toBe('o1');
    expect(form.get('municipality_id')).toBeNull();
    expect(form.get('provider_organization_id')).toBe('p1');
    expect(form.get('provider_name')).toBeNull();
    expect(form.get('provider_state_owned')).toBeNull();
    expect(form.get('dry_run')).toBe('true');
    expect(form.get('skip_invalid')).toBe('false');
    expect((form.get('file') as File).name).toBe('список.csv');
  });

  it('a provider typed by name goes with its ownership; nothing unset is sent', () => {
    const form = courseImportForm({ file, providerName: ' КОИРО ', providerStateOwned: true, dryRun: false, skipInvalid: true });
    expect(form.get('provider_name')).toBe('КОИРО');
    expect(form.get('provider_state_owned')).toBe('true');
    expect(form.get('organization_id')).toBeNull();
    expect(form.get('skip_invalid')).toBe('true');
    expect(courseImportForm({ file, providerName: '', providerStateOwned: false, dryRun: true }).get('provider_state_owned')).toBe('false');
  });
});
