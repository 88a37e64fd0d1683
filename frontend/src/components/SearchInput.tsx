import { useState } from 'react';
import { TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';

type Props = { label: string; placeholder?: string; value: string | undefined; onChange: (value: string | undefined) => void };

/** Text search that updates the URL 350 ms after the user stops typing (Enter applies at once). */
export function SearchInput({ label, placeholder, value, onChange }: Props) {
  const [text, setText] = useState(value ?? '');
  const [synced, setSynced] = useState(value);
  // An outside reset (e.g. «Сбросить фильтры») replaces what is typed.
  if (value !== synced) {
    setSynced(value);
    if ((value ?? '') !== text.trim()) setText(value ?? '');
  }
  const emit = useDebouncedCallback((v: string) => onChange(v.trim() || undefined), 350);
  return (
    <TextInput
      type="search"
      label={label}
      placeholder={placeholder}
      value={text}
      onChange={(e) => {
        setText(e.currentTarget.value);
        emit(e.currentTarget.value);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          emit.cancel();
          onChange(text.trim() || undefined);
        }
      }}
    />
  );
}
