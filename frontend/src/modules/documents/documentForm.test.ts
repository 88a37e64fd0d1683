import { describe, expect, it } from 'vitest';
import { documentFormSchema, documentToValues, emptyDocumentValues, toDocumentCreate, toDocumentUpdate } from './documentForm';
import { t } from './messages';
import { parseDocumentSearch, toDocumentQuery } from './search';
import { approvedPlan } from './testDocument';

const v = t.validation;

function errorsOf(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
  return result.success ? {} : Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.join('.'), i.message]));
}

describe('document form', () => {
  it('asks for a title and a real link; a file must be uploaded when «Файл» is chosen', () => {
    const empty = emptyDocumentValues('2026/2027', null);
    expect(errorsOf(documentFormSchema.safeParse({ ...empty, url: '' }))).toMatchObject({ title: v.tooShort(2), url: v.required });
    expect(errorsOf(documentFormSchema.safeParse({ ...empty, title: 'План', url: 'school.ru' })).url).toBe(t.documents.url);
    expect(errorsOf(documentFormSchema.safeParse({ ...empty, title: 'План', content: 'file' })).file_id).toBe(v.required);
    expect(documentFormSchema.safeParse({ ...empty, title: 'План', content: 'none' }).success).toBe(true);
  });

  it('sends a file or a link, never both, and empty texts as nothing', () => {
    const values = { ...emptyDocumentValues('2026/2027', 'o1'), title: ' План ', url: 'https://x.ru/a.pdf', file_id: 'f1' };
    expect(toDocumentCreate(values)).toEqual({
      organization_id: 'o1',
      type: 'association_plan',
      title: 'План',
      academic_year: '2026/2027',
      last_academic_year: null,
      number: null,
      doc_date: null,
      file_id: null,
      url: 'https://x.ru/a.pdf',
      note: null,
    });
    expect(toDocumentCreate({ ...values, content: 'file' })).toMatchObject({ file_id: 'f1', url: null });
    expect(toDocumentCreate({ ...values, content: 'none' })).toMatchObject({ file_id: null, url: null });
  });

  it('an edit sends only what changed; a new file drops the link', () => {
    expect(toDocumentUpdate(documentToValues(approvedPlan), approvedPlan)).toEqual({});
    expect(toDocumentUpdate({ ...documentToValues(approvedPlan), title: 'Уточнённый план' }, approvedPlan)).toEqual({ title: 'Уточнённый план' });
    expect(toDocumentUpdate({ ...documentToValues(approvedPlan), content: 'file', file_id: 'f2' }, approvedPlan)).toEqual({ file_id: 'f2', url: null });
  });
});

describe('documents search', () => {
  it('keeps only known values in the URL and asks the API for the municipality’s own documents by level', () => {
    const s = parseDocumentSearch({ academic_year: '2021/2022', type: ['pd_plan', 'castle'], status: 'approved', organization_id: 'municipality' });
    expect(s).toEqual({ academic_year: '2021/2022', type: ['pd_plan'], status: ['approved'], organization_id: 'municipality' });
    expect(toDocumentQuery(s)).toMatchObject({ level: 'municipality', type: ['pd_plan'], status: ['approved'], academic_year: '2021/2022' });
    expect(toDocumentQuery(s).organization_id).toBeUndefined();
    expect(toDocumentQuery({ organization_id: 'o1' })).toMatchObject({ organization_id: 'o1', sort: '-academic_year', offset: 0 });
    expect(parseDocumentSearch({ academic_year: '2021/2023' }).academic_year).toBeUndefined();
  });
});
