/**
 * Calendar arithmetic of the events module, on plain ISO dates (`YYYY-MM-DD`, months `YYYY-MM`) so no time zone can
 * move an event to another day: the month grid (weeks from Monday), events placed on the days they go on, academic
 * years (1 September – 31 August) and the Russian date/time ranges the calendar shows.
 */
import dayjs from 'dayjs';
import customParseFormat from 'dayjs/plugin/customParseFormat';

dayjs.extend(customParseFormat);

const ISO = 'YYYY-MM-DD';
const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;
const YEAR_RE = /^(\d{4})\/(\d{4})$/;

const day = (iso: string) => dayjs(iso, ISO, true);

export type CalendarDay = {
  /** `YYYY-MM-DD` */
  iso: string;
  /** Day of the month, 1–31. */
  day: number;
  /** Belongs to the month shown (the first and last weeks carry days of the neighbours). */
  inMonth: boolean;
  isToday: boolean;
  /** 0 = Monday … 6 = Sunday. */
  weekday: number;
};

export function isMonth(value: unknown): value is string {
  return typeof value === 'string' && MONTH_RE.test(value);
}

export function monthOf(iso: string): string {
  return iso.slice(0, 7);
}

export function todayIso(): string {
  return dayjs().format(ISO);
}

export function currentMonth(): string {
  return monthOf(todayIso());
}

/** The month `delta` months after `month` (negative: before). */
export function shiftMonth(month: string, delta: number): string {
  return day(`${month}-01`).add(delta, 'month').format('YYYY-MM');
}

/** Monday-first weekday, 0–6. */
function weekdayOf(d: dayjs.Dayjs): number {
  return (d.day() + 6) % 7;
}

/** The weeks (Monday to Sunday) that cover the month: 4 to 6 rows of 7 days. */
export function monthGrid(month: string, today: string = todayIso()): CalendarDay[][] {
  const first = day(`${month}-01`);
  const start = first.subtract(weekdayOf(first), 'day');
  const last = first.endOf('month').startOf('day');
  const end = last.add(6 - weekdayOf(last), 'day');
  const weeks: CalendarDay[][] = [];
  for (let d = start; !d.isAfter(end); d = d.add(1, 'day')) {
    if (weekdayOf(d) === 0) weeks.push([]);
    const iso = d.format(ISO);
    weeks[weeks.length - 1]?.push({
      iso,
      day: d.date(),
      inMonth: d.month() === first.month(),
      isToday: iso === today,
      weekday: weekdayOf(d),
    });
  }
  return weeks;
}

/** First and last day of the month grid (what the calendar asks the API for). */
export function gridWindow(month: string): { from: string; to: string } {
  const weeks = monthGrid(month);
  const from = weeks[0]?.[0]?.iso ?? `${month}-01`;
  const lastWeek = weeks[weeks.length - 1] ?? [];
  const to = lastWeek[lastWeek.length - 1]?.iso ?? `${month}-28`;
  return { from, to };
}

/** First and last day of the month itself. */
export function monthWindow(month: string): { from: string; to: string } {
  const first = day(`${month}-01`);
  return { from: first.format(ISO), to: first.endOf('month').format(ISO) };
}

type Dated = { start_date: string; end_date?: string | null; start_time?: string | null; title: string };

/** Earlier time first, events without a time (all day) before timed ones, then by title. */
export function compareEvents(a: Dated, b: Dated): number {
  const at = a.start_time ?? '';
  const bt = b.start_time ?? '';
  if (at !== bt) return at < bt ? -1 : 1;
  return a.title.localeCompare(b.title, 'ru');
}

/**
 * The events of each day from `from` to `to`: a multi-day event is on every day it goes on (inside the window),
 * each day's list in time order.
 */
export function eventsByDay<T extends Dated>(items: readonly T[], from: string, to: string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const start = item.start_date < from ? from : item.start_date;
    const endRaw = item.end_date && item.end_date > item.start_date ? item.end_date : item.start_date;
    const end = endRaw > to ? to : endRaw;
    if (start > end) continue;
    for (let d = day(start); !d.isAfter(day(end)); d = d.add(1, 'day')) {
      const iso = d.format(ISO);
      const list = out.get(iso);
      if (list) list.push(item);
      else out.set(iso, [item]);
    }
  }
  for (const list of out.values()) list.sort(compareEvents);
  return out;
}

// --- academic years ---------------------------------------------------------------------------------------------

export function isAcademicYear(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = YEAR_RE.exec(value);
  return Boolean(m && Number(m[2]) === Number(m[1]) + 1);
}

/** «2022/2023» for any day from 1 September 2022 to 31 August 2023. */
export function academicYearOf(iso: string): string {
  const d = day(iso);
  const start = d.month() >= 8 ? d.year() : d.year() - 1;
  return `${start}/${start + 1}`;
}

export function academicYearStart(year: string): number {
  return Number(year.slice(0, 4));
}

/** Whether a month lies inside an academic year (September … August). */
export function monthInAcademicYear(month: string, year: string): boolean {
  return academicYearOf(`${month}-01`) === year;
}

/** The month to show for an academic year: the current one if inside it, else its September. */
export function monthForAcademicYear(year: string, current: string = currentMonth()): string {
  return monthInAcademicYear(current, year) ? current : `${academicYearStart(year)}-09`;
}

/** Academic years around today's, newest first: `back` years before, `ahead` after. */
export function academicYearOptions(today: string = todayIso(), back = 5, ahead = 1): string[] {
  const current = academicYearStart(academicYearOf(today));
  const out: string[] = [];
  for (let y = current + ahead; y >= current - back; y -= 1) out.push(`${y}/${y + 1}`);
  return out;
}

// --- Russian ranges ---------------------------------------------------------------------------------------------

/** `10:00:00` → `10:00`. */
export function shortTime(value: string | null | undefined): string {
  return value ? value.slice(0, 5) : '';
}

/** «10:00–15:00», «10:00», or '' without a time. */
export function timeRange(start: string | null | undefined, end: string | null | undefined): string {
  const s = shortTime(start);
  const e = shortTime(end);
  if (!s) return '';
  return e && e !== s ? `${s}–${e}` : s;
}

const ruDate = (iso: string) => day(iso).format('DD.MM.YYYY');

/** «20.04.2022» or «20.04.2022 – 22.04.2022». */
export function dateRange(start: string, end: string | null | undefined): string {
  return end && end !== start ? `${ruDate(start)} – ${ruDate(end)}` : ruDate(start);
}

/** «20.04.2022, 10:00–15:00». */
export function whenText(e: { start_date: string; end_date?: string | null; start_time?: string | null; end_time?: string | null }): string {
  const time = timeRange(e.start_time, e.end_time);
  return time ? `${dateRange(e.start_date, e.end_date)}, ${time}` : dateRange(e.start_date, e.end_date);
}
