/**
 * Pure helpers of the diagnostics SPA: the typed content of an instrument, answer progress, the autosave payload
 * (only what changed since the last save), band labels and colours, and the checks of the draft editor.
 */
import { diagnostics as d, editor as e } from './messages';

export type Option = { key: string; text: string };
export type SingleItem = { type: 'single'; code: string; text: string; options: Option[]; correct?: string | null; points?: number };
export type MultipleItem = {
  type: 'multiple';
  code: string;
  text: string;
  options: Option[];
  correct?: string[] | null;
  points?: number;
  max_choices?: number | null;
};
export type ScaleItem = { type: 'scale'; code: string; text: string; scale_max: number; scale_labels?: string[] | null };
export type TextItem = { type: 'text'; code: string; text: string; max_length?: number };
export type Item = SingleItem | MultipleItem | ScaleItem | TextItem;
export type ItemType = Item['type'];
export type Section = { area_code?: string | null; title: string; items: Item[] };
export type BandLimits = { deficit_below: number; partial_below: number };
export type ScoringScale = BandLimits & { areas?: Record<string, BandLimits> };
export type Content = { sections: Section[]; scale: ScoringScale };

export type AnswerValue = string | number | string[] | null;
export type Answers = Record<string, AnswerValue>;

export const ITEM_TYPES = ['single', 'multiple', 'scale', 'text'] as const;
export const DEFAULT_BANDS: BandLimits = { deficit_below: 50, partial_below: 75 };

/** The API keeps sections as loose JSON: read them as the typed content (unknown shapes are dropped). */
export function contentOf(raw: { sections: Record<string, unknown>[]; scale: Record<string, unknown> }): Content {
  const sections = raw.sections.map((s) => {
    const items = Array.isArray(s.items) ? (s.items as Item[]).filter((i) => ITEM_TYPES.includes(i?.type)) : [];
    return { area_code: (s.area_code as string | null | undefined) ?? null, title: String(s.title ?? ''), items };
  });
  const scale = raw.scale as Partial<ScoringScale>;
  return {
    sections,
    scale: {
      deficit_below: scale.deficit_below ?? DEFAULT_BANDS.deficit_below,
      partial_below: scale.partial_below ?? DEFAULT_BANDS.partial_below,
      areas: scale.areas ?? {},
    },
  };
}

// --- answers ---

/** What the API counts as an answer: anything but null, an empty text and an empty choice. */
export function isAnswered(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

export type Progress = { answered: number; total: number; percent: number };

export function progressOf(items: readonly Item[], answers: Answers): Progress {
  const total = items.length;
  const answered = items.filter((i) => isAnswered(answers[i.code])).length;
  return { answered, total, percent: total ? Math.round((answered * 100) / total) : 0 };
}

export const allItems = (content: Content): Item[] => content.sections.flatMap((s) => s.items);

/** Items without an answer, with their section number (1-based) for the warning before submission. */
export function unansweredItems(content: Content, answers: Answers): { section: number; index: number; item: Item }[] {
  return content.sections.flatMap((s, si) =>
    s.items.map((item, index) => ({ section: si + 1, index: index + 1, item })).filter((x) => !isAnswered(answers[x.item.code])),
  );
}

const same = (a: AnswerValue | undefined, b: AnswerValue | undefined): boolean => {
  const na = isAnswered(a) ? a : null;
  const nb = isAnswered(b) ? b : null;
  if (Array.isArray(na) && Array.isArray(nb)) return na.length === nb.length && na.every((v) => nb.includes(v));
  return na === nb;
};

/**
 * The body of an autosave: the answers that differ from the last saved ones; a cleared answer is sent as `null`
 * (the API keeps whatever is not sent). Empty — nothing to save.
 */
export function autosavePayload(saved: Answers, current: Answers): Answers {
  const out: Answers = {};
  for (const code of new Set([...Object.keys(saved), ...Object.keys(current)])) {
    if (!same(saved[code], current[code])) out[code] = isAnswered(current[code]) ? (current[code] ?? null) : null;
  }
  return out;
}

/** The saved answers after a successful save of `payload` (nulls remove). */
export function applySaved(saved: Answers, payload: Answers): Answers {
  const next: Answers = { ...saved };
  for (const [code, value] of Object.entries(payload)) {
    if (isAnswered(value)) next[code] = value;
    else delete next[code];
  }
  return next;
}

/** Toggles an option of a multiple-choice answer, keeping the options' order; refuses past `max`. */
export function toggleChoice(current: AnswerValue | undefined, key: string, order: readonly string[], max?: number | null): string[] {
  const chosen = Array.isArray(current) ? current : [];
  if (chosen.includes(key)) return chosen.filter((k) => k !== key);
  if (max && chosen.length >= max) return chosen;
  const next = [...chosen, key];
  return order.filter((k) => next.includes(k));
}

// --- bands ---

export type Band = 'deficit' | 'partial' | 'none';
const BAND_COLORS: Record<string, string> = { deficit: 'red', partial: 'yellow', none: 'green' };

/** The band in words (never colour alone). */
export function bandLabel(band: string, fallback?: string): string {
  return d.bands[band] ?? fallback ?? band;
}

export function bandColor(band: string): string {
  return BAND_COLORS[band] ?? 'gray';
}

/** A decimal as the API sends it («66.67») → «66,67». */
export function formatNumber(value: string | number): string {
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n.toLocaleString('ru-RU', { maximumFractionDigits: 2 }) : String(value);
}

// --- the draft editor ---

export const CODE_RE = /^[A-Za-z0-9_.-]{1,32}$/;

export function newItem(type: ItemType, code: string): Item {
  switch (type) {
    case 'single':
      return { type, code, text: '', options: [{ key: 'a', text: '' }, { key: 'b', text: '' }], correct: null, points: 1 };
    case 'multiple':
      return { type, code, text: '', options: [{ key: 'a', text: '' }, { key: 'b', text: '' }], correct: [], points: 1 };
    case 'scale':
      return { type, code, text: '', scale_max: 3 };
    case 'text':
      return { type, code, text: '', max_length: 1000 };
  }
}

/** Changes an item's type keeping its code and text. */
export function retype(item: Item, type: ItemType): Item {
  if (item.type === type) return item;
  const next = newItem(type, item.code);
  const options = 'options' in item ? item.options : undefined;
  if (options && 'options' in next) next.options = options;
  return { ...next, text: item.text } as Item;
}

/** The next free option key: a, b, … z, then a1, b1… */
export function nextOptionKey(options: readonly Option[]): string {
  const used = new Set(options.map((o) => o.key));
  for (let round = 0; ; round += 1) {
    for (const ch of 'abcdefghijklmnopqrstuvwxyz') {
      const key = round ? `${ch}${round}` : ch;
      if (!used.has(key)) return key;
    }
  }
}

/** The next free item code of a section: `<area>.<n>` (or `q.<n>`). */
export function nextItemCode(content: Content, sectionIndex: number): string {
  const used = new Set(allItems(content).map((i) => i.code));
  const prefix = (content.sections[sectionIndex]?.area_code ?? 'q').replace(/[^A-Za-z0-9_.-]/g, '').slice(0, 20) || 'q';
  for (let n = 1; ; n += 1) {
    const code = `${prefix}.${n}`;
    if (!used.has(code)) return code;
  }
}

/** What the API would refuse, by path (`sections.0.items.1.text`), so the editor shows it at the field first. */
export function validateContent(content: Content, title?: string): Record<string, string> {
  const errors: Record<string, string> = {};
  if (title !== undefined && title.trim().length < 3) errors.title = e.errors.title;
  if (!content.sections.length) errors.sections = e.errors.noSections;
  const codes = allItems(content).map((i) => i.code);
  content.sections.forEach((s, si) => {
    const at = `sections.${si}`;
    if (!s.title.trim()) errors[`${at}.title`] = e.errors.sectionTitle;
    if (!s.items.length) errors[`${at}.items`] = e.errors.sectionEmpty;
    s.items.forEach((item, ii) => {
      const p = `${at}.items.${ii}`;
      if (!CODE_RE.test(item.code)) errors[`${p}.code`] = e.errors.code;
      else if (codes.filter((c) => c === item.code).length > 1) errors[`${p}.code`] = e.errors.codeDuplicate;
      if (!item.text.trim()) errors[`${p}.text`] = e.errors.text;
      if (item.type === 'single' || item.type === 'multiple') {
        if (item.options.length < 2) errors[`${p}.options`] = e.errors.options;
        item.options.forEach((o, oi) => {
          if (!o.text.trim()) errors[`${p}.options.${oi}.text`] = e.errors.optionText;
        });
        const scored = (item.points ?? 0) > 0;
        const correct = item.type === 'single' ? (item.correct ? [item.correct] : []) : (item.correct ?? []);
        if (scored && correct.length === 0) errors[`${p}.correct`] = e.errors.correctMissing;
        if ((item.points ?? 0) < 0 || (item.points ?? 0) > 100) errors[`${p}.points`] = e.errors.points;
      }
      if (item.type === 'scale' && (item.scale_max < 1 || item.scale_max > 10)) errors[`${p}.scale_max`] = e.errors.scaleMax;
    });
  });
  const limits: [string, BandLimits][] = [['scale', content.scale], ...Object.entries(content.scale.areas ?? {}).map(([a, l]) => [`scale.areas.${a}`, l] as [string, BandLimits])];
  for (const [path, l] of limits) {
    for (const f of ['deficit_below', 'partial_below'] as const) {
      if (!(l[f] >= 1 && l[f] <= 100)) errors[`${path}.${f}`] = e.errors.percent;
    }
    if (l.deficit_below > l.partial_below) errors[`${path}.partial_below`] = e.errors.bands;
  }
  return errors;
}

/**
 * The content as the API takes it: a choice item with 0 points is a question of preference (no `correct`), an
 * item's fields of other types are dropped, area bands only for areas that have sections.
 */
export function toApiContent(content: Content): Content {
  const areas = new Set(content.sections.map((s) => s.area_code).filter(Boolean) as string[]);
  const sections = content.sections.map((s) => ({
    area_code: s.area_code || null,
    title: s.title.trim(),
    items: s.items.map((item): Item => {
      const base = { code: item.code.trim(), text: item.text.trim() };
      switch (item.type) {
        case 'single': {
          const scored = (item.points ?? 0) > 0 && Boolean(item.correct);
          return { ...base, type: 'single', options: item.options, correct: scored ? item.correct : null, points: scored ? (item.points ?? 1) : 0 };
        }
        case 'multiple': {
          const scored = (item.points ?? 0) > 0 && (item.correct ?? []).length > 0;
          return {
            ...base,
            type: 'multiple',
            options: item.options,
            correct: scored ? item.correct : null,
            points: scored ? (item.points ?? 1) : 0,
            ...(item.max_choices ? { max_choices: item.max_choices } : {}),
          };
        }
        case 'scale':
          return { ...base, type: 'scale', scale_max: item.scale_max, ...(item.scale_labels ? { scale_labels: item.scale_labels } : {}) };
        case 'text':
          return { ...base, type: 'text', max_length: item.max_length ?? 1000 };
      }
    }),
  }));
  const areaBands = Object.fromEntries(Object.entries(content.scale.areas ?? {}).filter(([a]) => areas.has(a)));
  return { sections, scale: { deficit_below: content.scale.deficit_below, partial_below: content.scale.partial_below, areas: areaBands } };
}

// --- campaigns ---

export type CampaignFormValues = {
  instrument_id: string;
  title: string;
  opens_on: string | null;
  closes_on: string | null;
  organization_ids: string[];
  position_codes: string[];
  subject_codes: string[];
  young_only: boolean;
  repeat_yearly: boolean;
};

const ISO = /^\d{4}-\d{2}-\d{2}$/;

/** The campaign form's own checks (the API checks them again): field → message. */
export function validateCampaign(v: CampaignFormValues, texts: { instrument: string; title: string; window: string; required: string; date: string }): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!v.instrument_id) errors.instrument_id = texts.instrument;
  if (v.title.trim().length < 3) errors.title = texts.title;
  for (const f of ['opens_on', 'closes_on'] as const) {
    const value = v[f];
    if (!value) errors[f] = texts.required;
    else if (!ISO.test(value)) errors[f] = texts.date;
  }
  if (!errors.opens_on && !errors.closes_on && v.opens_on && v.closes_on && v.closes_on < v.opens_on) errors.closes_on = texts.window;
  return errors;
}

/** A 429's `Retry-After` (seconds) as the moment a reminder is possible again. */
export function retryAt(retryAfterSeconds: number | null, now: Date = new Date()): Date | null {
  if (retryAfterSeconds === null || !Number.isFinite(retryAfterSeconds) || retryAfterSeconds <= 0) return null;
  return new Date(now.getTime() + retryAfterSeconds * 1000);
}
