import { describe, expect, it } from 'vitest';
import type { AreaBands, AreaChange } from './api';
import { bandParts, changeText, deficitShade, dominantBand, formatPercent, netChange } from './heatmap';

const cell = (over: Partial<AreaBands> = {}): AreaBands => ({
  area_code: 'subject',
  area_name: 'Предметная компетентность',
  total: 6,
  deficit: 2,
  partial: 1,
  none: 3,
  deficit_percent: 33.3,
  partial_percent: 16.7,
  none_percent: 50,
  ...over,
});

describe('band cells', () => {
  it('formats shares with a decimal comma', () => {
    expect(formatPercent(33.3)).toBe('33,3 %');
    expect(formatPercent(50)).toBe('50,0 %');
    expect(formatPercent(null)).toBe('—');
  });

  it('gives each band its count, share and words', () => {
    const parts = bandParts(cell());
    expect(parts?.map((p) => p.label)).toEqual(['дефицит: 2 (33,3 %)', 'частичный: 1 (16,7 %)', 'нет: 3 (50,0 %)']);
  });

  it('has no parts for a suppressed or empty cell', () => {
    const hidden = cell({ total: null, deficit: null, partial: null, none: null, deficit_percent: null, partial_percent: null, none_percent: null });
    expect(bandParts(hidden)).toBeNull();
    expect(bandParts(cell({ total: 0, deficit: 0, partial: 0, none: 0 }))).toBeNull();
    expect(deficitShade(hidden)).toBeUndefined();
  });

  it('finds the leading band, deficit first on a tie', () => {
    expect(dominantBand(cell())).toBe('none');
    expect(dominantBand(cell({ deficit: 3, none: 3 }))).toBe('deficit');
  });

  it('shades by the share in deficit', () => {
    expect(deficitShade(cell({ deficit_percent: 0 }))).toContain('green');
    expect(deficitShade(cell({ deficit_percent: 70 }))).toContain('red-3');
  });
});

describe('comparison', () => {
  const area: AreaChange = { area_code: 'subject', area_name: 'Предметная', improved: 3, same: 5, worse: 1 };
  it('says the change in words', () => {
    expect(changeText(area)).toBe('улучшение 3 · без изменений 5 · ухудшение 1');
    expect(netChange(area)).toBe(2);
  });
  it('says why a hidden group has no figures', () => {
    const hidden = { ...area, improved: null, same: null, worse: null };
    expect(changeText(hidden)).toBe('данные скрыты');
    expect(netChange(hidden)).toBeNull();
  });
});
