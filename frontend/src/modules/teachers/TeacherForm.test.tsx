import { fireEvent, screen, waitFor } from '@testing-library/react';
import { ApiError } from '../../api/errors';
import { dictionaryQuery, organizationOptionsQuery } from '../../api/queries';
import { t } from './messages';
import { createTestQueryClient, renderWithProviders } from '../../test/render';
import { TeacherForm } from './TeacherForm';
import { newTeacherForm, toUpdateBody, type TeacherFormValues } from './teacherForm';

const v = t.validation;

function setup(defaults: TeacherFormValues, onSubmit = vi.fn().mockResolvedValue(undefined), onReload = vi.fn()) {
  // Reference data comes from the cache, so no request leaves the test.
  const qc = createTestQueryClient();
  qc.setQueryData(organizationOptionsQuery.queryKey, [
    { id: 'o1', short_name: 'СОШ № 22' } as never,
  ]);
  qc.setQueryData(dictionaryQuery('positions').queryKey, [{ code: 'teacher', name: 'учитель' }]);
  qc.setQueryData(dictionaryQuery('subjects').queryKey, [{ code: 'math', name: 'Математика' }]);
  qc.setQueryData(dictionaryQuery('categories').queryKey, [{ code: 'first', name: 'первая' }]);
  renderWithProviders(
    <TeacherForm title="Форма" defaultValues={defaults} onSubmit={onSubmit} onCancel={vi.fn()} onReload={onReload} />,
    qc,
  );
  return { onSubmit, onReload };
}

const filled: TeacherFormValues = {
  ...newTeacherForm('o1'),
  last_name: 'Иванова',
  first_name: 'Мария',
  employments: [
    { organization_id: 'o1', position_code: 'teacher', kind: 'main', rate: '1', start_date: '2020-09-01', end_date: null },
  ],
};

describe('TeacherForm', () => {
  it('shows Russian messages for missing and malformed fields and does not submit', async () => {
    const { onSubmit } = setup(newTeacherForm(null));
    fireEvent.input(screen.getByLabelText(t.teachers.form.email), { target: { value: 'not-an-email' } });
    fireEvent.input(screen.getByLabelText(t.teachers.form.phone), { target: { value: 'abc' } });
    fireEvent.click(screen.getByRole('button', { name: t.common.save }));
    expect(await screen.findByText(v.email)).toBeInTheDocument();
    expect(screen.getByText(v.phone)).toBeInTheDocument();
    // Фамилия, Имя, организация, должность, дата приёма.
    expect(screen.getAllByText(v.required).length).toBeGreaterThanOrEqual(5);
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('rejects a rate outside 0–3 and an end date before the start', async () => {
    setup({ ...filled, employments: [{ ...filled.employments[0]!, rate: '5', end_date: '2019-01-01' }] });
    fireEvent.click(screen.getByRole('button', { name: t.common.save }));
    expect(await screen.findByText(v.rate)).toBeInTheDocument();
    expect(screen.getByText(v.endBeforeStart)).toBeInTheDocument();
  });

  it('puts server field errors (problem+json) next to the fields', async () => {
    const onSubmit = vi.fn().mockRejectedValue(
      new ApiError(422, {
        type: 'about:blank',
        title: 'Ошибка в данных',
        status: 422,
        code: 'validation_error',
        errors: [
          { field: 'body.phone', message: 'Номер уже используется', code: 'taken' },
          { field: 'body.employments.0.position_code', message: 'Неизвестная должность', code: 'unknown' },
        ],
      }),
    );
    setup(filled, onSubmit);
    fireEvent.click(screen.getByRole('button', { name: t.common.save }));
    expect(await screen.findByText('Номер уже используется')).toBeInTheDocument();
    expect(screen.getByText('Неизвестная должность')).toBeInTheDocument();
    expect(onSubmit).toHaveBeenCalledTimes(1);
  });

  it('on 412 shows the conflict with «Обновить» that reloads the record', async () => {
    const onSubmit = vi.fn().mockRejectedValue(
      new ApiError(412, { type: 'about:blank', title: 'Запись изменена', status: 412, code: 'version_conflict' }),
    );
    const { onReload } = setup(filled, onSubmit);
    fireEvent.click(screen.getByRole('button', { name: t.common.save }));
    expect(await screen.findByText(t.concurrency.conflict)).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: t.concurrency.reload }));
    await waitFor(() => expect(onReload).toHaveBeenCalledTimes(1));
  });

  it('submits valid values', async () => {
    const { onSubmit } = setup(filled);
    fireEvent.input(screen.getByLabelText(t.teachers.form.phone), { target: { value: '+7 900 123-45-67' } });
    fireEvent.click(screen.getByRole('button', { name: t.common.save }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    const [values, dirty] = onSubmit.mock.calls[0]!;
    expect(toUpdateBody(values, dirty)).toEqual({ phone: '+7 900 123-45-67' });
  });
});

describe('toUpdateBody', () => {
  it('sends only changed fields, blanks as null and rates with a dot', () => {
    const values: TeacherFormValues = {
      ...filled,
      email: '  ',
      employments: [{ ...filled.employments[0]!, rate: '0,5' }],
    };
    expect(toUpdateBody(values, { email: true, employments: [{ rate: true }] })).toEqual({
      email: null,
      employments: [
        { organization_id: 'o1', position_code: 'teacher', kind: 'main', rate: 0.5, start_date: '2020-09-01', end_date: null },
      ],
    });
    expect(toUpdateBody(values, {})).toEqual({});
  });
});
