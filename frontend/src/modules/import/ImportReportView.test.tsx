import { screen, within } from '@testing-library/react';
import type { ImportReport } from '../../api/types';
import { t } from './messages';
import { renderWithProviders } from '../../test/render';
import { ImportReportView } from './ImportReportView';

const report: ImportReport = {
  dry_run: true,
  applied: false,
  total_rows: 45,
  valid_rows: 43,
  invalid_rows: 2,
  skipped_rows: 0,
  to_create: 40,
  to_update: 3,
  to_add_employment: 0,
  errors: [
    { line: 42, column: 'Фамилия', message: 'Не указана фамилия' },
    { line: 43, column: 'Дата рождения', value: '31.02.1979', message: 'Несуществующая дата «31.02.1979»' },
  ],
  notices: [],
  mapped_columns: { 'Табельный номер': 'external_id', Фамилия: 'last_name' },
  unmapped_columns: ['Комментарий'],
  external_system: 'hr:x',
};

describe('ImportReportView', () => {
  it('lists bad rows with line, column and message', () => {
    renderWithProviders(<ImportReportView report={report} />);
    expect(screen.getByText(t.teacherImport.errorsTitle(2))).toBeInTheDocument();
    const rows = within(screen.getByTestId('import-errors')).getAllByRole('row');
    expect(rows).toHaveLength(3); // header + 2
    expect(rows[1]).toHaveTextContent('42');
    expect(rows[1]).toHaveTextContent('Фамилия');
    expect(rows[1]).toHaveTextContent('Не указана фамилия');
  });

  it('shows mapped columns with Russian field names and the unmapped ones', () => {
    renderWithProviders(<ImportReportView report={report} />);
    const mapped = screen.getByTestId('import-mapped');
    expect(within(mapped).getAllByText('Табельный номер')).toHaveLength(2);
    expect(screen.getByText('Комментарий')).toBeInTheDocument();
  });

  it('a clean file says it can be loaded', () => {
    renderWithProviders(<ImportReportView report={{ ...report, errors: [], unmapped_columns: [] }} />);
    expect(screen.getByText(t.teacherImport.noErrors)).toBeInTheDocument();
    expect(screen.getByText(t.teacherImport.noUnmapped)).toBeInTheDocument();
    expect(screen.queryByTestId('import-errors')).not.toBeInTheDocument();
  });

  it('shows the second-employment notices and the skipped rows of a partial apply', () => {
    const partial: ImportReport = {
      ...report,
      dry_run: false,
      applied: true,
      skipped_rows: 2,
      to_add_employment: 1,
      notices: [{ line: 7, column: null, message: 'Этот педагог уже работает в другой организации: добавлено второе место работы' }],
    };
    renderWithProviders(<ImportReportView report={partial} />);
    expect(screen.getByText(t.teacherImport.partialTitle)).toBeInTheDocument();
    expect(screen.getByText(t.teacherImport.noticesTitle(1))).toBeInTheDocument();
    expect(within(screen.getByTestId('import-notices')).getByText(/Строка 7: .*второе место работы/)).toBeInTheDocument();
    expect(screen.getByText(t.teacherImport.skippedRows)).toBeInTheDocument();
    expect(screen.getByText(t.teacherImport.addedEmployment)).toBeInTheDocument();
    const rows = within(screen.getByTestId('import-errors')).getAllByRole('row');
    expect(rows[2]).toHaveTextContent('31.02.1979');
  });
});
