import dayjs from 'dayjs';
import 'dayjs/locale/ru';
import customParseFormat from 'dayjs/plugin/customParseFormat';
import { t } from '../i18n/messages';

dayjs.extend(customParseFormat);

export const RU_DATE_FORMAT = 'DD.MM.YYYY';
export const RU_DATE_TIME_FORMAT = 'DD.MM.YYYY HH:mm';

type DateInput = string | number | Date | null | undefined;

const ISO_DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

function toDayjs(value: DateInput): dayjs.Dayjs | null {
  if (value === null || value === undefined || value === '') return null;
  // Date-only ISO strings ("2024-03-05") are parsed strictly as local calendar
  // dates so that no timezone shift can move them to the previous day.
  const d =
    typeof value === 'string' && ISO_DATE_ONLY.test(value)
      ? dayjs(value, 'YYYY-MM-DD', true)
      : dayjs(value);
  return d.isValid() ? d : null;
}

/** Formats a date as ДД.ММ.ГГГГ; empty/invalid input gives «—». */
export function formatDate(value: DateInput): string {
  const d = toDayjs(value);
  return d ? d.format(RU_DATE_FORMAT) : t.common.emptyValue;
}

/** Formats a date-time as ДД.ММ.ГГГГ ЧЧ:ММ (local time); empty/invalid input gives «—». */
export function formatDateTime(value: DateInput): string {
  const d = toDayjs(value);
  return d ? d.format(RU_DATE_TIME_FORMAT) : t.common.emptyValue;
}

/** Parses a user-typed ДД.ММ.ГГГГ string into ISO YYYY-MM-DD, or null if invalid. */
export function parseRuDate(value: string): string | null {
  const d = dayjs(value.trim(), RU_DATE_FORMAT, true);
  return d.isValid() ? d.format('YYYY-MM-DD') : null;
}

type NamePart = string | null | undefined;

function clean(part: NamePart): string {
  return (part ?? '').replace(/\s+/g, ' ').trim();
}

/** «Фамилия Имя Отчество»; the patronymic (and any other missing part) is optional. */
export function formatFullName(lastName: NamePart, firstName: NamePart, middleName?: NamePart): string {
  const full = [lastName, firstName, middleName].map(clean).filter(Boolean).join(' ');
  return full || t.common.emptyValue;
}

/** «Фамилия И. О.» — short form for tables and headers. */
export function formatShortName(lastName: NamePart, firstName: NamePart, middleName?: NamePart): string {
  const last = clean(lastName);
  const initials = [firstName, middleName]
    .map(clean)
    .filter(Boolean)
    .map((p) => `${p.charAt(0).toUpperCase()}.`)
    .join(' ');
  const short = [last, initials].filter(Boolean).join(' ');
  return short || t.common.emptyValue;
}

/** Russian plural form: pluralRu(2, ['запись', 'записи', 'записей']) → 'записи'. */
export function pluralRu(n: number, forms: readonly [string, string, string]): string {
  const mod10 = n % 10;
  const mod100 = n % 100;
  if (mod10 === 1 && mod100 !== 11) return forms[0];
  if (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)) return forms[1];
  return forms[2];
}
