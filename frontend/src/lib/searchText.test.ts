import { describe, expect, it } from 'vitest';
import { act, renderHook } from '@testing-library/react';
import { session } from '../api/client';
import { REFRESH_TOKEN_KEY } from '../api/session';
import { getSearchText, setSearchText, useSearchText } from './searchText';

describe('search text kept out of the URL', () => {
  it('is shared by the screens of one list, trimmed, and never written to the address or storage', () => {
    const first = renderHook(() => useSearchText('teachers'));
    act(() => first.result.current[1]('  Фёдорова '));
    expect(first.result.current[0]).toBe('Фёдорова');
    // Going to a card and back mounts the list again: the text is still there.
    first.unmount();
    const again = renderHook(() => useSearchText('teachers'));
    expect(again.result.current[0]).toBe('Фёдорова');
    expect(getSearchText('organizations')).toBeUndefined();
    expect(window.location.href).not.toContain(encodeURIComponent('Фёдорова'));
    expect(JSON.stringify({ ...sessionStorage })).not.toContain('Фёдорова');
    expect(JSON.stringify({ ...localStorage })).not.toContain('Фёдорова');
    act(() => again.result.current[1](''));
    expect(again.result.current[0]).toBeUndefined();
  });

  it('is forgotten when the session ends (the next person in this tab does not see it)', () => {
    setSearchText('users', 'Сидорова');
    setSearchText('organizations', 'Гимназия');
    localStorage.setItem(REFRESH_TOKEN_KEY, 'a-signed-in-session');
    session.end('signed-out');
    expect(getSearchText('users')).toBeUndefined();
    expect(getSearchText('organizations')).toBeUndefined();
  });
});
