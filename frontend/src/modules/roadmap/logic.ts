/** Pure helpers of the roadmap screens: the timeline's month layout, status labels, the schedule badge. */
import { formatDate } from '../../lib/format';
import { roadmap as m } from './messages';

export type ScheduleLike = {
  kind: string;
  starts_on?: string | null;
  due_on?: string | null;
  rrule?: string | null;
  needs_review: boolean;
  set_by_hand?: boolean;
};

/** «2021-04» of an ISO date. */
const monthKey = (iso: string) => iso.slice(0, 7);

/** The column of the month holding `iso` among the interval's months (first days), or -1 outside. */
export function monthIndex(months: readonly string[], iso: string): number {
  const key = monthKey(iso);
  return months.findIndex((mm) => monthKey(mm) === key);
}

/** Where a window's bar sits on the timeline: first column and how many columns it spans, clamped to the
 * interval; null when the window lies wholly outside it. */
export function barLayout(months: readonly string[], startsOn: string, dueOn: string): { start: number; span: number } | null {
  if (!months.length) return null;
  const first = monthKey(months[0]!);
  const last = monthKey(months[months.length - 1]!);
  const from = monthKey(startsOn <= dueOn ? startsOn : dueOn);
  const to = monthKey(startsOn <= dueOn ? dueOn : startsOn);
  if (to < first || from > last) return null;
  const start = from < first ? 0 : monthIndex(months, from + '-01');
  const end = to > last ? months.length - 1 : monthIndex(months, to + '-01');
  if (start < 0 || end < 0) return null;
  return { start, span: end - start + 1 };
}

/** «сент. 2020» — a month column's heading. */
export function monthLabel(iso: string): string {
  const d = new Date(`${iso.slice(0, 10)}T00:00:00`);
  const name = d.toLocaleDateString('ru-RU', { month: 'short' }).replace('.', '');
  return `${name} ${d.getFullYear()}`;
}

export function statusLabel(status: string | null | undefined): string {
  return (status && m.statuses[status]) || m.statuses.unscheduled!;
}

export function statusColor(status: string | null | undefined): string {
  return (status && m.statusColors[status]) || 'gray.8';
}

export function statusMark(status: string): string {
  return m.statusMarks[status] ?? '';
}

/** The badge next to «Сроки выполнения» as written: what was parsed, or that a person must set the dates. */
export function scheduleBadge(schedule: ScheduleLike): { label: string; color: string; needsReview: boolean } {
  if (schedule.needs_review || schedule.kind === 'unparsed') return { label: m.schedule.unparsed!, color: 'red.9', needsReview: true };
  const hand = schedule.set_by_hand ? ` (${m.schedule.byHand})` : '';
  if (schedule.kind === 'once') {
    const due = schedule.due_on ? ` до ${formatDate(schedule.due_on)}` : '';
    return { label: `${m.schedule.once}${due}${hand}`, color: 'blue.9', needsReview: false };
  }
  if (schedule.kind === 'recurring') {
    const month = /BYMONTH=(\d+)/.exec(schedule.rrule ?? '')?.[1];
    const when = month ? `, ${monthName(Number(month))}` : '';
    const yearly = /FREQ=YEARLY/.test(schedule.rrule ?? '') ? ' ежегодно' : '';
    return { label: `${m.schedule.recurring}${yearly}${when}${hand}`, color: 'grape.9', needsReview: false };
  }
  return { label: `${m.schedule.continuous}${hand}`, color: 'teal.9', needsReview: false };
}

const MONTHS = ['январь', 'февраль', 'март', 'апрель', 'май', 'июнь', 'июль', 'август', 'сентябрь', 'октябрь', 'ноябрь', 'декабрь'];
export function monthName(n: number): string {
  return MONTHS[n - 1] ?? String(n);
}

/** Academic years (2020 — 2020/2021) the period touches: September starts one. */
export function academicYears(periodStart: string, periodEnd: string): number[] {
  const ay = (iso: string) => {
    const y = Number(iso.slice(0, 4));
    return Number(iso.slice(5, 7)) >= 9 ? y : y - 1;
  };
  const out: number[] = [];
  for (let y = ay(periodStart); y <= ay(periodEnd); y += 1) out.push(y);
  return out;
}

export function formatPercent(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return `${Math.round(value * 10) / 10} %`.replace('.', ',');
}

/** Links typed one per line: the non-empty ones and those not starting with http(s). */
export function parseLinks(text: string): { links: string[]; bad: string[] } {
  const links = text
    .split(/\s*\n\s*/)
    .map((s) => s.trim())
    .filter(Boolean);
  return { links, bad: links.filter((l) => !/^https?:\/\//i.test(l)) };
}

/** An occurrence whose window includes today or the next open one: the «current» occurrence of an activity. */
export function currentOccurrence<T extends { starts_on: string; due_on: string; status: string }>(occurrences: readonly T[], today: string): T | null {
  const open = occurrences.filter((o) => o.status !== 'done' && o.status !== 'cancelled');
  const overdue = open.find((o) => o.status === 'overdue');
  if (overdue) return overdue;
  const now = occurrences.find((o) => o.starts_on <= today && today <= o.due_on);
  if (now) return now;
  return open.find((o) => o.due_on >= today) ?? occurrences[occurrences.length - 1] ?? null;
}

/** The hue of a status («teal» of «teal.9»), for tints. */
export function statusHue(status: string): string {
  return statusColor(status).split('.')[0]!;
}
