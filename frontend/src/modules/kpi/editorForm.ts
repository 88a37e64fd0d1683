/** The indicator editor's values and the bodies it sends: saving (IndicatorCreate) and the live preview (the same
 * fields plus the period; code, name and description may be missing while the form is being filled in). */
import type { IndicatorCreate, IndicatorPreview, Measure } from './api';
import { cleanFilters, type KpiUnit } from './format';
import { t } from './messages';

export type EditorValues = {
  code: string;
  name: string;
  description: string;
  unit: KpiUnit;
  numerator_measure: string | null;
  numerator_filters: Record<string, unknown>;
  denominator_measure: string | null;
  denominator_filters: Record<string, unknown>;
  decimals: number;
  direction: 'higher' | 'lower';
  source: string;
};

export const EDITOR_FIELDS = [
  'code',
  'name',
  'description',
  'unit',
  'numerator_measure',
  'numerator_filters',
  'denominator_measure',
  'denominator_filters',
  'decimals',
  'direction',
  'source',
  'period',
  'municipality_id',
] as const;

export function emptyEditor(): EditorValues {
  return {
    code: '',
    name: '',
    description: '',
    unit: 'percent',
    numerator_measure: null,
    numerator_filters: {},
    denominator_measure: null,
    denominator_filters: {},
    decimals: 1,
    direction: 'higher',
    source: '',
  };
}

const declared = (measures: readonly Measure[], code: string | null) => measures.find((m) => m.code === code)?.filters ?? [];

/** The definition part shared by saving and the preview; null while the unit and measures are not chosen. */
function definition(values: EditorValues, measures: readonly Measure[]) {
  if (!values.numerator_measure) return null;
  const share = values.unit === 'percent';
  if (share && !values.denominator_measure) return null;
  return {
    unit: values.unit,
    numerator_measure: values.numerator_measure,
    numerator_filters: cleanFilters(declared(measures, values.numerator_measure), values.numerator_filters),
    denominator_measure: share ? values.denominator_measure : null,
    denominator_filters: share ? cleanFilters(declared(measures, values.denominator_measure), values.denominator_filters) : {},
    decimals: values.decimals,
    direction: values.direction,
    source: values.source.trim() || null,
    // The API's default: the definition applies to every period.
    effective_from: '2000-01-01',
  };
}

export function toPreviewBody(values: EditorValues, measures: readonly Measure[], period: string): IndicatorPreview | null {
  const def = definition(values, measures);
  if (!def) return null;
  const code = values.code.trim();
  const name = values.name.trim();
  const description = values.description.trim();
  return {
    ...def,
    code: /^[A-Za-z0-9][A-Za-z0-9.\-_]{1,31}$/.test(code) ? code : null,
    name: name.length >= 3 ? name : null,
    description: description.length >= 3 ? description : null,
    period,
  };
}

/** What the form checks before sending (the API checks the rest and names the field). */
export function editorErrors(values: EditorValues): Partial<Record<string, string>> {
  const v = t.validation;
  const out: Partial<Record<string, string>> = {};
  const code = values.code.trim();
  if (!code) out.code = v.required;
  else if (!/^[A-Za-z0-9][A-Za-z0-9.\-_]*$/.test(code) || code.length < 2 || code.length > 32) out.code = t.kpi.editor.codeHint;
  if (values.name.trim().length < 3) out.name = values.name.trim() ? v.tooShort(3) : v.required;
  if (values.description.trim().length < 3) out.description = values.description.trim() ? v.tooShort(3) : v.required;
  if (!values.numerator_measure) out.numerator_measure = v.required;
  if (values.unit === 'percent' && !values.denominator_measure) out.denominator_measure = v.required;
  return out;
}

export function toIndicatorCreate(values: EditorValues, measures: readonly Measure[]): IndicatorCreate | null {
  const def = definition(values, measures);
  if (!def) return null;
  return { ...def, code: values.code.trim(), name: values.name.trim(), description: values.description.trim() };
}
