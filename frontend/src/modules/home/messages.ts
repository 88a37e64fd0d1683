/** Russian text of the home module; `t` = the shared text plus this module's section. */
import { t as shared } from '../../i18n/messages';

export const home = {
  title: 'Главная',
  welcome: 'Добро пожаловать в систему «Методическая служба».',
  municipalityTitle: (scope: string) => `Педагогические кадры: ${scope}`,
  schoolTitle: (scope: string) => `Педагогические кадры: ${scope}`,
  allTitle: 'Педагогические кадры: вся система',
  teachers: 'Педагогов',
  youngTeachers: 'Молодых педагогов',
  categoriesExpiring: 'Категория истекает в ближайшие 6 месяцев',
  categoriesExpired: 'Категория истекла',
  organizations: 'Организаций',
  organizationsLink: (n: number) => `Организаций: ${n}`,
  chartTitle: 'Показатели',
  chartBars: {
    teachers: 'Педагоги',
    young: 'Молодые',
    expiring: 'Категория истекает',
    expired: 'Категория истекла',
  },
  chartLabel: 'Диаграмма показателей по педагогам',
  openList: 'Открыть список',
  byOrganizationTitle: 'По организациям',
  byOrganizationHint: 'Сначала организации с истёкшими и истекающими категориями. Число открывает список педагогов.',
  byOrganizationEmpty: 'В организациях пока нет педагогов',
  columns: {
    organization: 'Организация',
    teachers: 'Педагогов',
    young: 'Молодых',
    expiring: 'Истекает категория',
    expired: 'Истекла категория',
  },
  noStats: 'Для вашей роли сводка по педагогам недоступна. Воспользуйтесь разделами меню.',
  myProfileTitle: 'Мой профиль',
  noTeacherLinked: 'Ваша учётная запись не связана с карточкой педагога. Обратитесь к администратору.',
} as const;

export const t = { ...shared, home } as const;
