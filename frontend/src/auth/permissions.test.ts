import { buildNav, canBrowseTeachers, isPureTeacher, scopeNames, type Me } from './permissions';

// Rights a teacher holds over their own records only, a school administrator over the school's.
const OWN_RECORDS = ['teachers:', 'courses:', 'attestations:', 'mentoring:'];

// Shapes as returned by GET /api/v1/auth/me for the demo accounts.
function me(role: Me['roles'][number]['role'], permissions: string[], extra: Partial<Me> = {}): Me {
  return {
    kind: 'user',
    id: '00000000-0000-0000-0000-000000000001',
    name: 'Тестовая Учётная Запись',
    email: 'x@demo.mms',
    roles: [
      {
        role,
        role_title: null,
        region_id: null,
        municipality_id: 'm1',
        organization_id: role === 'school_admin' ? 'o1' : null,
        teacher_id: role === 'teacher' ? 't1' : null,
        scope_name: role === 'school_admin' ? 'СОШ № 22' : 'город Кострома',
      },
    ],
    permissions,
    // how far each right reaches, as the API computes it from the role's grants
    reach: Object.fromEntries(
      permissions.map((p) => [
        p,
        OWN_RECORDS.some((x) => p.startsWith(x)) && role === 'teacher'
          ? 'own'
          : OWN_RECORDS.some((x) => p.startsWith(x)) && role === 'school_admin'
            ? 'organization'
            : 'municipality',
      ]),
    ),
    municipality_ids: ['m1'],
    organization_ids: role === 'school_admin' ? ['o1'] : [],
    teacher_id: role === 'teacher' ? 't1' : null,
    ...extra,
  };
}

const ALL = [
  'audit:read',
  'clients:read',
  'clients:write',
  'municipalities:read',
  'municipalities:write',
  'organizations:read',
  'organizations:write',
  'teachers:import',
  'teachers:read',
  'teachers:write',
  'users:read',
  'users:write',
];
const labels = (m: Me) => buildNav(m).map((i) => i.label);

describe('navigation by permissions', () => {
  it('events and their series for whoever reads events (every role of the demo)', () => {
    expect(labels(me('association_leader', ['organizations:read', 'events:read']))).toEqual([
      'Главная',
      'Организации',
      'Мероприятия',
      'Серии мероприятий',
    ]);
    expect(labels(me('association_leader', ['organizations:read']))).not.toContain('Мероприятия');
  });

  it('department sees everything', () => {
    expect(labels(me('department', ALL))).toEqual([
      'Главная',
      'Организации',
      'Педагоги',
      'Импорт педагогов',
      'Пользователи',
      'Интеграции',
      'Журнал аудита',
      'Настройки муниципалитета',
    ]);
  });

  it('methodologist and school admin: no administration', () => {
    const perms = ['organizations:read', 'organizations:write', 'teachers:import', 'teachers:read', 'teachers:write'];
    expect(labels(me('methodologist', perms))).toEqual(['Главная', 'Организации', 'Педагоги', 'Импорт педагогов']);
    expect(labels(me('school_admin', perms))).toEqual(['Главная', 'Организации', 'Педагоги', 'Импорт педагогов']);
  });

  it('association leader without teachers:read sees only organizations', () => {
    expect(labels(me('association_leader', ['organizations:read']))).toEqual(['Главная', 'Организации']);
  });

  it('a pure teacher sees «Мой профиль» instead of the registry', () => {
    const teacher = me('teacher', ['organizations:read', 'teachers:read']);
    expect(isPureTeacher(teacher)).toBe(true);
    expect(canBrowseTeachers(teacher)).toBe(false);
    expect(labels(teacher)).toEqual(['Главная', 'Организации', 'Мой профиль']);
  });

  it('a teacher who is also a methodologist keeps the registry', () => {
    const both = me('teacher', ['organizations:read', 'teachers:read']);
    both.roles.push({ ...both.roles[0]!, role: 'methodologist', teacher_id: null });
    both.reach = { ...both.reach, 'teachers:read': 'municipality' }; // the widest of the two grants
    expect(isPureTeacher(both)).toBe(false);
    expect(labels(both)).toContain('Педагоги');
    expect(labels(both)).toContain('Мой профиль');
  });

  it('courses, attestation and mentoring: for those who keep the records, by permission, not for a teacher’s own ones', () => {
    const growth = ['courses:read', 'courses:write', 'attestations:read', 'mentoring:read'];
    expect(labels(me('methodologist', ['organizations:read', ...growth]))).toEqual([
      'Главная',
      'Организации',
      'Повышение квалификации',
      'Аттестация',
      'Наставничество',
    ]);
    expect(labels(me('school_admin', ['courses:read']))).toEqual(['Главная', 'Повышение квалификации']);
    expect(labels(me('teacher', ['teachers:read', 'courses:read', 'attestations:read', 'mentoring:read']))).toEqual(['Главная', 'Мой профиль']);
  });

  it('the practice bank: for everyone who reads it, a teacher too (published practices are the municipality’s)', () => {
    expect(labels(me('teacher', ['teachers:read', 'practices:read', 'practices:write']))).toEqual(['Главная', 'Мой профиль', 'Банк практик']);
    expect(labels(me('association_leader', ['practices:read', 'practices:review']))).toEqual(['Главная', 'Банк практик']);
  });

  it('no permissions → only the home page; scope names are deduplicated', () => {
    expect(labels(me('teacher', []))).toEqual(['Главная']);
    const m = me('department', ALL);
    m.roles.push({ ...m.roles[0]! });
    expect(scopeNames(m)).toBe('город Кострома');
  });
});
