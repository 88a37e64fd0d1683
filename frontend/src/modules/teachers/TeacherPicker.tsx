import { useState } from 'react';
import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import type { TeacherListItem } from '../../api/types';
import { formatFullName } from '../../lib/format';
import { teacherListQuery } from './api';
import { t } from './messages';

type Option = { value: string; label: string };

type Props = {
  label: string;
  placeholder?: string;
  value: string | null;
  onChange: (id: string | null) => void;
  error?: string;
  /** Marked as required (default); a list filter passes false. */
  required?: boolean;
  /** How the chosen teacher reads before anything is typed (an edit form, a filter restored from the URL). */
  initialLabel?: string | null;
  /** Adds «молодой педагог» to the young ones (choosing a mentee or a mentor). */
  markYoung?: boolean;
  /** Only the young teachers (a mentee). */
  youngOnly?: boolean;
  disabled?: boolean;
  description?: string;
  clearable?: boolean;
};

export function teacherOptionLabel(x: TeacherListItem, markYoung = false): string {
  const name = formatFullName(x.last_name, x.first_name, x.middle_name);
  const parts = [name, x.current_organization_name, markYoung && x.is_young ? t.teachers.young.toLowerCase() : null];
  return parts.filter(Boolean).join(', ');
}

/** Searchable teacher select: asks the API (the teachers the caller may see) as the user types a surname. */
export function TeacherPicker({
  label,
  placeholder,
  value,
  onChange,
  error,
  required = true,
  initialLabel,
  markYoung = false,
  youngOnly = false,
  disabled,
  description,
  clearable,
}: Props) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const [picked, setPicked] = useState<Option | null>(null);
  // What the chosen value reads as: the option picked here, else the label given from outside (it may come later).
  const selected = picked?.value === value ? picked : value && initialLabel ? { value, label: initialLabel } : null;
  // The box shows the chosen teacher's label as its text: that is not a search.
  const searching = debounced.length >= 2 && debounced !== selected?.label.trim();
  const list = useQuery({
    ...teacherListQuery({ q: debounced || undefined, limit: 20, young: youngOnly ? true : undefined }),
    enabled: searching,
  });

  const options: Option[] = (list.data?.items ?? []).map((x) => ({ value: x.id, label: teacherOptionLabel(x, markYoung) }));
  if (selected && !options.some((o) => o.value === selected.value)) options.unshift(selected);
  return (
    <Select
      label={label}
      placeholder={placeholder}
      description={description}
      searchable
      data={options}
      value={value}
      searchValue={search}
      onSearchChange={setSearch}
      onChange={(id, option) => {
        setPicked(option ? { value: option.value, label: option.label } : null);
        onChange(id);
      }}
      filter={({ options: o }) => o}
      error={error}
      required={required}
      disabled={disabled}
      clearable={clearable}
      nothingFoundMessage={searching && list.isSuccess ? t.common.nothingFound : undefined}
    />
  );
}
