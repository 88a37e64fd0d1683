import { useState } from 'react';
import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { teacherListQuery } from '../teachers/api';
import { formatFullName } from '../../lib/format';

type Props = { label: string; placeholder?: string; value: string | null; onChange: (id: string | null) => void; error?: string };

/** Searchable teacher select: asks the API as the user types a surname. */
export function TeacherPicker({ label, placeholder, value, onChange, error }: Props) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const [selected, setSelected] = useState<{ value: string; label: string } | null>(null);
  const list = useQuery({ ...teacherListQuery({ q: debounced || undefined, limit: 20 }), enabled: debounced.length >= 2 });
  const options = (list.data?.items ?? []).map((x) => ({
    value: x.id,
    label: `${formatFullName(x.last_name, x.first_name, x.middle_name)}${x.current_organization_name ? `, ${x.current_organization_name}` : ''}`,
  }));
  if (selected && !options.some((o) => o.value === selected.value)) options.unshift(selected);
  return (
    <Select
      label={label}
      placeholder={placeholder}
      searchable
      data={options}
      value={value}
      searchValue={search}
      onSearchChange={setSearch}
      onChange={(id, option) => {
        setSelected(option ? { value: option.value, label: option.label } : null);
        onChange(id);
      }}
      filter={({ options: o }) => o}
      error={error}
      required
    />
  );
}
