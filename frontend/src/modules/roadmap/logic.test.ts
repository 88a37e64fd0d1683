import { describe, expect, it } from 'vitest';
import { academicYears, barLayout, currentOccurrence, formatPercent, monthIndex, parseLinks, scheduleBadge, statusLabel } from './logic';

const months = ['2020-09-01', '2020-10-01', '2020-11-01', '2020-12-01', '2021-01-01'];

describe('timeline month layout', () => {
  it('finds the month of a date', () => {
    expect(monthIndex(months, '2020-11-15')).toBe(2);
    expect(monthIndex(months, '2022-01-01')).toBe(-1);
  });
  it('lays a window over its months', () => {
    expect(barLayout(months, '2020-10-01', '2020-11-30')).toEqual({ start: 1, span: 2 });
    expect(barLayout(months, '2020-09-10', '2020-09-10')).toEqual({ start: 0, span: 1 });
  });
  it('clamps a window crossing the interval and drops one outside', () => {
    expect(barLayout(months, '2020-06-01', '2020-10-31')).toEqual({ start: 0, span: 2 });
    expect(barLayout(months, '2020-12-01', '2021-06-30')).toEqual({ start: 3, span: 2 });
    expect(barLayout(months, '2021-03-01', '2021-04-30')).toBeNull();
    expect(barLayout([], '2021-03-01', '2021-04-30')).toBeNull();
  });
  it('lists the academic years of a period', () => {
    expect(academicYears('2020-08-01', '2022-12-31')).toEqual([2019, 2020, 2021, 2022]);
    expect(academicYears('2025-09-01', '2027-08-31')).toEqual([2025, 2026]);
  });
});

describe('status labels', () => {
  it('says each status in Russian', () => {
    expect(statusLabel('done')).toBe('Выполнено');
    expect(statusLabel('overdue')).toBe('Просрочено');
    expect(statusLabel(null)).toBe('Без сроков');
  });
  it('formats percentages', () => {
    expect(formatPercent(33.333)).toBe('33,3 %');
    expect(formatPercent(null)).toBe('—');
  });
});

describe('schedule badge', () => {
  it('flags an unparsed timeframe', () => {
    expect(scheduleBadge({ kind: 'unparsed', needs_review: true })).toMatchObject({ label: 'Нужно указать сроки', needsReview: true });
  });
  it('describes a yearly recurrence', () => {
    expect(scheduleBadge({ kind: 'recurring', rrule: 'FREQ=YEARLY;BYMONTH=4', needs_review: false }).label).toBe('Повторяется ежегодно, апрель');
  });
  it('describes a single due date and a continuous one set by hand', () => {
    expect(scheduleBadge({ kind: 'once', due_on: '2020-09-30', needs_review: false }).label).toBe('Срок до 30.09.2020');
    expect(scheduleBadge({ kind: 'continuous', needs_review: false, set_by_hand: true }).label).toBe('Постоянно (задано вручную)');
  });
});

describe('helpers', () => {
  it('splits links and finds the bad ones', () => {
    expect(parseLinks('https://a.ru\n\n ftp://b \n')).toEqual({ links: ['https://a.ru', 'ftp://b'], bad: ['ftp://b'] });
  });
  it('picks the current occurrence', () => {
    const occ = [
      { starts_on: '2021-04-01', due_on: '2021-04-30', status: 'done' },
      { starts_on: '2022-04-01', due_on: '2022-04-30', status: 'planned' },
    ];
    expect(currentOccurrence(occ, '2021-06-01')).toBe(occ[1]);
    expect(currentOccurrence(occ, '2021-04-10')).toBe(occ[0]);
    expect(currentOccurrence([], '2021-04-10')).toBeNull();
  });
});
