import { academicYearLabel, academicYearStart, parseAcademicYear, parseIsoDate, recentAcademicYears, todayIso } from './periods';

describe('academic years', () => {
  it('start on 1 September: 31 August still belongs to the year before', () => {
    expect(academicYearStart(new Date(2025, 7, 31))).toBe(2024);
    expect(academicYearStart(new Date(2025, 8, 1))).toBe(2025);
    expect(academicYearStart(new Date(2026, 0, 15))).toBe(2025);
    expect(academicYearLabel(2025)).toBe('2025/2026');
  });

  it('recent years are listed newest first', () => {
    expect(recentAcademicYears(3, new Date(2026, 1, 1))).toEqual(['2025/2026', '2024/2025', '2023/2024']);
  });

  it('a hand-edited URL keeps only real academic years and dates', () => {
    expect(parseAcademicYear('2024/2025')).toBe('2024/2025');
    expect(parseAcademicYear('2024/2026')).toBeUndefined();
    expect(parseAcademicYear('2024')).toBeUndefined();
    expect(parseAcademicYear(2024)).toBeUndefined();
    expect(parseIsoDate('2026-02-28')).toBe('2026-02-28');
    expect(parseIsoDate('2026-02-30')).toBeUndefined();
    expect(parseIsoDate('28.02.2026')).toBeUndefined();
  });

  it('today is the local calendar day', () => {
    expect(todayIso(new Date(2026, 0, 5, 23, 30))).toBe('2026-01-05');
  });
});
