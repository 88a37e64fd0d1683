import { describe, expect, it } from 'vitest';
import { KIND_COLORS, dateRange, formatHours } from './GrowthSection';
import { t } from './messages';

describe('growth section', () => {
  it('shows hours the Russian way, nothing for none', () => {
    expect(formatHours(72)).toBe('72');
    expect(formatHours(1.5)).toBe('1,5');
    expect(formatHours(109.49999)).toBe('109,5');
    expect(formatHours(null)).toBe('');
    expect(formatHours(0)).toBe('');
  });
  it('shows a period as ДД.ММ.ГГГГ – ДД.ММ.ГГГГ and a single day once', () => {
    expect(dateRange('2024-07-19', '2024-08-24')).toBe('19.07.2024 – 24.08.2024');
    expect(dateRange('2024-07-19', '2024-07-19')).toBe('19.07.2024');
    expect(dateRange('2024-07-19')).toBe('19.07.2024');
  });
  it('names every kind of record in Russian, the practice bank, associations and help among them', () => {
    for (const kind of Object.keys(KIND_COLORS)) {
      expect(t.teachers.growth.kinds[kind]).toMatch(/^[А-ЯЁ]/);
    }
    expect(Object.keys(KIND_COLORS)).toEqual(expect.arrayContaining(['practice', 'association', 'help']));
    expect(t.teachers.growth.empty).toContain('методических объединениях');
  });
});
