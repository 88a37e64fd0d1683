/**
 * The fields every list's «Фильтры» panel is made of: the academic year, the organization, a set of codes (status,
 * form, category…), the sort order and «Показывать архивные». A module's page lays them out in its FiltersCard and
 * keeps the values in the page address; only what differs (labels, codes, their Russian names) is passed in.
 */
import { Checkbox, MultiSelect, Select } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { municipalitiesQuery, organizationOptionsQuery } from '../api/queries';
import { t } from '../i18n/messages';
import { recentAcademicYears } from '../lib/periods';

/** The academic year (`2024/2025`), or any year. */
export function PeriodFilter({
  label,
  anyLabel,
  value,
  onChange,
  years = 8,
}: {
  label: string;
  anyLabel: string;
  value: string | undefined;
  onChange: (value: string | undefined) => void;
  years?: number;
}) {
  return (
    <Select
      label={label}
      data={[{ value: '', label: anyLabel }, ...recentAcademicYears(years).map((y) => ({ value: y, label: y }))]}
      value={value ?? ''}
      onChange={(v) => onChange(v || undefined)}
      allowDeselect={false}
    />
  );
}

/** One organization of those the caller may see, by short name, searchable. */
export function OrganizationFilter({
  label,
  placeholder,
  value,
  onChange,
}: {
  label: string;
  placeholder: string;
  value: string | undefined;
  onChange: (value: string | undefined) => void;
}) {
  const organizations = useQuery(organizationOptionsQuery);
  return (
    <Select
      label={label}
      placeholder={placeholder}
      data={(organizations.data ?? []).map((o) => ({ value: o.id, label: o.short_name }))}
      value={value ?? null}
      onChange={(v) => onChange(v ?? undefined)}
      searchable
      clearable
    />
  );
}

/** One municipality (for those who see several: a region, the system administrator). */
export function MunicipalityFilter({
  label,
  placeholder,
  value,
  onChange,
}: {
  label: string;
  placeholder: string;
  value: string | undefined;
  onChange: (value: string | undefined) => void;
}) {
  const municipalities = useQuery(municipalitiesQuery);
  return (
    <Select
      label={label}
      placeholder={placeholder}
      data={(municipalities.data ?? []).map((m) => ({ value: m.id, label: m.name }))}
      value={value ?? null}
      onChange={(v) => onChange(v ?? undefined)}
      searchable
      clearable
    />
  );
}

/** Any of a fixed set of codes, shown by their Russian names. */
export function CodesFilter<T extends string>({
  label,
  anyLabel,
  codes,
  names,
  value,
  onChange,
}: {
  label: string;
  anyLabel: string;
  codes: readonly T[];
  names: Partial<Record<string, string>>;
  value: readonly T[] | undefined;
  onChange: (value: T[] | undefined) => void;
}) {
  return (
    <MultiSelect
      label={label}
      placeholder={value?.length ? undefined : anyLabel}
      data={codes.map((code) => ({ value: code, label: names[code] ?? code }))}
      value={[...(value ?? [])]}
      onChange={(v) => onChange(v.length ? codes.filter((code) => v.includes(code)) : undefined)}
      clearable
    />
  );
}

/** The sort order among those the API allows for the list. */
export function SortFilter<T extends string>({
  sorts,
  names,
  value,
  fallback,
  onChange,
}: {
  sorts: readonly T[];
  names: Partial<Record<string, string>>;
  value: T | undefined;
  fallback: T;
  onChange: (value: T | undefined) => void;
}) {
  return (
    <Select
      label={t.common.sort}
      data={sorts.map((s) => ({ value: s, label: names[s] ?? s }))}
      value={value ?? fallback}
      onChange={(v) => onChange(sorts.find((s) => s === v))}
      allowDeselect={false}
    />
  );
}

/** «Показывать архивные»: the page address keeps `archived=yes`. */
export function ArchivedFilter({ value, onChange }: { value: 'yes' | undefined; onChange: (value: 'yes' | undefined) => void }) {
  return (
    <Checkbox
      mt={{ base: 0, sm: 'xl' }}
      label={t.common.includeArchived}
      checked={value === 'yes'}
      onChange={(e) => onChange(e.currentTarget.checked ? 'yes' : undefined)}
    />
  );
}
