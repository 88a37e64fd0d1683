/** Tolerant parsers for URL search params (a hand-edited URL must never crash a page). */

export function str(value: unknown): string | undefined {
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

export function strList(value: unknown): string[] | undefined {
  const list = (Array.isArray(value) ? value : [value]).map(str).filter((v): v is string => v !== undefined);
  return list.length ? list : undefined;
}

export function int(value: unknown, { min = 0, max = Number.MAX_SAFE_INTEGER } = {}): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN;
  if (!Number.isInteger(n) || n < min || n > max) return undefined;
  return n;
}

export function oneOf<const T extends string>(value: unknown, allowed: readonly T[]): T | undefined {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
}

/** yes/no filter ↔ boolean query param. */
export type TriState = 'yes' | 'no';
export function triToBool(v: TriState | undefined): boolean | undefined {
  return v === undefined ? undefined : v === 'yes';
}

/** Drops undefined keys so URLs stay short. */
export function compact<T extends Record<string, unknown>>(obj: T): T {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined && v !== '')) as T;
}

/** Filters that are set (not sort or paging): the «Фильтры» badge and «Сбросить фильтры». */
export function activeFilterCount(search: object, extra: unknown[] = []): number {
  const values = search as Record<string, unknown>;
  const keys = Object.keys(values).filter((k) => !['sort', 'limit', 'offset'].includes(k) && values[k] !== undefined);
  return keys.length + extra.filter(Boolean).length;
}

export const PAGE_SIZES = ['25', '50', '100'] as const;
export const DEFAULT_LIMIT = 25;

/** Text as people compare it: case ignored, «ё» and «е» are one letter, spaces collapsed (same rule as the API). */
export function foldText(text: string): string {
  return text.toLowerCase().replaceAll('ё', 'е').replace(/\s+/g, ' ').trim();
}

type Option = { value: string; label: string };
type OptionOrGroup = Option | { group: unknown; items: Option[] };

/** Filter of every Select/MultiSelect/Autocomplete (set in the theme): «Федоров» finds «Фёдоров» and back. */
export function foldFilter<T extends OptionOrGroup>({ options, search, limit }: { options: T[]; search: string; limit: number }): T[] {
  const wanted = foldText(search);
  const out: T[] = [];
  for (const item of options) {
    if (out.length >= limit) break;
    if ('group' in item) {
      const items = item.items.filter((o) => foldText(o.label).includes(wanted)).slice(0, limit - out.length);
      if (items.length) out.push({ ...item, items });
    } else if (foldText(item.label).includes(wanted)) {
      out.push(item);
    }
  }
  return out;
}
