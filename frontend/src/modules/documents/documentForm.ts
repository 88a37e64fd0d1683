/** The document form: zod schema (Russian messages, the API's rules: a file or a link, never both) and the bodies. */
import { z } from 'zod';
import type { DocumentCreate, DocumentRecord, DocumentUpdate } from '../../api/types';
import { isInvalidDateText } from '../../components/DateField';
import { t } from './messages';
import { DOCUMENT_TYPES } from './search';

const v = t.validation;

export const CONTENT_KINDS = ['file', 'link', 'none'] as const;

export const documentFormSchema = z
  .object({
    organization_id: z.string().nullable(),
    type: z.enum(DOCUMENT_TYPES),
    title: z.string().trim().min(2, v.tooShort(2)).max(500, v.tooLong(500)),
    academic_year: z.string().min(1, v.required),
    last_academic_year: z.string(),
    number: z.string().trim().max(100, v.tooLong(100)),
    doc_date: z
      .string()
      .nullable()
      .refine((d) => !isInvalidDateText(d), v.date),
    content: z.enum(CONTENT_KINDS),
    file_id: z.string().nullable(),
    file_name: z.string().nullable(),
    url: z.string().trim().max(1000, v.tooLong(1000)),
    note: z.string().trim().max(4000, v.tooLong(4000)),
  })
  .superRefine((x, ctx) => {
    if (x.last_academic_year && x.last_academic_year < x.academic_year) {
      ctx.addIssue({ code: 'custom', path: ['last_academic_year'], message: t.documents.lastBeforeFirst });
    }
    if (x.content === 'link' && !/^https?:\/\/\S+$/.test(x.url)) {
      ctx.addIssue({ code: 'custom', path: ['url'], message: x.url ? t.documents.url : v.required });
    }
    if (x.content === 'file' && !x.file_id) {
      ctx.addIssue({ code: 'custom', path: ['file_id'], message: v.required });
    }
  });

export type DocumentFormValues = z.input<typeof documentFormSchema>;
export const DOCUMENT_FORM_FIELDS = ['organization_id', 'type', 'title', 'academic_year', 'last_academic_year', 'number', 'doc_date', 'file_id', 'url', 'note'] as const;

export function emptyDocumentValues(academicYear: string, organizationId: string | null): DocumentFormValues {
  return {
    organization_id: organizationId,
    type: 'association_plan',
    title: '',
    academic_year: academicYear,
    last_academic_year: '',
    number: '',
    doc_date: null,
    content: 'link',
    file_id: null,
    file_name: null,
    url: '',
    note: '',
  };
}

export function documentToValues(doc: DocumentRecord): DocumentFormValues {
  return {
    organization_id: doc.organization_id ?? null,
    type: DOCUMENT_TYPES.find((x) => x === doc.type) ?? 'other',
    title: doc.title,
    academic_year: doc.academic_year,
    last_academic_year: doc.last_academic_year ?? '',
    number: doc.number ?? '',
    doc_date: doc.doc_date ?? null,
    content: doc.file_id ? 'file' : doc.url ? 'link' : 'none',
    file_id: doc.file_id ?? null,
    file_name: null,
    url: doc.url ?? '',
    note: doc.note ?? '',
  };
}

function content(values: DocumentFormValues): { file_id: string | null; url: string | null } {
  if (values.content === 'file') return { file_id: values.file_id, url: null };
  if (values.content === 'link') return { file_id: null, url: values.url.trim() || null };
  return { file_id: null, url: null };
}

export function toDocumentCreate(values: DocumentFormValues): DocumentCreate {
  return {
    organization_id: values.organization_id || null,
    type: values.type,
    title: values.title.trim(),
    academic_year: values.academic_year,
    last_academic_year: values.last_academic_year && values.last_academic_year !== values.academic_year ? values.last_academic_year : null,
    number: values.number.trim() || null,
    doc_date: values.doc_date || null,
    ...content(values),
    note: values.note.trim() || null,
  };
}

/** Only what changed (an approved document goes back to draft only when its essentials change). */
export function toDocumentUpdate(values: DocumentFormValues, doc: DocumentRecord): DocumentUpdate {
  const next = toDocumentCreate(values);
  const before = toDocumentCreate(documentToValues(doc));
  const body: DocumentUpdate = {};
  if (next.type !== before.type) body.type = next.type;
  if (next.title !== before.title) body.title = next.title;
  if (next.academic_year !== before.academic_year) body.academic_year = next.academic_year;
  if (next.last_academic_year !== before.last_academic_year) body.last_academic_year = next.last_academic_year;
  if (next.number !== before.number) body.number = next.number;
  if (next.doc_date !== before.doc_date) body.doc_date = next.doc_date;
  if (next.file_id !== before.file_id) body.file_id = next.file_id;
  if (next.url !== before.url) body.url = next.url;
  if (next.note !== before.note) body.note = next.note;
  return body;
}
