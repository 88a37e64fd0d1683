/** Russian text of the users module; `t` = the shared text plus this module's section. */
import { t as shared } from '../../i18n/messages';

export const users = {
  title: 'Пользователи',
  searchLabel: 'Поиск по имени или логину',
  roleFilter: 'Роль',
  rolePlaceholder: 'Все роли',
  create: 'Добавить пользователя',
  createTitle: 'Новый пользователь',
  created: 'Пользователь создан',
  editTitle: 'Изменение пользователя',
  edit: 'Изменить',
  editUser: (name: string) => `Изменить пользователя ${name}`,
  archived: 'Пользователь перенесён в архив',
  archiveText: (name: string) =>
    `Учётная запись «${name}» будет перенесена в архив: войти под ней станет нельзя, история действий сохранится в журнале аудита. Укажите причину.`,
  empty: 'Пользователей пока нет',
  columns: {
    name: 'Имя',
    email: 'Логин',
    roles: 'Роли',
    lastLogin: 'Последний вход',
    status: 'Статус',
    actions: 'Действия',
  },
  active: 'Активен',
  inactive: 'Отключён',
  form: {
    email: 'Логин (эл. почта)',
    fullName: 'ФИО',
    password: 'Пароль',
    passwordHint: 'Не короче 10 символов',
    roles: 'Роли',
    role: 'Роль',
    addRole: 'Добавить роль',
    removeRole: (n: number) => `Удалить роль № ${n}`,
    municipality: 'Муниципалитет',
    organization: 'Организация',
    teacher: 'Педагог',
    teacherSearch: 'Начните вводить фамилию',
    association: 'Методическое объединение',
    associationHint: 'Которым руководит пользователь: он ведёт план-график и заседания',
    noScope: 'Роль действует во всей системе',
    regionWide: (region: string) => `Весь регион${region ? `: ${region}` : ''}`,
    emailFixed: 'Логин не меняется',
    newPassword: 'Новый пароль',
    newPasswordHint: 'Оставьте пустым, чтобы не менять. Не короче 10 символов',
    isActive: 'Вход разрешён',
    isActiveHint: 'Отключите, чтобы временно запретить вход (например, на время отпуска)',
  },
} as const;

export const t = { ...shared, users } as const;
