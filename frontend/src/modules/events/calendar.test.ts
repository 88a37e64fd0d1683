import {
  academicYearOf,
  academicYearOptions,
  dateRange,
  eventsByDay,
  gridWindow,
  isAcademicYear,
  isMonth,
  monthForAcademicYear,
  monthGrid,
  monthInAcademicYear,
  shiftMonth,
  timeRange,
  whenText,
} from './calendar';

describe('monthGrid', () => {
  it('covers the month with Monday-first weeks, neighbours marked out of the month', () => {
    // April 2022 starts on a Friday and ends on a Saturday.
    const weeks = monthGrid('2022-04', '2022-04-20');
    expect(weeks).toHaveLength(5);
    expect(weeks.every((w) => w.length === 7)).toBe(true);
    expect(weeks[0]?.[0]).toMatchObject({ iso: '2022-03-28', inMonth: false, weekday: 0 });
    expect(weeks[0]?.[4]).toMatchObject({ iso: '2022-04-01', day: 1, inMonth: true, weekday: 4 });
    expect(weeks[4]?.[6]).toMatchObject({ iso: '2022-05-01', inMonth: false, weekday: 6 });
    const today = weeks.flat().filter((d) => d.isToday);
    expect(today.map((d) => d.iso)).toEqual(['2022-04-20']);
  });

  it('gives four rows to a February that starts on Monday and six to a long month starting on Sunday', () => {
    expect(monthGrid('2021-02')).toHaveLength(4); // 1 Feb 2021 is a Monday, 28 days
    expect(monthGrid('2022-05')).toHaveLength(6); // 1 May 2022 is a Sunday, 31 days
  });

  it('handles leap years and the turn of the year', () => {
    const feb = monthGrid('2024-02').flat().filter((d) => d.inMonth);
    expect(feb).toHaveLength(29);
    expect(gridWindow('2022-01')).toEqual({ from: '2021-12-27', to: '2022-02-06' });
    expect(gridWindow('2021-12')).toEqual({ from: '2021-11-29', to: '2022-01-02' });
  });
});

describe('months', () => {
  it('shifts across years and validates', () => {
    expect(shiftMonth('2022-01', -1)).toBe('2021-12');
    expect(shiftMonth('2021-12', 1)).toBe('2022-01');
    expect(shiftMonth('2022-01', 14)).toBe('2023-03');
    expect(isMonth('2022-13')).toBe(false);
    expect(isMonth('2022-1')).toBe(false);
    expect(isMonth('2022-09')).toBe(true);
  });
});

describe('eventsByDay', () => {
  const e = (title: string, start_date: string, end_date: string | null = null, start_time: string | null = null) => ({
    title,
    start_date,
    end_date,
    start_time,
  });

  it('puts a multi-day event on each of its days inside the window, each day in time order', () => {
    const items = [
      e('Конференция', '2022-03-30', '2022-04-02', '10:00:00'),
      e('Семинар', '2022-04-01', null, '09:00:00'),
      e('Конкурс без времени', '2022-04-01'),
    ];
    const byDay = eventsByDay(items, '2022-03-31', '2022-04-30');
    expect(byDay.has('2022-03-30')).toBe(false); // before the window
    expect(byDay.get('2022-03-31')?.map((x) => x.title)).toEqual(['Конференция']);
    expect(byDay.get('2022-04-01')?.map((x) => x.title)).toEqual(['Конкурс без времени', 'Семинар', 'Конференция']);
    expect(byDay.get('2022-04-02')?.map((x) => x.title)).toEqual(['Конференция']);
    expect(byDay.has('2022-04-03')).toBe(false);
  });

  it('ignores an end before the start and events outside the window', () => {
    const byDay = eventsByDay([e('A', '2022-04-05', '2022-04-01'), e('B', '2022-06-01')], '2022-04-01', '2022-04-30');
    expect([...byDay.keys()]).toEqual(['2022-04-05']);
  });
});

describe('academic years', () => {
  it('runs from 1 September to 31 August', () => {
    expect(academicYearOf('2022-08-31')).toBe('2021/2022');
    expect(academicYearOf('2022-09-01')).toBe('2022/2023');
    expect(academicYearOf('2023-01-15')).toBe('2022/2023');
    expect(monthInAcademicYear('2022-05', '2021/2022')).toBe(true);
    expect(monthInAcademicYear('2022-09', '2021/2022')).toBe(false);
  });

  it('validates «2021/2022» and picks the month to show', () => {
    expect(isAcademicYear('2021/2022')).toBe(true);
    expect(isAcademicYear('2021/2023')).toBe(false);
    expect(isAcademicYear('2021-2022')).toBe(false);
    expect(monthForAcademicYear('2021/2022', '2022-03')).toBe('2022-03');
    expect(monthForAcademicYear('2021/2022', '2024-03')).toBe('2021-09');
  });

  it('offers the years around today, newest first', () => {
    expect(academicYearOptions('2024-10-01', 2, 1)).toEqual(['2025/2026', '2024/2025', '2023/2024', '2022/2023']);
  });
});

describe('Russian ranges', () => {
  it('formats times and dates', () => {
    expect(timeRange('10:00:00', '15:00:00')).toBe('10:00–15:00');
    expect(timeRange('10:00:00', null)).toBe('10:00');
    expect(timeRange(null, null)).toBe('');
    expect(dateRange('2022-04-20', null)).toBe('20.04.2022');
    expect(dateRange('2022-04-20', '2022-04-22')).toBe('20.04.2022 – 22.04.2022');
    expect(whenText({ start_date: '2022-04-20', start_time: '10:00:00', end_time: '15:00:00' })).toBe(
      '20.04.2022, 10:00–15:00',
    );
  });
});
