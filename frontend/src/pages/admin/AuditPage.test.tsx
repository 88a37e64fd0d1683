import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import { renderWithProviders } from '../../test/render';
import { ChangesList, show } from './AuditPage';
import { pluralRu } from '../../lib/format';

describe('audit values as a person reads them', () => {
  it('formats dates, booleans, lists and histories in Russian', () => {
    expect(show('2024-09-01')).toBe('01.09.2024');
    expect(show(true)).toBe('да');
    expect(show(null)).toBe('—');
    expect(show(['Математика', 'Физика'])).toBe('Математика, Физика');
    expect(show([['org', 'teacher', 'main', '1.00', '2014-08-01', null]])).toBe('1 запись');
    expect(show([[1], [2], [3]])).toBe('3 записи');
    expect(show('import')).toBe('импорт файла');
  });

  it('picks the Russian plural form', () => {
    expect([1, 2, 5, 11, 21, 22, 25, 112].map((n) => pluralRu(n, ['запись', 'записи', 'записей']))).toEqual([
      'запись',
      'записи',
      'записей',
      'записей',
      'запись',
      'записи',
      'записей',
      'записей',
    ]);
  });

  it('lists the changed fields with Russian names', () => {
    renderWithProviders(
      <ChangesList changes={{ phone: { before: null, after: '+7 900 000-00-00' }, source: 'import' }} />,
    );
    expect(screen.getByText('Телефон:')).toBeInTheDocument();
    expect(screen.getByText(/— → \+7 900 000-00-00/)).toBeInTheDocument();
    expect(screen.getByText('Источник:')).toBeInTheDocument();
    expect(screen.getByText(/импорт файла/)).toBeInTheDocument();
  });
});
