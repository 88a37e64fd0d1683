import { personnelNumbersOf } from './TeacherCard';

describe('personnelNumbersOf', () => {
  it('shows personnel numbers with the organization name and hides technical identifiers', () => {
    const numbers = personnelNumbersOf({
      employments: [
        {
          id: 'e1',
          organization_id: 'org-1',
          organization_name: 'СОШ № 7',
          position_code: 'teacher',
          kind: 'main',
          rate: '1',
          start_date: '2020-09-01',
          end_date: null,
          is_current: true,
        },
      ],
      external_ids: [
        { system: 'hr:org-1', external_id: '01000' },
        { system: 'hr:org-gone', external_id: '5' },
        { system: '1c-zkgu', external_id: 'A-77' },
      ],
    });
    expect(numbers).toEqual([{ organization: 'СОШ № 7', number: '01000' }]);
    expect(JSON.stringify(numbers)).not.toContain('hr:');
  });
});
