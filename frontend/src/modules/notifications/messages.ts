/** Russian text of the notifications bell. */
import { t as shared } from '../../i18n/messages';

export const notificationTexts = {
  bell: (n: number) => (n > 0 ? `Уведомления: непрочитанных ${n}` : 'Уведомления'),
  title: 'Уведомления',
  empty: 'Новых уведомлений нет',
  readAll: 'Отметить все прочитанными',
  failed: 'Не удалось загрузить уведомления',
};

export const t = { ...shared, notifications: notificationTexts };
