import { describe, expect, it } from 'vitest';
import { filenameFrom } from './queries';

describe('export file names', () => {
  it('prefers the Russian name from filename*', () => {
    const header = `attachment; filename="teachers-2026-11-23.xlsx"; filename*=UTF-8''${encodeURIComponent('Педагоги 23.11.2026.xlsx')}`;
    expect(filenameFrom(header)).toBe('Педагоги 23.11.2026.xlsx');
  });
  it('falls back to the plain name, or null', () => {
    expect(filenameFrom('attachment; filename="teachers.csv"')).toBe('teachers.csv');
    expect(filenameFrom(null)).toBeNull();
  });
});
