/** Russian text of the auth module; `t` = the shared text plus this module's section. */
import { t as shared } from '../../i18n/messages';

export const signIn = {
  title: 'Вход в систему',
  subtitle: 'Введите учётные данные, выданные администратором',
  loginLabel: 'Логин',
  loginPlaceholder: 'Ваш логин',
  passwordLabel: 'Пароль',
  passwordPlaceholder: 'Ваш пароль',
  submit: 'Войти',
  loginRequired: 'Введите логин',
  passwordRequired: 'Введите пароль',
  invalidCredentials: 'Неверный логин или пароль',
  sessionExpired: 'Сессия истекла. Войдите снова.',
  failed: 'Не удалось войти. Повторите попытку позже.',
  forgot: 'Забыли пароль? Его задаёт администратор вашего управления образования или школы.',
} as const;

export const t = { ...shared, signIn } as const;
