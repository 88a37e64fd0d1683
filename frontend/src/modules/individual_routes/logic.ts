/** Pure helpers of the individual routes: progress and overdue as the screens show them, and the plan a draft's
 * editor sends (`PUT …/plan`) built from the route read. */
import type { components } from '../../api/schema';
import { pluralRu } from '../../lib/format';

export type RouteRead = components['schemas']['RouteRead'];
export type RouteSummary = components['schemas']['RouteSummary'];
export type PlanUpdate = components['schemas']['RoutePlanUpdate'];
export type ActionRead = components['schemas']['ActionRead'];
export type ActionKind = components['schemas']['ActionInput']['kind'];
export type EvidenceOption = components['schemas']['EvidenceOption'];

/** «60 %» and the bar's colour: green when done, blue while going, gray at zero. */
export function progressView(progress: number, total: number): { label: string; color: string; value: number } {
  const value = Math.max(0, Math.min(100, Math.round(progress)));
  if (total === 0) return { label: '—', color: 'gray', value: 0 };
  return { label: `${value} %`, color: value >= 100 ? 'green' : value > 0 ? 'blue' : 'gray', value };
}

/** «2 просроченных действия» — empty for none (nothing to highlight). */
export function overdueText(count: number): string {
  if (count <= 0) return '';
  return `${count} ${pluralRu(count, ['просроченное действие', 'просроченных действия', 'просроченных действий'])}`;
}

/** Overdue as the API flags it: planned, with a deadline before today (both ISO dates, Moscow). */
export function isOverdue(status: string, deadline: string | null | undefined, todayIso: string): boolean {
  return status === 'planned' && Boolean(deadline) && (deadline as string) < todayIso;
}

/** Today in Moscow as an ISO date (deadlines are Moscow dates). */
export function moscowToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Moscow' }).format(now);
}

/** The plan of a route as the editor starts from it (ids kept, so done actions keep their marks). */
export function planOf(route: RouteRead): PlanUpdate {
  return {
    title: route.title,
    note: route.note ?? null,
    goals: (route.goals ?? []).map((g) => ({
      id: g.id,
      area_code: g.area_code ?? null,
      text: g.text,
      actions: (g.actions ?? []).map((a) => ({
        id: a.id,
        kind: a.kind as ActionKind,
        ref_id: a.ref_id ?? null,
        title: a.title,
        deadline: a.deadline ?? null,
      })),
    })),
  };
}
