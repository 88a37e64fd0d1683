import { describe, expect, it } from 'vitest';
import { emptyProgrammeValues, programmeFormSchema, toProgrammeCreate, toProgrammeUpdate } from './programmeForm';
import { t } from './messages';

const valid = {
  ...emptyProgrammeValues(),
  title: 'Программа поддержки методических объединений',
  period_start: '2025-09-01',
  period_end: '2027-08-31',
  tasks: '  Информационная поддержка  ',
  stages: [{ title: ' Организационный ', starts_on: '2025-09-01', ends_on: '2025-12-31' }],
};

describe('programme form', () => {
  it('sends trimmed texts, empty ones as null, and the stages', () => {
    const body = toProgrammeCreate(valid, 'm1');
    expect(body).toMatchObject({ municipality_id: 'm1', status: 'approved', tasks: 'Информационная поддержка', goal: null, basis_text: null });
    expect(body.stages).toEqual([{ title: 'Организационный', starts_on: '2025-09-01', ends_on: '2025-12-31' }]);
    expect(toProgrammeUpdate({ ...valid, stages: [] }).stages).toEqual([]);
  });

  it('refuses a period or a stage that ends before it starts, and a stage without a name', () => {
    expect(programmeFormSchema.safeParse(valid).success).toBe(true);
    const period = programmeFormSchema.safeParse({ ...valid, period_end: '2025-08-31' });
    expect(period.success).toBe(false);
    expect(period.error?.issues[0]).toMatchObject({ path: ['period_end'], message: t.roadmap.programmeForm.endBeforeStart });
    const stage = programmeFormSchema.safeParse({ ...valid, stages: [{ title: 'Этап', starts_on: '2026-01-01', ends_on: '2025-12-31' }] });
    expect(stage.error?.issues[0]).toMatchObject({ path: ['stages', 0, 'ends_on'], message: t.roadmap.programmeForm.stageEndsBeforeStart });
    expect(programmeFormSchema.safeParse({ ...valid, stages: [{ title: ' ', starts_on: '2025-09-01', ends_on: '2025-12-31' }] }).success).toBe(false);
  });
});
