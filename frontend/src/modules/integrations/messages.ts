/** Russian text of the integrations module; `t` = the shared text plus this module's section. */
import { t as shared } from '../../i18n/messages';

export const clients = {
  title: 'Интеграции',
  intro: 'Учётные записи внешних систем (машинные клиенты) для доступа к API.',
  create: 'Подключить систему',
  createTitle: 'Новая интеграция',
  empty: 'Интеграций пока нет',
  columns: {
    name: 'Название',
    clientId: 'Идентификатор клиента',
    scopes: 'Права',
    lastUsed: 'Последнее обращение',
    status: 'Статус',
  },
  active: 'Активна',
  inactive: 'Отключена',
  form: {
    name: 'Название интеграции',
    municipality: 'Муниципалитет',
    scopes: 'Права доступа',
  },
  scopes: {
    'kpi:read': 'Чтение показателей',
    'teachers:read': 'Чтение педагогов',
    'teachers:write': 'Изменение педагогов',
    'organizations:read': 'Чтение организаций',
  } as Record<string, string>,
  rotate: 'Новый секрет',
  rotateTitle: 'Выпустить новый секрет',
  rotateText: (name: string) =>
    `Текущий секрет интеграции «${name}» перестанет работать. Внешнюю систему нужно будет перенастроить.`,
  rotateConfirm: 'Выпустить',
  disable: 'Отключить',
  enable: 'Включить',
  disabled: 'Интеграция отключена: новые токены не выдаются',
  enabled: 'Интеграция включена',
  archived: 'Интеграция перенесена в архив',
  archiveTitle: 'Архивировать интеграцию',
  archiveText: (name: string) =>
    `Интеграция «${name}» будет перенесена в архив: её секрет перестанет работать. Укажите причину.`,
  secretTitle: 'Секрет клиента',
  secretWarning:
    'Скопируйте секрет сейчас и передайте его в защищённом виде. Он показывается только один раз — после закрытия окна его нельзя будет посмотреть снова.',
  clientIdLabel: 'Идентификатор клиента (client_id)',
  secretLabel: 'Секрет клиента (client_secret)',
  copy: 'Скопировать',
  copied: 'Скопировано',
  secretSaved: 'Я сохранил секрет',
} as const;

export const t = { ...shared, clients } as const;
