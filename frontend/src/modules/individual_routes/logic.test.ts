import { describe, expect, it } from 'vitest';
import { isOverdue, moscowToday, overdueText, planOf, progressView, type RouteRead } from './logic';

describe('progress and overdue as the screens show them', () => {
  it('progress: a label, a colour and a clamped value', () => {
    expect(progressView(0, 0)).toEqual({ label: '—', color: 'gray', value: 0 });
    expect(progressView(0, 4)).toEqual({ label: '0 %', color: 'gray', value: 0 });
    expect(progressView(50, 2)).toEqual({ label: '50 %', color: 'blue', value: 50 });
    expect(progressView(100, 3)).toEqual({ label: '100 %', color: 'green', value: 100 });
    expect(progressView(140, 3).value).toBe(100);
  });

  it('overdue: Russian plural forms, nothing for none', () => {
    expect(overdueText(0)).toBe('');
    expect(overdueText(1)).toBe('1 просроченное действие');
    expect(overdueText(3)).toBe('3 просроченных действия');
    expect(overdueText(5)).toBe('5 просроченных действий');
    expect(overdueText(11)).toBe('11 просроченных действий');
    expect(overdueText(21)).toBe('21 просроченное действие');
  });

  it('an action due today is not overdue; yesterday is; done never is', () => {
    expect(isOverdue('planned', '2026-12-02', '2026-12-02')).toBe(false);
    expect(isOverdue('planned', '2026-12-01', '2026-12-02')).toBe(true);
    expect(isOverdue('done', '2026-12-01', '2026-12-02')).toBe(false);
    expect(isOverdue('planned', null, '2026-12-02')).toBe(false);
  });

  it('today in Moscow: 22:30 UTC is already the next day there', () => {
    expect(moscowToday(new Date('2026-12-01T22:30:00Z'))).toBe('2026-12-02');
    expect(moscowToday(new Date('2026-12-01T20:30:00Z'))).toBe('2026-12-01');
  });
});

describe('the plan of a route', () => {
  it('keeps the ids of goals and actions (done actions keep their marks)', () => {
    const route = {
      title: 'ИОМ',
      note: null,
      goals: [
        {
          id: 'g1',
          area_code: 'methodical',
          text: 'Преодолеть дефицит',
          actions: [{ id: 'a1', kind: 'event', ref_id: 'e1', title: 'Семинар', deadline: '2027-01-10', status: 'done' }],
        },
      ],
    } as unknown as RouteRead;
    expect(planOf(route)).toEqual({
      title: 'ИОМ',
      note: null,
      goals: [
        {
          id: 'g1',
          area_code: 'methodical',
          text: 'Преодолеть дефицит',
          actions: [{ id: 'a1', kind: 'event', ref_id: 'e1', title: 'Семинар', deadline: '2027-01-10' }],
        },
      ],
    });
  });
});
