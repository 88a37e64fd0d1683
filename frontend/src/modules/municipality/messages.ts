/** Russian text of the municipality module; `t` = the shared text plus this module's section. */
import { t as shared } from '../../i18n/messages';

export const municipality = {
  title: 'Настройки муниципалитета',
  choose: 'Муниципалитет',
  youngTitle: 'Кто считается молодым педагогом',
  youngIntro:
    'Правило применяется ко всем педагогам муниципалитета: в списках, на главной странице и в показателях. Возраст и стаж считаются полными годами на сегодняшнюю дату.',
  ageLimit: 'Возраст меньше, лет',
  experienceLimit: 'Педагогический стаж меньше, лет',
  rule: 'Сочетание условий',
  ruleOr: 'Любое из условий (или)',
  ruleAnd: 'Оба условия (и)',
  preview: (age: number, exp: number, rule: string) =>
    rule === 'and'
      ? `Молодой педагог — младше ${age} лет и со стажем меньше ${exp} лет.`
      : `Молодой педагог — младше ${age} лет или со стажем меньше ${exp} лет.`,
  saved: 'Правило сохранено. Отметки «молодой педагог» пересчитаны.',
  mentoringTitle: 'Наставничество',
  mentoringIntro:
    'Правила проверяются при записи пары наставничества: у наставляемого — один действующий наставник, у наставника — не больше наставляемых, чем указано здесь.',
  maxMentees: 'Наставляемых у одного наставника одновременно, не больше',
  youngMentorsAllowed: 'Молодой педагог может быть наставником',
  mentoringSaved: 'Правила наставничества сохранены',
} as const;

export const t = { ...shared, municipality } as const;
