import { fireEvent, screen } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { t } from '../i18n/messages';
import { renderWithProviders } from '../test/render';
import { DateField } from './DateField';

function Harness({ initial = null, seen }: { initial?: string | null; seen: (string | null)[] }) {
  const [value, setValue] = useState<string | null>(initial);
  return (
    <DateField
      label="Дата рождения"
      value={value}
      onChange={(v) => {
        seen.push(v);
        setValue(v);
      }}
    />
  );
}

describe('DateField', () => {
  it('accepts ДД.ММ.ГГГГ typed by hand and hands over ISO', () => {
    const seen: (string | null)[] = [];
    renderWithProviders(<Harness seen={seen} />);
    const input = screen.getByLabelText('Дата рождения');
    fireEvent.change(input, { target: { value: '05.03.1990' } });
    fireEvent.blur(input);
    expect(seen.at(-1)).toBe('1990-03-05');
    expect(input).toHaveValue('05.03.1990');
    expect(screen.queryByText(t.validation.date)).toBeNull();
  });

  it('keeps an impossible date in the field with an error, never erases it', () => {
    const seen: (string | null)[] = [];
    renderWithProviders(<Harness initial="1980-01-01" seen={seen} />);
    const input = screen.getByLabelText('Дата рождения');
    expect(input).toHaveValue('01.01.1980');
    fireEvent.change(input, { target: { value: '31.02.1990' } });
    fireEvent.blur(input);
    expect(input).toHaveValue('31.02.1990');
    expect(screen.getByText(t.validation.date)).toBeInTheDocument();
    expect(seen.at(-1)).toBe('31.02.1990'); // the form sees a non-date and refuses to save
  });

  it('an emptied field is null', () => {
    const seen: (string | null)[] = [];
    renderWithProviders(<Harness initial="1980-01-01" seen={seen} />);
    fireEvent.change(screen.getByLabelText('Дата рождения'), { target: { value: '' } });
    expect(seen.at(-1)).toBeNull();
  });
});
