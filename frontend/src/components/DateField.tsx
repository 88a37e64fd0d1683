import { useState } from 'react';
import { ActionIcon, Popover, TextInput, type TextInputProps } from '@mantine/core';
import { DatePicker } from '@mantine/dates';
import { formatDate, parseRuDate } from '../lib/format';
import { t } from '../i18n/messages';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** True for what a DateField hands to a form when the typed text is not a date (kept, never erased). */
export function isInvalidDateText(value: string | null | undefined): boolean {
  return Boolean(value) && !ISO_DATE.test(value ?? '');
}

type Props = Omit<TextInputProps, 'value' | 'onChange' | 'defaultValue'> & {
  value: string | null | undefined;
  /** ISO `YYYY-MM-DD`, null when empty, or the typed text itself when it is not a date (the form refuses it). */
  onChange: (value: string | null) => void;
  minDate?: Date;
  maxDate?: Date;
};

const toText = (value: string | null | undefined) => (value && ISO_DATE.test(value) ? formatDate(value) : (value ?? ''));

/**
 * A date typed as ДД.ММ.ГГГГ (or picked in the calendar). A text that is not a date stays in the field with
 * «Введите дату в формате ДД.ММ.ГГГГ» — it is never silently erased or replaced by the previous value.
 */
export function DateField({ value, onChange, onBlur, error, minDate, maxDate, disabled, ...rest }: Props) {
  const [text, setText] = useState(() => toText(value));
  const [seen, setSeen] = useState(value);
  const [left, setLeft] = useState(false);
  const [opened, setOpened] = useState(false);
  // A new value from outside (form reset, calendar, «Обновить» after a conflict) replaces the text.
  if (value !== seen) {
    setSeen(value);
    if (!isInvalidDateText(value)) setText(toText(value));
  }

  function commit(next: string) {
    setText(next);
    const trimmed = next.trim();
    const iso = trimmed ? parseRuDate(trimmed) : null;
    const out = trimmed ? (iso ?? trimmed) : null;
    setSeen(out);
    onChange(out);
  }

  const invalid = left && text.trim() !== '' && !parseRuDate(text.trim());
  return (
    <TextInput
      {...rest}
      disabled={disabled}
      value={text}
      inputMode="numeric"
      autoComplete="off"
      placeholder={t.common.datePlaceholder}
      onChange={(event) => commit(event.currentTarget.value)}
      onBlur={(event) => {
        setLeft(true);
        onBlur?.(event);
      }}
      error={error || (invalid ? t.validation.date : undefined)}
      rightSection={
        <Popover opened={opened} onChange={setOpened} position="bottom-end" trapFocus returnFocus>
          <Popover.Target>
            <ActionIcon variant="subtle" color="gray" disabled={disabled} aria-label={t.common.pickDate} onClick={() => setOpened((o) => !o)}>
              <svg width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true">
                <rect x="3" y="5" width="18" height="16" rx="2" />
                <path d="M16 3v4M8 3v4M3 11h18" />
              </svg>
            </ActionIcon>
          </Popover.Target>
          <Popover.Dropdown>
            <DatePicker
              value={value && ISO_DATE.test(value) ? value : null}
              minDate={minDate}
              maxDate={maxDate}
              onChange={(picked) => {
                setOpened(false);
                commit(picked ? formatDate(String(picked).slice(0, 10)) : '');
              }}
            />
          </Popover.Dropdown>
        </Popover>
      }
    />
  );
}
