import { describe, expect, it } from 'vitest';
import { askSchema, closeSchema, toAsk, toClose, toConsultation } from './helpForm';
import { t } from './messages';

describe('help-request forms', () => {
  it('a teacher asks with no ids; a school names the teacher or itself', () => {
    const values = { teacher_id: null, topic_code: 'digital', description: '  Как вести электронный журнал  ', desired_form: 'consultation' as const };
    expect(toAsk(values, null)).toEqual({ topic_code: 'digital', description: 'Как вести электронный журнал', desired_form: 'consultation' });
    expect(toAsk({ ...values, teacher_id: 't1' }, null)).toMatchObject({ teacher_id: 't1' });
    expect(toAsk(values, 'o1')).toMatchObject({ organization_id: 'o1' });
  });

  it('asks for a topic and a description of at least 5 characters', () => {
    const r = askSchema.safeParse({ teacher_id: null, topic_code: null, description: 'abc', desired_form: 'visit' });
    expect(r.success).toBe(false);
    const messages = r.success ? [] : r.error.issues.map((i) => i.message);
    expect(messages).toContain(t.help.validation.topic);
    expect(messages).toContain(t.help.validation.description);
  });

  it('closing needs a resolution and a comment', () => {
    const r = closeSchema.safeParse({ resolution: null, comment: '' });
    expect(r.success).toBe(false);
    expect(toClose({ resolution: 'partial', comment: ' Частично ' })).toEqual({ resolution: 'partial', comment: 'Частично' });
  });

  it('an empty consultant and notes are sent as null (the API fills in the caller)', () => {
    expect(toConsultation({ held_on: null, form: 'online', consultant_name: ' ', notes: '' })).toEqual({
      held_on: null,
      form: 'online',
      consultant_name: null,
      notes: null,
    });
  });
});
