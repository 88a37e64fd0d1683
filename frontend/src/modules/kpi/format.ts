/** Pure helpers of the KPI screens: values with their unit, «12 из 40», statuses with colour and text, periods,
 * filters of a definition in words, and the breakdown's sort. */
import { academicYearLabel, academicYearStart } from '../../lib/periods';
import { t } from './messages';

const k = t.kpi;

export type KpiUnit = 'percent' | 'count' | 'yes_no';
export type KpiStatus = 'met' | 'close' | 'missed' | 'no_target' | 'no_data';

/** A value as people read it: «62,1 %» (one decimal), «4», «да» / «нет»; empty — «нет данных». */
export function formatKpiValue(value: number | null | undefined, unit: string): string {
  if (value === null || value === undefined || Number.isNaN(value)) return k.noData;
  if (unit === 'yes_no') return value >= 1 ? k.yes : k.no;
  if (unit === 'percent') return `${value.toLocaleString('ru-RU', { minimumFractionDigits: 1, maximumFractionDigits: 1 })} %`;
  return Math.round(value).toLocaleString('ru-RU');
}

/** «12 из 40» when there is a denominator (shares, yes/no of a region), otherwise nothing. */
export function formatFraction(numerator: number, denominator: number | null | undefined): string | null {
  if (denominator === null || denominator === undefined) return null;
  return k.ofTotal(numerator.toLocaleString('ru-RU'), denominator.toLocaleString('ru-RU'));
}

/** The row's status as the API says it; the engine's first version says only `ok` / `no_data` (no targets yet). */
export function statusCode(status: string | null | undefined, value: number | null | undefined): KpiStatus {
  switch (status) {
    case 'met':
    case 'close':
    case 'missed':
    case 'no_target':
    case 'no_data':
      return status;
    default:
      return value === null || value === undefined ? 'no_data' : 'no_target';
  }
}

const STATUS_COLORS: Record<KpiStatus, string> = {
  met: 'green',
  close: 'yellow',
  missed: 'red',
  no_target: 'gray',
  no_data: 'gray',
};

/** The same colours for the charts' canvas (CSS variables do not reach it). */
const STATUS_HEX: Record<KpiStatus, string> = {
  met: '#2f9e44',
  close: '#f59f00',
  missed: '#e03131',
  no_target: '#868e96',
  no_data: '#868e96',
};

/** Colour and the words beside it (never colour alone). */
export function statusView(status: string | null | undefined, value: number | null | undefined) {
  const code = statusCode(status, value);
  return { code, color: STATUS_COLORS[code], hex: STATUS_HEX[code], label: k.statuses[code] ?? code };
}

/** The last complete academic year on `on` (2025/2026 on 02.12.2026): the dashboard's default period. */
export function lastCompleteAcademicYear(on: Date = new Date()): string {
  return academicYearLabel(academicYearStart(on) - 1);
}

/** The `count` academic years ending with `period`, oldest first (the trend's `period` parameters). */
export function trendPeriods(period: string, count = 5): string[] {
  const start = Number(period.slice(0, 4));
  if (!/^\d{4}\/\d{4}$/.test(period) || Number.isNaN(start)) return [period];
  return Array.from({ length: count }, (_, i) => academicYearLabel(start - count + 1 + i));
}

export type FilterDeclaration = { name: string; type: string; title: string; values: string[] };

/** A filter value in Russian (a code the module knows, else the code itself). */
export function filterValueLabel(code: string): string {
  return k.filterValues[code] ?? code;
}

/** The filters of a definition in words: «Роли участия: докладчик; Уровень мероприятия не ниже: муниципальный». */
export function describeFilters(filters: Record<string, unknown> | null | undefined, declared: readonly FilterDeclaration[] = []): string {
  const entries = Object.entries(filters ?? {}).filter(([, v]) => v !== null && v !== undefined && v !== false && !(Array.isArray(v) && v.length === 0));
  if (!entries.length) return k.drilldown.noFilters;
  return entries
    .map(([name, v]) => {
      const title = declared.find((d) => d.name === name)?.title ?? name;
      if (v === true) return title;
      const values = (Array.isArray(v) ? v : [v]).map((x) => filterValueLabel(String(x)));
      return `${title}: ${values.join(', ')}`;
    })
    .join('; ');
}

/** The editor's value of one declared filter → what the API takes (nothing for «любое»). */
export function filterValueFor(declaration: FilterDeclaration, raw: unknown): unknown {
  if (declaration.type === 'flag') return raw === true ? true : undefined;
  if (declaration.type === 'enum_set') {
    const list = Array.isArray(raw) ? raw.filter((x): x is string => typeof x === 'string' && declaration.values.includes(x)) : [];
    return list.length ? list : undefined;
  }
  return typeof raw === 'string' && declaration.values.includes(raw) ? raw : undefined;
}

/** Only the declared filters with a value (the API refuses unknown ones). */
export function cleanFilters(declared: readonly FilterDeclaration[], values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const d of declared) {
    const v = filterValueFor(d, values[d.name]);
    if (v !== undefined) out[d.name] = v;
  }
  return out;
}

export type BreakdownRow = {
  unit_id: string;
  unit_name: string;
  numerator: number;
  denominator?: number | null;
  value?: number | null;
  target?: number | null;
  status?: string | null;
};
export type BreakdownSortKey = 'unit_name' | 'numerator' | 'denominator' | 'value' | 'target' | 'status';
export type SortState = { key: BreakdownSortKey; desc: boolean };

const STATUS_ORDER: Record<KpiStatus, number> = { missed: 0, close: 1, met: 2, no_target: 3, no_data: 4 };

/** The breakdown table's order: empty values always last, names by the Russian alphabet. */
export function sortBreakdown<T extends BreakdownRow>(rows: readonly T[], sort: SortState): T[] {
  const key = (r: T): string | number | null => {
    if (sort.key === 'unit_name') return r.unit_name;
    if (sort.key === 'status') return STATUS_ORDER[statusCode(r.status, r.value)];
    const v = r[sort.key];
    return v === null || v === undefined ? null : v;
  };
  return [...rows].sort((a, b) => {
    const x = key(a);
    const y = key(b);
    if (x === null && y === null) return a.unit_name.localeCompare(b.unit_name, 'ru');
    if (x === null) return 1;
    if (y === null) return -1;
    const c = typeof x === 'string' && typeof y === 'string' ? x.localeCompare(y, 'ru') : Number(x) - Number(y);
    return (sort.desc ? -c : c) || a.unit_name.localeCompare(b.unit_name, 'ru');
  });
}
