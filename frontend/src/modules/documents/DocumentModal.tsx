import { useState } from 'react';
import { Alert, Button, FileButton, Group, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { zodResolver } from '@hookform/resolvers/zod';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { applyProblemToForm, errorMessage, isStatus } from '../../api/errors';
import { organizationOptionsQuery } from '../../api/queries';
import type { DocumentRecord } from '../../api/types';
import { reachOf } from '../../auth/permissions';
import { useMe } from '../../auth/useMe';
import { DateField } from '../../components/DateField';
import { FormActions } from '../../components/FormActions';
import { ConflictAlert, FormErrors } from '../../components/states';
import { FormModal, useUnsavedChanges } from '../../components/UnsavedChanges';
import { academicYearLabel, academicYearStart, recentAcademicYears } from '../../lib/periods';
import { createDocument, invalidateDocuments, updateDocument, uploadDocumentFile } from './api';
import {
  DOCUMENT_FORM_FIELDS,
  documentFormSchema,
  documentToValues,
  emptyDocumentValues,
  toDocumentCreate,
  toDocumentUpdate,
  type DocumentFormValues,
} from './documentForm';
import { t, TYPE_LABELS } from './messages';
import { DOCUMENT_TYPES } from './search';

const m = t.documents;
const f = m.fields;

type Props = { opened: boolean; onClose: () => void; doc?: DocumentRecord | null; onReload?: () => void };

/** A new document or the changes of one: requisites, and a file (uploaded here) or a link. */
export function DocumentModal({ opened, onClose, doc, onReload }: Props) {
  return (
    <FormModal opened={opened} onClose={onClose} title={doc ? m.editTitle : m.createTitle} size="lg" centered>
      {opened ? <DocumentForm key={doc ? `${doc.id}:${doc.version}` : 'new'} doc={doc ?? null} onDone={onClose} onReload={onReload} /> : null}
    </FormModal>
  );
}

function DocumentForm({ doc, onDone, onReload }: { doc: DocumentRecord | null; onDone: () => void; onReload?: () => void }) {
  const me = useMe();
  const queryClient = useQueryClient();
  const school = reachOf(me, 'documents:write') === 'organization';
  const organizations = useQuery({ ...organizationOptionsQuery, enabled: !school });
  const [messages, setMessages] = useState<string[]>([]);
  const [conflict, setConflict] = useState(false);
  const [uploading, setUploading] = useState(false);
  const {
    register,
    control,
    handleSubmit,
    setError,
    setValue,
    formState: { errors, isSubmitting, isDirty },
  } = useForm<DocumentFormValues>({
    resolver: zodResolver(documentFormSchema),
    defaultValues: doc ? documentToValues(doc) : emptyDocumentValues(academicYearLabel(academicYearStart()), null),
  });
  const cancel = useUnsavedChanges(isDirty && !isSubmitting);
  const kind = useWatch({ control, name: 'content' });
  const fileName = useWatch({ control, name: 'file_name' });
  const fileId = useWatch({ control, name: 'file_id' });
  const organizationId = useWatch({ control, name: 'organization_id' });
  const years = recentAcademicYears(8);
  const yearOptions = doc && !years.includes(doc.academic_year) ? [doc.academic_year, ...years] : years;
  const firstYear = useWatch({ control, name: 'academic_year' });
  const start = Number(firstYear.slice(0, 4)) || academicYearStart();
  const laterYears = Array.from({ length: 6 }, (_, i) => academicYearLabel(start + i));

  async function upload(file: File | null) {
    if (!file) return;
    setUploading(true);
    try {
      const stored = await uploadDocumentFile(file, organizationId);
      setValue('file_id', stored.id, { shouldDirty: true, shouldValidate: true });
      setValue('file_name', stored.name, { shouldDirty: true });
    } catch (error) {
      notifications.show({ color: 'red', title: m.uploadFailed, message: errorMessage(error) });
    } finally {
      setUploading(false);
    }
  }

  const submit = handleSubmit(async (values) => {
    setMessages([]);
    setConflict(false);
    try {
      const saved = doc ? await updateDocument(doc, toDocumentUpdate(values, doc)) : await createDocument(toDocumentCreate(values));
      notifications.show({ color: 'green', message: doc ? t.common.saved : m.created });
      for (const w of saved.warnings ?? []) if (doc) notifications.show({ color: 'yellow', message: w });
      await invalidateDocuments(queryClient);
      onDone();
    } catch (error) {
      if (isStatus(error, 412)) setConflict(true);
      else setMessages(applyProblemToForm(error, { setError: setError as never, fields: DOCUMENT_FORM_FIELDS }));
    }
  });

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack>
        {doc?.status === 'approved' ? (
          <Alert color="blue" variant="light">
            {f.approvedHint}
          </Alert>
        ) : null}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          {school ? (
            <TextInput label={f.organization} value={doc?.organization_name ?? f.ownSchool} readOnly />
          ) : (
            <Controller
              control={control}
              name="organization_id"
              render={({ field }) => (
                <Select
                  label={f.organization}
                  description={f.organizationHint}
                  placeholder={m.municipality}
                  data={(organizations.data ?? []).map((o) => ({ value: o.id, label: o.short_name }))}
                  value={field.value}
                  onChange={field.onChange}
                  disabled={Boolean(doc)}
                  searchable
                  clearable
                />
              )}
            />
          )}
          <Controller
            control={control}
            name="type"
            render={({ field }) => (
              <Select
                label={f.type}
                required
                data={DOCUMENT_TYPES.map((x) => ({ value: x, label: TYPE_LABELS[x] ?? x }))}
                value={field.value}
                onChange={(val) => field.onChange(val ?? 'other')}
                allowDeselect={false}
                searchable
              />
            )}
          />
        </SimpleGrid>
        <TextInput label={f.title} required error={errors.title?.message} {...register('title')} />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Controller
            control={control}
            name="academic_year"
            render={({ field, fieldState }) => (
              <Select
                label={f.academicYear}
                required
                data={yearOptions}
                value={field.value}
                onChange={(val) => field.onChange(val ?? '')}
                error={fieldState.error?.message}
                allowDeselect={false}
              />
            )}
          />
          <Controller
            control={control}
            name="last_academic_year"
            render={({ field, fieldState }) => (
              <Select
                label={f.lastAcademicYear}
                description={f.lastAcademicYearHint}
                data={[{ value: '', label: f.onlyThisYear }, ...laterYears.map((y) => ({ value: y, label: y }))]}
                value={field.value}
                onChange={(val) => field.onChange(val ?? '')}
                error={fieldState.error?.message}
                allowDeselect={false}
              />
            )}
          />
          <TextInput label={f.number} error={errors.number?.message} {...register('number')} />
          <Controller
            control={control}
            name="doc_date"
            render={({ field, fieldState }) => (
              <DateField label={f.docDate} value={field.value} onChange={field.onChange} onBlur={field.onBlur} error={fieldState.error?.message} />
            )}
          />
        </SimpleGrid>
        <Stack gap={4}>
          <Text size="sm" fw={500} id="document-content-label">
            {f.content}
          </Text>
          <Controller
            control={control}
            name="content"
            render={({ field }) => (
              <SegmentedControl
                aria-labelledby="document-content-label"
                data={[
                  { value: 'file', label: f.contentFile },
                  { value: 'link', label: f.contentLink },
                  { value: 'none', label: f.contentNone },
                ]}
                value={field.value}
                onChange={field.onChange}
              />
            )}
          />
        </Stack>
        {kind === 'link' ? (
          <TextInput label={f.url} required placeholder={f.urlPlaceholder} inputMode="url" error={errors.url?.message} {...register('url')} />
        ) : null}
        {kind === 'file' ? (
          <Group gap="sm">
            <FileButton onChange={(file) => void upload(file)}>
              {(props) => (
                <Button variant="light" loading={uploading} {...props}>
                  {fileId ? f.replaceFile : f.upload}
                </Button>
              )}
            </FileButton>
            <Text size="sm" c={errors.file_id ? 'red' : 'dimmed'} data-testid="document-file-state">
              {fileName ? f.uploaded(fileName) : fileId ? f.currentFile : (errors.file_id?.message ?? '')}
            </Text>
          </Group>
        ) : null}
        <Textarea label={f.note} autosize minRows={2} error={errors.note?.message} {...register('note')} />
        {conflict ? (
          <ConflictAlert
            onReload={() => {
              onReload?.();
              onDone();
            }}
          />
        ) : null}
        <FormErrors messages={messages} />
        <FormActions onCancel={cancel} submitLabel={doc ? t.common.save : t.common.create} loading={isSubmitting} />
      </Stack>
    </form>
  );
}
