import { parseOrganizationSearch, toOrganizationQuery } from '../pages/organizations/search';
import { parseTeacherSearch, toTeacherQuery } from '../pages/teachers/search';

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
