/** Russian text of the audit module; `t` = the shared text plus this module's section. */
import { t as shared } from '../../i18n/messages';

export const audit = {
  title: 'Журнал аудита',
  entityType: 'Объект',
  entityTypePlaceholder: 'Все объекты',
  action: 'Действие',
  actionPlaceholder: 'Все действия',
  empty: 'Записей в журнале нет',
  columns: {
    occurredAt: 'Дата и время',
    actor: 'Кто',
    action: 'Действие',
    entity: 'Объект',
    changes: 'Изменения',
  },
  showChanges: (n: number) => `Изменённых полей: ${n}`,
  entityTypes: {
    teacher: 'Педагог',
    organization: 'Организация',
    user: 'Пользователь',
    api_client: 'Интеграция',
    municipality: 'Муниципалитет',
    region: 'Регион',
  } as Record<string, string>,
  actions: {
    create: 'Создание',
    update: 'Изменение',
    archive: 'Архивация',
    read: 'Просмотр',
    login: 'Вход',
    logout: 'Выход',
    import: 'Импорт',
    export: 'Выгрузка',
  } as Record<string, string>,
  changeArrow: '→',
  from: 'С даты',
  to: 'По дату',
  oneRecord: 'Показаны записи об одном объекте: кто его создавал, просматривал и изменял.',
  showAll: 'Показать весь журнал',
  openRecord: 'Открыть',
} as const;

export const t = { ...shared, audit } as const;
