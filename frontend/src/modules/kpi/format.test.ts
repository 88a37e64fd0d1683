import { cleanFilters, describeFilters, formatFraction, formatKpiValue, lastCompleteAcademicYear, sortBreakdown, statusView, trendPeriods } from './format';
import { emptyEditor, editorErrors, toIndicatorCreate, toPreviewBody } from './editorForm';
import { kpiScope, parseKpiSearch, scopeChoices } from './search';
import { t } from './messages';
import type { Me } from '../../auth/permissions';
import type { Measure } from './api';

const k = t.kpi;

describe('KPI values as people read them', () => {
  it('a share with one decimal and «%», a count, yes/no, and «нет данных» for an empty value', () => {
    expect(formatKpiValue(62.146893, 'percent')).toBe('62,1 %');
    expect(formatKpiValue(0, 'percent')).toBe('0,0 %');
    expect(formatKpiValue(1234, 'count')).toBe(`1${'\u00a0'}234`);
    expect(formatKpiValue(1, 'yes_no')).toBe('да');
    expect(formatKpiValue(0, 'yes_no')).toBe('нет');
    expect(formatKpiValue(null, 'percent')).toBe(k.noData);
  });

  it('numerator and denominator «12 из 40»; a count has none', () => {
    expect(formatFraction(12, 40)).toBe('12 из 40');
    expect(formatFraction(4, null)).toBeNull();
  });

  it('every status has a colour and words: green met, yellow close, red missed, gray no target / no data', () => {
    expect(statusView('met', 90)).toMatchObject({ color: 'green', label: 'Цель достигнута' });
    expect(statusView('close', 80)).toMatchObject({ color: 'yellow', label: 'Близко к цели' });
    expect(statusView('missed', 10)).toMatchObject({ color: 'red', label: 'Цель не достигнута' });
    expect(statusView('no_target', 10)).toMatchObject({ color: 'gray', label: 'Цель не задана' });
    expect(statusView('no_data', null)).toMatchObject({ color: 'gray', label: 'Нет данных' });
    // The engine's first answers: ok / no_data without a target.
    expect(statusView('ok', 10).code).toBe('no_target');
    expect(statusView('ok', null).code).toBe('no_data');
  });
});

describe('KPI periods', () => {
  it('defaults to the last complete academic year; the trend is the five years ending with the period', () => {
    expect(lastCompleteAcademicYear(new Date(2026, 11, 2))).toBe('2025/2026');
    expect(lastCompleteAcademicYear(new Date(2026, 7, 31))).toBe('2024/2025');
    expect(trendPeriods('2025/2026')).toEqual(['2021/2022', '2022/2023', '2023/2024', '2024/2025', '2025/2026']);
  });
});

describe('breakdown sort', () => {
  const rows = [
    { unit_id: 'a', unit_name: 'СОШ № 22', numerator: 18, denominator: 30, value: 60 },
    { unit_id: 'b', unit_name: 'Гимназия № 33', numerator: 22, denominator: 29, value: 75.9 },
    { unit_id: 'c', unit_name: 'МБУ ГЦОКО', numerator: 0, denominator: 0, value: null },
  ];
  it('by value, biggest first, empty values last either way; by name in Russian order', () => {
    expect(sortBreakdown(rows, { key: 'value', desc: true }).map((r) => r.unit_id)).toEqual(['b', 'a', 'c']);
    expect(sortBreakdown(rows, { key: 'value', desc: false }).map((r) => r.unit_id)).toEqual(['a', 'b', 'c']);
    expect(sortBreakdown(rows, { key: 'unit_name', desc: false }).map((r) => r.unit_name)).toEqual(['Гимназия № 33', 'МБУ ГЦОКО', 'СОШ № 22']);
  });
});

const events: Measure = {
  code: 'events.participants',
  name: 'Участники мероприятий',
  description: '',
  kind: 'teachers',
  module: 'events',
  population: false,
  filters: [
    { name: 'level_min', type: 'enum', title: 'Уровень мероприятия не ниже', values: ['school', 'municipal', 'regional'] },
    { name: 'roles', type: 'enum_set', title: 'Роли участия', values: ['listener', 'speaker'] },
    { name: 'intends_to_apply', type: 'flag', title: 'Намерен применять', values: [] },
  ],
};
const counted: Measure = { code: 'teachers.counted', name: 'Учитываемые педагоги', description: '', kind: 'teachers', module: 'teachers', population: true, filters: [] };

describe('measure filters', () => {
  it('keeps only declared filters with a value the measure accepts', () => {
    expect(cleanFilters(events.filters, { level_min: 'regional', roles: ['speaker', 'ghost'], intends_to_apply: false, sql: '1=1' })).toEqual({
      level_min: 'regional',
      roles: ['speaker'],
    });
    expect(cleanFilters(events.filters, { level_min: 'galactic', roles: [], intends_to_apply: true })).toEqual({ intends_to_apply: true });
  });

  it('describes a definition in words', () => {
    expect(describeFilters({ roles: ['speaker'], level_min: 'municipal' }, events.filters)).toBe(
      'Роли участия: докладчик; Уровень мероприятия не ниже: муниципальный',
    );
    expect(describeFilters({}, events.filters)).toBe(k.drilldown.noFilters);
  });
});

describe('indicator editor', () => {
  const filled = {
    ...emptyEditor(),
    code: 'M-SPEAK',
    name: 'Доля докладчиков',
    description: 'Докладчики среди учитываемых',
    numerator_measure: 'events.participants',
    numerator_filters: { roles: ['speaker'] },
    denominator_measure: 'teachers.counted',
  };
  it('asks for the code, the name, the definition and the measures; a share needs a denominator', () => {
    expect(editorErrors(emptyEditor())).toMatchObject({ code: t.validation.required, name: t.validation.required, numerator_measure: t.validation.required, denominator_measure: t.validation.required });
    expect(editorErrors({ ...filled, code: 'код' }).code).toBe(k.editor.codeHint);
    expect(editorErrors({ ...filled, unit: 'count', denominator_measure: null })).toEqual({});
  });

  it('previews as soon as the unit and measures are chosen; a count sends no denominator', () => {
    expect(toPreviewBody(emptyEditor(), [events, counted], '2025/2026')).toBeNull();
    expect(toPreviewBody({ ...filled, code: '', name: 'Д' }, [events, counted], '2025/2026')).toMatchObject({
      code: null,
      name: null,
      numerator_filters: { roles: ['speaker'] },
      denominator_measure: 'teachers.counted',
      period: '2025/2026',
    });
    expect(toIndicatorCreate({ ...filled, unit: 'count' }, [events, counted])).toMatchObject({ unit: 'count', denominator_measure: null, denominator_filters: {} });
  });
});

describe('scope of the values (from /me, never role names)', () => {
  const me = (reach: string, extra: Partial<Me> = {}) =>
    ({ roles: [], permissions: ['kpi:read'], reach: { 'kpi:read': reach }, municipality_ids: ['m1'], organization_ids: [], ...extra }) as unknown as Me;
  it('a municipality with a per-school breakdown, one school when picked; a school administrator their school', () => {
    expect(kpiScope(me('municipality'), {})).toEqual({ where: { municipality_id: 'm1' }, breakdown: 'organization', municipalityId: 'm1' });
    expect(kpiScope(me('municipality'), { organization_id: 'o2' })?.where).toEqual({ organization_id: 'o2' });
    expect(kpiScope(me('organization', { organization_ids: ['o1'] }), {})).toMatchObject({ where: { organization_id: 'o1' }, breakdown: 'none' });
    expect(scopeChoices(me('municipality')).municipality).toBe(false);
  });
  it('a region-wide reader sees the region by municipality until one is picked', () => {
    const region = me('municipality', {
      municipality_ids: ['m1', 'm2'],
      roles: [{ role: 'department', region_id: 'r1', municipality_id: null, organization_id: null, teacher_id: null }],
    } as Partial<Me>);
    expect(kpiScope(region, {})).toEqual({ where: { region_id: 'r1' }, breakdown: 'municipality' });
    expect(kpiScope(region, { municipality_id: 'm2' })?.breakdown).toBe('organization');
    expect(scopeChoices(region).municipality).toBe(true);
  });
  it('keeps only sane values in the address', () => {
    expect(parseKpiSearch({ period: '2025/2027', indicator: 'PD-3Y', mode: 'approved' })).toEqual({ indicator: 'PD-3Y', mode: 'approved' });
    expect(parseKpiSearch({ indicator: "x' or 1=1" })).toEqual({});
  });
});
