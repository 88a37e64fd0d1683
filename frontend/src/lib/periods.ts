/**
 * Academic years as the API's `period` filter takes them: «2024/2025» runs 1 September 2024 – 31 August 2025
 * (app/core/periods.py). Dates are ISO `YYYY-MM-DD` strings of the local calendar.
 */
import dayjs from 'dayjs';
import customParseFormat from 'dayjs/plugin/customParseFormat';

dayjs.extend(customParseFormat);

const ACADEMIC_YEAR_START_MONTH = 8; // September, 0-based
const ACADEMIC_YEAR_RE = /^(\d{4})\/(\d{4})$/;

/** Today as `YYYY-MM-DD` (local calendar, never shifted by the time zone). */
export function todayIso(now: Date = new Date()): string {
  return dayjs(now).format('YYYY-MM-DD');
}

/** The calendar year the academic year of `on` starts in: 2024 for any day from 01.09.2024 to 31.08.2025. */
export function academicYearStart(on: Date = new Date()): number {
  return on.getMonth() >= ACADEMIC_YEAR_START_MONTH ? on.getFullYear() : on.getFullYear() - 1;
}

/** «2024/2025» for 2024. */
export function academicYearLabel(start: number): string {
  return `${start}/${start + 1}`;
}

/** The academic year of `on` and the `count - 1` before it, newest first (a list filter's choices). */
export function recentAcademicYears(count = 6, on: Date = new Date()): string[] {
  const current = academicYearStart(on);
  return Array.from({ length: count }, (_, i) => academicYearLabel(current - i));
}

/** A URL's `period` kept only when it is a real academic year («2024/2025»); anything else is dropped. */
export function parseAcademicYear(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const m = ACADEMIC_YEAR_RE.exec(value.trim());
  if (!m) return undefined;
  const first = Number(m[1]);
  return Number(m[2]) === first + 1 && first >= 1990 && first < 2100 ? academicYearLabel(first) : undefined;
}

/** A URL's date kept only when it is a real `YYYY-MM-DD` date. */
export function parseIsoDate(value: unknown): string | undefined {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
  return dayjs(value, 'YYYY-MM-DD', true).isValid() ? value : undefined;
}
