import { ApiError, applyProblemToForm, errorMessage, fieldPath, problemFieldErrors, type Problem } from './errors';

const problem = (extra: Partial<Problem>): Problem => ({
  type: 'about:blank',
  title: 'Ошибка в данных',
  status: 422,
  code: 'validation_error',
  detail: 'Проверьте выделенные поля',
  ...extra,
});

describe('problem+json → form errors', () => {
  it('strips the body. prefix and keeps nested paths', () => {
    expect(fieldPath('body.last_name')).toBe('last_name');
    expect(fieldPath('body.employments.0.rate')).toBe('employments.0.rate');
    expect(fieldPath('query.limit')).toBe('query.limit');
  });

  it('maps field errors, first message per field', () => {
    const p = problem({
      errors: [
        { field: 'body.last_name', message: 'Обязательное поле', code: 'missing' },
        { field: 'body.last_name', message: 'Второе сообщение', code: 'x' },
        { field: 'body.email', message: 'Неверный формат', code: 'pattern' },
      ],
    });
    expect(problemFieldErrors(p)).toEqual({ last_name: 'Обязательное поле', email: 'Неверный формат' });
    expect(problemFieldErrors(null)).toEqual({});
  });

  it('sets known fields on the form and returns the rest for an alert', () => {
    const setError = vi.fn();
    const error = new ApiError(
      422,
      problem({
        errors: [
          { field: 'body.phone', message: 'Неверный формат', code: 'pattern' },
          { field: 'body.employments.0.start_date', message: 'Обязательное поле', code: 'missing' },
          { field: 'body.unknown_thing', message: 'Лишнее поле', code: 'extra_forbidden' },
        ],
      }),
    );
    const rest = applyProblemToForm(error, { setError: setError as never, fields: ['phone', 'employments'] });
    expect(setError).toHaveBeenCalledWith('phone', { type: 'server', message: 'Неверный формат' });
    expect(setError).toHaveBeenCalledWith('employments.0.start_date', { type: 'server', message: 'Обязательное поле' });
    expect(rest).toEqual(['Лишнее поле']);
  });

  it('a problem without field errors becomes one readable message', () => {
    const setError = vi.fn();
    const error = new ApiError(409, problem({ status: 409, title: 'Конфликт', detail: 'Такая запись уже есть', errors: null }));
    expect(applyProblemToForm(error, { setError: setError as never, fields: ['name'] })).toEqual(['Конфликт. Такая запись уже есть']);
    expect(setError).not.toHaveBeenCalled();
  });

  it('errorMessage prefers the Russian text of the problem', () => {
    expect(errorMessage(new ApiError(404, problem({ status: 404, title: 'Не найдено', detail: 'Педагог не найден' })))).toBe(
      'Не найдено. Педагог не найден',
    );
    expect(errorMessage(new ApiError(0, null, 'Сервер недоступен'))).toBe('Сервер недоступен');
    expect(errorMessage(new Error('boom'))).toMatch(/ошибка/i);
  });
});
