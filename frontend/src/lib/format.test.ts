import { formatDate, formatDateTime, formatFullName, formatShortName, parseRuDate } from './format';

describe('formatDate', () => {
  it('formats ISO date-only strings as ДД.ММ.ГГГГ without timezone shift', () => {
    expect(formatDate('2024-03-05')).toBe('05.03.2024');
    expect(formatDate('1999-12-31')).toBe('31.12.1999');
    expect(formatDate('2024-01-01')).toBe('01.01.2024');
  });

  it('formats Date objects', () => {
    expect(formatDate(new Date(2025, 8, 1))).toBe('01.09.2025');
  });

  it('returns a dash for empty or invalid values', () => {
    expect(formatDate(null)).toBe('—');
    expect(formatDate(undefined)).toBe('—');
    expect(formatDate('')).toBe('—');
    expect(formatDate('not a date')).toBe('—');
    expect(formatDate('2024-02-30')).toBe('—');
  });
});

describe('formatDateTime', () => {
  it('formats local date-time as ДД.ММ.ГГГГ ЧЧ:ММ', () => {
    expect(formatDateTime(new Date(2024, 10, 7, 9, 5))).toBe('07.11.2024 09:05');
  });

  it('returns a dash for empty values', () => {
    expect(formatDateTime(null)).toBe('—');
  });
});

describe('parseRuDate', () => {
  it('parses ДД.ММ.ГГГГ into ISO', () => {
    expect(parseRuDate('05.03.2024')).toBe('2024-03-05');
    expect(parseRuDate(' 31.12.1999 ')).toBe('1999-12-31');
  });

  it('rejects invalid input', () => {
    expect(parseRuDate('31.02.2024')).toBeNull();
    expect(parseRuDate('2024-03-05')).toBeNull();
    expect(parseRuDate('')).toBeNull();
  });
});

describe('formatFullName', () => {
  it('joins Фамилия Имя Отчество', () => {
    expect(formatFullName('Иванов', 'Иван', 'Иванович')).toBe('Иванов Иван Иванович');
  });

  it('omits a missing patronymic', () => {
    expect(formatFullName('Смит', 'Анна', null)).toBe('Смит Анна');
    expect(formatFullName('Смит', 'Анна')).toBe('Смит Анна');
    expect(formatFullName('Смит', 'Анна', '  ')).toBe('Смит Анна');
  });

  it('trims and collapses whitespace', () => {
    expect(formatFullName('  Петрова ', ' Мария  ', ' Сергеевна')).toBe('Петрова Мария Сергеевна');
    expect(formatFullName('Салтыков-Щедрин', 'Михаил', 'Евграфович')).toBe('Салтыков-Щедрин Михаил Евграфович');
  });

  it('returns a dash when nothing is given', () => {
    expect(formatFullName(null, undefined, '')).toBe('—');
  });
});

describe('formatShortName', () => {
  it('gives Фамилия И. О.', () => {
    expect(formatShortName('Иванов', 'Иван', 'Иванович')).toBe('Иванов И. И.');
    expect(formatShortName('Смит', 'анна')).toBe('Смит А.');
  });

  it('returns a dash when nothing is given', () => {
    expect(formatShortName('', null)).toBe('—');
  });
});
