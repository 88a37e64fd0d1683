import { describe, expect, it } from 'vitest';
import {
  applySaved,
  autosavePayload,
  bandColor,
  bandLabel,
  type CampaignFormValues,
  type Content,
  contentOf,
  formatNumber,
  isAnswered,
  nextItemCode,
  nextOptionKey,
  progressOf,
  retryAt,
  retype,
  toApiContent,
  toggleChoice,
  unansweredItems,
  validateCampaign,
  validateContent,
} from './logic';
import { editor } from './messages';

const content: Content = {
  sections: [
    {
      area_code: 'methodical',
      title: 'Методическая',
      items: [
        { type: 'single', code: 'm.1', text: 'Вопрос', options: [{ key: 'a', text: 'A' }, { key: 'b', text: 'B' }], correct: 'b', points: 2 },
        { type: 'scale', code: 'm.2', text: 'Шкала', scale_max: 3 },
      ],
    },
    {
      area_code: null,
      title: 'Потребности',
      items: [
        { type: 'multiple', code: 'n.1', text: 'Темы', options: [{ key: 'a', text: 'A' }, { key: 'b', text: 'B' }, { key: 'c', text: 'C' }], correct: null, points: 0, max_choices: 2 },
        { type: 'text', code: 'n.2', text: 'Что нужно?' },
      ],
    },
  ],
  scale: { deficit_below: 50, partial_below: 75, areas: {} },
};

describe('answer progress', () => {
  it('counts what the API counts as an answer: 0 on a scale is one, an empty text or choice is not', () => {
    expect(isAnswered(0)).toBe(true);
    expect(isAnswered('  ')).toBe(false);
    expect(isAnswered([])).toBe(false);
    expect(isAnswered(null)).toBe(false);
    const answers = { 'm.1': 'a', 'm.2': 0, 'n.1': [], 'n.2': '' };
    const items = content.sections.flatMap((s) => s.items);
    expect(progressOf(items, answers)).toEqual({ answered: 2, total: 4, percent: 50 });
    expect(unansweredItems(content, answers).map((x) => [x.section, x.item.code])).toEqual([
      [2, 'n.1'],
      [2, 'n.2'],
    ]);
  });

  it('an empty instrument is 0 %, not NaN', () => {
    expect(progressOf([], {})).toEqual({ answered: 0, total: 0, percent: 0 });
  });
});

describe('autosave payload', () => {
  it('sends only what changed since the last save; a cleared answer goes as null', () => {
    const saved = { 'm.1': 'a', 'm.2': 2, 'n.1': ['a', 'b'] };
    const current = { 'm.1': 'b', 'm.2': 2, 'n.1': ['b', 'a'], 'n.2': '' };
    expect(autosavePayload(saved, current)).toEqual({ 'm.1': 'b' });
    expect(autosavePayload(saved, { ...current, 'm.2': null, 'n.2': 'Помощь' })).toEqual({ 'm.1': 'b', 'm.2': null, 'n.2': 'Помощь' });
    expect(autosavePayload({ 'n.2': 'x' }, { 'n.2': '' })).toEqual({ 'n.2': null });
    expect(autosavePayload(saved, saved)).toEqual({});
  });

  it('after a save the sent answers are the saved ones (nulls removed), so nothing is sent twice', () => {
    const saved = { 'm.1': 'a', 'n.2': 'x' };
    const payload = { 'm.1': 'b', 'n.2': null };
    const next = applySaved(saved, payload);
    expect(next).toEqual({ 'm.1': 'b' });
    expect(autosavePayload(next, { 'm.1': 'b', 'n.2': '' })).toEqual({});
  });

  it('a multiple choice keeps the options’ order and at most max_choices', () => {
    const order = ['a', 'b', 'c'];
    expect(toggleChoice(['c'], 'a', order)).toEqual(['a', 'c']);
    expect(toggleChoice(['a', 'c'], 'a', order)).toEqual(['c']);
    expect(toggleChoice(['a', 'c'], 'b', order, 2)).toEqual(['a', 'c']);
  });
});

describe('bands', () => {
  it('a band has words and a colour, never colour alone', () => {
    expect([bandLabel('deficit'), bandColor('deficit')]).toEqual(['Дефицит', 'red']);
    expect([bandLabel('partial'), bandColor('partial')]).toEqual(['Частичный дефицит', 'yellow']);
    expect([bandLabel('none'), bandColor('none')]).toEqual(['Нет дефицита', 'green']);
    expect([bandLabel('other', 'Иное'), bandColor('other')]).toEqual(['Иное', 'gray']);
  });

  it('decimals of the API read the Russian way', () => {
    expect(formatNumber('66.67')).toBe('66,67');
    expect(formatNumber('4.00')).toBe('4');
  });
});

describe('the draft editor', () => {
  it('reads the loose JSON of the API with default bands', () => {
    const c = contentOf({ sections: [{ title: 'Р', items: [{ type: 'scale', code: 'x', text: 'т', scale_max: 2 }, { type: 'weird' }] }], scale: {} });
    expect(c.sections[0]!.items).toHaveLength(1);
    expect(c.scale).toEqual({ deficit_below: 50, partial_below: 75, areas: {} });
  });

  it('names the fields the API would refuse', () => {
    const broken: Content = {
      sections: [
        {
          area_code: 'methodical',
          title: '',
          items: [
            { type: 'single', code: 'm 1', text: '', options: [{ key: 'a', text: '' }], correct: null, points: 1 },
            { type: 'scale', code: 'm.2', text: 'Ш', scale_max: 11 },
            { type: 'text', code: 'm.2', text: 'Т' },
          ],
        },
      ],
      scale: { deficit_below: 80, partial_below: 75, areas: {} },
    };
    const errors = validateContent(broken, 'аб');
    expect(errors).toMatchObject({
      title: editor.errors.title,
      'sections.0.title': editor.errors.sectionTitle,
      'sections.0.items.0.code': editor.errors.code,
      'sections.0.items.0.text': editor.errors.text,
      'sections.0.items.0.options': editor.errors.options,
      'sections.0.items.0.options.0.text': editor.errors.optionText,
      'sections.0.items.0.correct': editor.errors.correctMissing,
      'sections.0.items.1.scale_max': editor.errors.scaleMax,
      'sections.0.items.2.code': editor.errors.codeDuplicate,
      'scale.partial_below': editor.errors.bands,
    });
    expect(validateContent(content, 'Диагностика')).toEqual({});
  });

  it('a choice item with 0 points is sent as a question of preference; area bands only for areas in use', () => {
    const c: Content = {
      ...content,
      scale: { deficit_below: 40, partial_below: 70, areas: { methodical: { deficit_below: 50, partial_below: 80 }, digital: { deficit_below: 1, partial_below: 2 } } },
    };
    c.sections[0]!.items[0] = { ...(c.sections[0]!.items[0] as never as object), points: 0 } as never;
    const out = toApiContent(c);
    expect(out.sections[0]!.items[0]).toMatchObject({ type: 'single', correct: null, points: 0 });
    expect(out.scale).toEqual({ deficit_below: 40, partial_below: 70, areas: { methodical: { deficit_below: 50, partial_below: 80 } } });
  });

  it('new codes and keys are free ones; a new type keeps the code, text and options', () => {
    expect(nextItemCode(content, 0)).toBe('methodical.1');
    expect(nextItemCode({ ...content, sections: [{ area_code: null, title: 'x', items: [{ type: 'text', code: 'q.1', text: '' }] }] }, 0)).toBe('q.2');
    expect(nextOptionKey([{ key: 'a', text: '' }, { key: 'c', text: '' }])).toBe('b');
    const single = content.sections[0]!.items[0]!;
    expect(retype(single, 'multiple')).toMatchObject({ type: 'multiple', code: 'm.1', text: 'Вопрос', options: [{ key: 'a' }, { key: 'b' }], correct: [] });
  });
});

describe('the campaign form', () => {
  const texts = { instrument: 'инструмент', title: 'название', window: 'окно', required: 'обязательно', date: 'дата' };
  const ok: CampaignFormValues = {
    instrument_id: 'i1',
    title: 'Мониторинг 2027',
    opens_on: '2027-04-01',
    closes_on: '2027-04-30',
    organization_ids: [],
    position_codes: [],
    subject_codes: [],
    young_only: false,
    repeat_yearly: true,
  };
  it('needs a published version, a title, both dates and a window that does not end before it opens', () => {
    expect(validateCampaign(ok, texts)).toEqual({});
    expect(validateCampaign({ ...ok, instrument_id: '', title: 'ab', opens_on: null, closes_on: '30.04' }, texts)).toEqual({
      instrument_id: 'инструмент',
      title: 'название',
      opens_on: 'обязательно',
      closes_on: 'дата',
    });
    expect(validateCampaign({ ...ok, closes_on: '2027-03-31' }, texts)).toEqual({ closes_on: 'окно' });
    expect(validateCampaign({ ...ok, closes_on: '2027-04-01', opens_on: '2027-04-01' }, texts)).toEqual({});
  });

  it('a 429 says when a reminder is possible again', () => {
    const now = new Date('2026-12-02T10:00:00Z');
    expect(retryAt(3600, now)?.toISOString()).toBe('2026-12-02T11:00:00.000Z');
    expect(retryAt(null, now)).toBeNull();
    expect(retryAt(Number.NaN, now)).toBeNull();
  });
});
