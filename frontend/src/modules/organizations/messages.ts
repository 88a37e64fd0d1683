/** Russian text of the organizations module; `t` = the shared text plus this module's section. */
import { t as shared } from '../../i18n/messages';
import { teachers } from '../teachers/messages';

export const organizations = {
  title: 'Организации',
  searchLabel: 'Поиск по названию',
  searchPlaceholder: 'Например, Гимназия',
  typeLabel: 'Тип организации',
  typePlaceholder: 'Все типы',
  lowResults: 'ШНОР',
  lowResultsFull: 'Школа с низкими образовательными результатами (ШНОР)',
  unfavourable: 'ШФНСУ',
  unfavourableFull: 'Школа, функционирующая в неблагоприятных социальных условиях (ШФНСУ)',
  innovation: 'Инновационная площадка',
  innovationLevel: 'Уровень инновационной площадки',
  resourceCenter: 'Ресурсный центр',
  stateOwned: 'Государственная или муниципальная',
  innovationLevels: {
    any: 'Любая',
    municipal: 'Муниципальная',
    regional: 'Региональная',
    federal: 'Федеральная',
    none: 'Нет',
  } as Record<string, string>,
  flagFilter: {
    any: 'Все',
    yes: 'Да',
    no: 'Нет',
  },
  sorts: {
    short_name: 'Название (А–Я)',
    '-short_name': 'Название (Я–А)',
    name: 'Полное название (А–Я)',
    '-name': 'Полное название (Я–А)',
    type_code: 'По типу',
    '-created_at': 'Сначала новые',
  } as Record<string, string>,
  columns: {
    shortName: 'Краткое название',
    type: 'Тип',
    flags: 'Признаки',
  },
  empty: 'Организаций пока нет',
  notFound: 'Организация не найдена',
  notFoundHint: 'Она удалена, перенесена в архив или недоступна для вашей роли.',
  card: {
    fullName: 'Полное наименование',
    shortName: 'Краткое наименование',
    type: 'Тип',
    inn: 'ИНН',
    address: 'Адрес',
    teacherCount: 'Педагогов',
    teachersTitle: 'Педагоги организации',
    archivedReason: (reason: string) => `В архиве. Причина: ${reason}`,
    backToList: 'К списку организаций',
  },
  editTitle: 'Редактирование организации',
  createTitle: 'Новая организация',
  create: 'Добавить организацию',
  created: 'Организация добавлена',
  municipality: 'Муниципалитет',
  archiveTitle: 'Архивировать организацию',
  archiveText: (name: string) =>
    `«${name}» будет перенесена в архив и исчезнет из списков и отчётов. Педагоги остаются в системе. Укажите причину (например, реорганизация).`,
  archived: 'Организация перенесена в архив',
} as const;

export const t = { ...shared, organizations, teachers } as const;
