/**
 * All user-facing Russian text of the SPA lives here, grouped by screen.
 * Components import `t` and never hard-code UI strings.
 */
export const t = {
  app: {
    name: 'Методическая служба',
  },
  nav: {
    home: 'Главная',
    organizations: 'Организации',
    teachers: 'Педагоги',
    teachersImport: 'Импорт педагогов',
    users: 'Пользователи',
    integrations: 'Интеграции',
    audit: 'Журнал аудита',
    signOut: 'Выход',
  },
  signIn: {
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
  },
  home: {
    title: 'Главная',
    welcome: 'Добро пожаловать в систему «Методическая служба».',
  },
  placeholder: {
    inProgress: 'Раздел в разработке',
  },
  common: {
    loading: 'Загрузка…',
    noData: 'Нет данных',
    loadError: 'Ошибка загрузки',
    retry: 'Повторить',
    save: 'Сохранить',
    cancel: 'Отмена',
    archive: 'Архивировать',
    emptyValue: '—',
  },
  concurrency: {
    conflict: 'Запись изменил другой пользователь. Обновите страницу, чтобы увидеть актуальные данные.',
    reload: 'Обновить',
  },
  notFound: {
    title: 'Страница не найдена',
    toHome: 'На главную',
  },
} as const;

export type Messages = typeof t;
