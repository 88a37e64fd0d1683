import { describe, expect, it } from 'vitest';
import type { Practice, PracticeCriterion } from '../../api/types';
import { emptyPracticeValues, practiceFormSchema, practiceToValues, reviewScores, toPracticeCreate, toPracticeUpdate } from './practiceForm';

const criterion = (code: string, max = 3, is_active = true) =>
  ({ id: code, municipality_id: 'm', code, name: code, max_score: max, sort_order: 0, is_active, version: 1, actions: [] }) as PracticeCriterion;

const practice = {
  id: 'p1',
  version: 3,
  title: 'Проектная деятельность',
  organization_id: 'o1',
  authors: [{ teacher_id: 't1', full_name: 'Иванова Мария Петровна', organization_name: null }],
  kind: 'technique',
  level: 'municipal',
  description: 'Описание',
  keywords: null,
  competence_areas: ['methodical'],
  subjects: [],
  materials: [
    { id: 'm1', title: 'Файл', file_id: 'f1', url: null, content_url: '/x' },
    { id: 'm2', title: 'Видео', file_id: null, url: 'https://example.org/v', content_url: null },
  ],
} as unknown as Practice;

describe('practice form', () => {
  it('asks for a title, an organization and an author, in Russian', () => {
    const r = practiceFormSchema.safeParse(emptyPracticeValues(null, null));
    expect(r.success).toBe(false);
    const messages = r.error!.issues.map((i) => i.message);
    expect(messages).toContain('Введите название (не короче 3 символов)');
    expect(messages).toContain('Выберите организацию');
    expect(messages).toContain('Укажите хотя бы одного автора');
  });

  it('refuses a material link that is not a web address', () => {
    const values = {
      ...emptyPracticeValues('o1', { id: 't1', label: 'Иванова' }),
      title: 'Кейс',
      materials: [
        { title: 'Ссылка', url: 'ftp://x', file_id: null },
        { title: 'Файл', url: '', file_id: 'f1' },
      ],
    };
    const r = practiceFormSchema.safeParse(values);
    expect(r.error!.issues[0]!.message).toBe('Ссылка должна начинаться с http:// или https://');
  });

  it('creates with empty texts as null and sends only what changed on edit; a file material stays a file', () => {
    const body = toPracticeCreate({ ...emptyPracticeValues('o1', { id: 't1', label: 'Иванова' }), title: ' Кейс ' });
    expect(body).toMatchObject({ title: 'Кейс', author_ids: ['t1'], description: null, keywords: null });
    const values = practiceToValues(practice);
    expect(values.materials).toEqual([
      { title: 'Файл', url: '', file_id: 'f1' },
      { title: 'Видео', url: 'https://example.org/v', file_id: null },
    ]);
    expect(toPracticeUpdate(values, practice)).toEqual({});
    const changed = toPracticeUpdate({ ...values, keywords: 'проект', materials: values.materials.slice(0, 1) }, practice);
    expect(changed).toEqual({ keywords: 'проект', materials: [{ title: 'Файл', file_id: 'f1' }] });
  });
});

describe('review scores', () => {
  it('every active criterion is scored 0…max; the total and the maximum follow', () => {
    const list = [criterion('relevance'), criterion('novelty', 5), criterion('old', 3, false)];
    const ok = reviewScores(list, { relevance: 3, novelty: '4' });
    expect(ok).toMatchObject({ complete: true, total: 7, max: 8, scores: { relevance: 3, novelty: 4 } });
    const bad = reviewScores(list, { relevance: 4 });
    expect(bad.complete).toBe(false);
    expect(bad.errors).toEqual({ relevance: 'Поставьте балл от 0 до 3', novelty: 'Поставьте балл от 0 до 5' });
  });
});
