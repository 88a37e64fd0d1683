/** What the calendar and the series list keep in the URL (filters, view, month, sort, paging) and the API queries. */
import { compact, DEFAULT_LIMIT, int, oneOf, str, strList } from '../../lib/search';
import type { CalendarQuery, EventLevel, EventQuery, EventStatus, EventType, SeriesQuery } from './api';
import { gridWindow, isAcademicYear, isMonth } from './calendar';

export const EVENT_TYPES = [
  'seminar',
  'webinar',
  'pds_session',
  'conference',
  'master_class',
  'round_table',
  'consultation',
  'contest',
  'project',
  'course',
] as const satisfies readonly EventType[];
export const EVENT_LEVELS = [
  'school',
  'municipal',
  'inter_municipal',
  'regional',
  'inter_regional',
  'federal',
  'international',
] as const satisfies readonly EventLevel[];
export const EVENT_STATUSES = ['planned', 'held', 'cancelled'] as const satisfies readonly EventStatus[];
export const EVENT_FORMATS = ['offline', 'online', 'mixed'] as const;
export const EVENT_SORTS = ['start_date', '-start_date', 'title', 'level'] as const;
export const VIEWS = ['month', 'list'] as const;
export const ROLES = ['listener', 'speaker', 'organizer', 'jury', 'contestant'] as const;
export const RESULTS = ['winner', 'prize_winner', 'participant'] as const;
export const ATTENDANCE = ['registered', 'attended', 'absent'] as const;
export const AWARD_KINDS = ['letter_of_thanks', 'diploma', 'honorary_certificate'] as const;

export type EventsSearch = {
  view?: (typeof VIEWS)[number];
  /** `YYYY-MM`; the current month when absent. */
  month?: string;
  type?: EventType[];
  level?: EventLevel[];
  status?: EventStatus[];
  organizer?: string;
  /** Academic year «2022/2023». */
  year?: string;
  sort?: (typeof EVENT_SORTS)[number];
  offset?: number;
  limit?: number;
};

const listOf = <const T extends string>(value: unknown, allowed: readonly T[]): T[] | undefined => {
  const list = (strList(value) ?? []).map((v) => oneOf(v, allowed)).filter((v): v is T => v !== undefined);
  return list.length ? list : undefined;
};

export function parseEventsSearch(raw: Record<string, unknown>): EventsSearch {
  const month = str(raw.month);
  const year = str(raw.year);
  return compact({
    view: oneOf(raw.view, VIEWS),
    month: isMonth(month) ? month : undefined,
    type: listOf(raw.type, EVENT_TYPES),
    level: listOf(raw.level, EVENT_LEVELS),
    status: listOf(raw.status, EVENT_STATUSES),
    organizer: str(raw.organizer),
    year: isAcademicYear(year) ? year : undefined,
    sort: oneOf(raw.sort, EVENT_SORTS),
    offset: int(raw.offset),
    limit: int(raw.limit, { min: 1, max: 200 }),
  });
}

/** The filters both views share (and the export). */
function filters(s: EventsSearch, q?: string) {
  return compact({
    q,
    type: s.type,
    level: s.level,
    status: s.status,
    organizer_organization_id: s.organizer,
    period: s.year,
  });
}

/** The list's order unless chosen: an academic year in calendar order, all years newest first. */
export function defaultEventSort(s: EventsSearch): (typeof EVENT_SORTS)[number] {
  return s.year ? 'start_date' : '-start_date';
}

/** The list view: a page of the event list. */
export function toEventQuery(s: EventsSearch, q?: string): EventQuery {
  return compact({
    ...filters(s, q),
    sort: s.sort ?? defaultEventSort(s),
    limit: s.limit ?? DEFAULT_LIMIT,
    offset: s.offset ?? 0,
  });
}

/** The month view: every event going on in the weeks the grid shows. */
export function toCalendarQuery(s: EventsSearch, month: string, q?: string): CalendarQuery {
  const { from, to } = gridWindow(month);
  return { ...filters(s, q), from, to };
}

/** Whether any filter (not the view, month, sort or paging) is set. */
export function hasEventFilters(s: EventsSearch): boolean {
  return Boolean(s.type || s.level || s.status || s.organizer || s.year);
}

// --- series -----------------------------------------------------------------------------------------------------

export const SERIES_SORTS = ['-academic_year', 'title', '-order_date', '-created_at'] as const;

export type SeriesSearch = { year?: string; sort?: (typeof SERIES_SORTS)[number]; offset?: number; limit?: number };

export function parseSeriesSearch(raw: Record<string, unknown>): SeriesSearch {
  const year = str(raw.year);
  return compact({
    year: isAcademicYear(year) ? year : undefined,
    sort: oneOf(raw.sort, SERIES_SORTS),
    offset: int(raw.offset),
    limit: int(raw.limit, { min: 1, max: 200 }),
  });
}

export function toSeriesQuery(s: SeriesSearch, q?: string): SeriesQuery {
  return compact({
    q,
    academic_year: s.year,
    sort: s.sort ?? '-academic_year',
    limit: s.limit ?? DEFAULT_LIMIT,
    offset: s.offset ?? 0,
  });
}
