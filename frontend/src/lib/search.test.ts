import { foldFilter } from './search';
import { parseOrganizationSearch, toOrganizationQuery } from '../modules/organizations/search';
import { parseTeacherSearch, toTeacherQuery } from '../modules/teachers/search';

describe('URL search parsing', () => {
  it('keeps valid teacher filters and drops garbage', () => {
    const s = parseTeacherSearch({
      q: 'Иванова',
      organization_id: 'o1',
      category: ['first', 'none'],
      category_status: 'soon',
      young: 'yes',
      sort: 'DROP TABLE',
      offset: '-5',
      limit: 25,
    });
    // The search text never comes from (or goes to) the URL: a name there would land in history and logs.
    expect(s).toEqual({ organization_id: ['o1'], category: ['first', 'none'], young: 'yes', limit: 25 });
    expect(toTeacherQuery(s, 'Иванова')).toEqual({
      q: 'Иванова',
      organization_id: ['o1'],
      category: ['first', 'none'],
      young: true,
      sort: 'last_name',
      limit: 25,
      offset: 0,
    });
  });

  it('maps organization flags to booleans', () => {
    const s = parseOrganizationSearch({ low: 'yes', unfavourable: 'no', innovation: 'regional', type_code: ['sosh'] });
    expect(toOrganizationQuery(s)).toMatchObject({
      is_low_results: true,
      is_unfavourable: false,
      innovation_level: 'regional',
      type_code: ['sosh'],
    });
    expect(parseOrganizationSearch({ q: 'Гимназия' })).toEqual({});
    expect(toOrganizationQuery({}, 'Гимназия')).toMatchObject({ q: 'Гимназия' });
  });
});

describe('foldFilter (pickers)', () => {
  const options = [
    { value: 'a', label: 'Фёдорова Анна' },
    { value: 'b', label: 'Федоров Пётр' },
    { value: 'c', label: 'Иванова Мария' },
  ];
  it('treats ё and е as one letter and ignores case', () => {
    expect(foldFilter({ options, search: 'федоров', limit: 10 }).map((o) => o.value)).toEqual(['a', 'b']);
    expect(foldFilter({ options, search: 'ФЁД', limit: 10 }).map((o) => o.value)).toEqual(['a', 'b']);
    expect(foldFilter({ options, search: 'петр', limit: 10 }).map((o) => o.value)).toEqual(['b']);
  });
  it('keeps groups and the limit', () => {
    const grouped = [{ group: 'Школа', items: options }];
    expect(foldFilter({ options: grouped, search: 'е', limit: 1 })).toEqual([{ group: 'Школа', items: [options[0]] }]);
  });
});
