/** Teacher import from HR files: check (dry run), apply, error report, template. */
import { api } from '../../api/client';
import { guard, unwrap } from '../../api/errors';
import type { ImportReport } from '../../api/types';
import { filenameFrom } from '../../api/queries';

/** An HR sheet to fill in: the recognised columns, an example row and the allowed values. */
export async function downloadImportTemplate(): Promise<{ blob: Blob; filename: string }> {
  return guard(async () => {
    const result = await api.GET('/api/v1/teachers/import/template', { params: { query: { format: 'xlsx' } }, parseAs: 'blob' });
    const blob = unwrap(result) as unknown as Blob;
    return { blob, filename: filenameFrom(result.response.headers.get('Content-Disposition')) ?? 'template.xlsx' };
  });
}

export type ImportArgs = { file: File; organizationId: string; dryRun: boolean; skipInvalid?: boolean };

function importForm(file: File, organizationId: string, extra: Record<string, string> = {}) {
  const form = new FormData();
  form.append('file', file, file.name);
  form.append('organization_id', organizationId);
  for (const [key, value] of Object.entries(extra)) form.append(key, value);
  return form;
}

/** POST /teachers/import (multipart). A rejected apply (422) carries the report in the problem body.
 * With `skipInvalid` the good rows are applied and the bad ones reported. */
export async function importTeachers({
  file,
  organizationId,
  dryRun,
  skipInvalid = false,
}: ImportArgs): Promise<ImportReport | { jobId: string }> {
  return guard(async () => {
    const result = await api.POST('/api/v1/teachers/import', {
      body: { file: file as unknown as string, organization_id: organizationId, dry_run: dryRun, skip_invalid: skipInvalid },
      bodySerializer: () => importForm(file, organizationId, { dry_run: String(dryRun), skip_invalid: String(skipInvalid) }),
    });
    const data = unwrap(result) as ImportReport | { job_id: string };
    // A large file is applied by a background job (202): its progress is shown instead of the report.
    if (result.response.status === 202 && 'job_id' in data) return { jobId: data.job_id };
    return data as ImportReport;
  });
}

/** POST /teachers/import/errors: the check of the same file as an XLSX to fix the rows in. */
export async function downloadImportErrors({ file, organizationId }: { file: File; organizationId: string }) {
  return guard(async () => {
    const result = await api.POST('/api/v1/teachers/import/errors', {
      body: { file: file as unknown as string, organization_id: organizationId },
      bodySerializer: () => importForm(file, organizationId),
      parseAs: 'blob',
    });
    const blob = unwrap(result) as unknown as Blob;
    return { blob, filename: filenameFrom(result.response.headers.get('Content-Disposition')) ?? 'import-errors.xlsx' };
  });
}
