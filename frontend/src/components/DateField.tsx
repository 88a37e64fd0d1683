import { DateInput, type DateInputProps } from '@mantine/dates';
import { parseRuDate, RU_DATE_FORMAT } from '../lib/format';
import { t } from '../i18n/messages';

type Props = Omit<DateInputProps, 'value' | 'onChange'> & {
  value: string | null | undefined;
  onChange: (value: string | null) => void;
};

/** Date input that shows and accepts ДД.ММ.ГГГГ and yields ISO `YYYY-MM-DD` (or null). */
export function DateField({ value, onChange, ...rest }: Props) {
  return (
    <DateInput
      valueFormat={RU_DATE_FORMAT}
      placeholder={t.common.datePlaceholder}
      dateParser={(input) => parseRuDate(input)}
      clearable
      value={value || null}
      onChange={(v) => onChange(v ? String(v).slice(0, 10) : null)}
      {...rest}
    />
  );
}
