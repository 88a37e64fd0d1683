import { useState } from 'react';
import { Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { problemFieldErrors, ApiError, errorMessage } from '../../api/errors';
import { dictionaryQuery, organizationOptionsQuery } from '../../api/queries';
import { ownSchoolId } from '../../auth/permissions';
import { useMe } from '../../auth/useMe';
import { FormActions } from '../../components/FormActions';
import { FormErrors } from '../../components/states';
import { FormModal, useUnsavedChanges } from '../../components/UnsavedChanges';
import { academicYearLabel, academicYearStart, recentAcademicYears } from '../../lib/periods';
import { TeacherPicker } from '../teachers/TeacherPicker';
import { createAssociation, invalidateAssociations } from './api';
import { emptyAssociationValues, toAssociationCreate, validateAssociation, type AssociationFormValues } from './associationForm';
import { t } from './messages';

const a = t.associations;
const f = a.fields;

/** A new ГМО or ШМО: level, school (for a ШМО), title, subject or problem, leader, academic year. */
export function AssociationModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  return (
    <FormModal opened={opened} onClose={onClose} title={a.createTitle} size="lg" centered>
      {opened ? <AssociationForm onDone={onClose} /> : null}
    </FormModal>
  );
}

function AssociationForm({ onDone }: { onDone: () => void }) {
  const me = useMe();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const school = ownSchoolId(me);
  const organizations = useQuery(organizationOptionsQuery);
  const subjects = useQuery(dictionaryQuery('subjects'));
  const [values, setValues] = useState<AssociationFormValues>(() =>
    emptyAssociationValues(academicYearLabel(academicYearStart()), school),
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [messages, setMessages] = useState<string[]>([]);
  const [pending, setPending] = useState(false);
  const [dirty, setDirty] = useState(false);
  const cancel = useUnsavedChanges(dirty && !pending, onDone);
  const set = (patch: Partial<AssociationFormValues>) => {
    setValues((v) => ({ ...v, ...patch }));
    setDirty(true);
  };

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    const found = validateAssociation(values);
    setErrors(found);
    setMessages([]);
    if (Object.keys(found).length) return;
    setPending(true);
    try {
      const created = await createAssociation(toAssociationCreate(values));
      notifications.show({ color: 'green', message: a.created });
      await invalidateAssociations(queryClient);
      onDone();
      void navigate({ to: '/associations/$associationId', params: { associationId: created.id } });
    } catch (error) {
      const byField = error instanceof ApiError ? problemFieldErrors(error.problem) : {};
      setErrors(byField);
      setMessages(Object.keys(byField).length ? [] : [errorMessage(error)]);
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack>
        <FormErrors messages={messages} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={f.level}
            data={[
              { value: 'city', label: a.levelCity },
              { value: 'school', label: a.levelSchool },
            ]}
            value={values.level}
            onChange={(v) => set({ level: v === 'school' ? 'school' : 'city' })}
            allowDeselect={false}
            disabled={Boolean(school)}
          />
          <Select
            label={f.academicYear}
            data={recentAcademicYears(3).map((y) => ({ value: y, label: y }))}
            value={values.academic_year}
            onChange={(v) => set({ academic_year: v ?? values.academic_year })}
            allowDeselect={false}
            error={errors.academic_year}
          />
        </SimpleGrid>
        {values.level === 'school' ? (
          <Select
            label={f.organization}
            withAsterisk
            data={(organizations.data ?? []).map((o) => ({ value: o.id, label: o.short_name }))}
            value={values.organization_id}
            onChange={(v) => set({ organization_id: v })}
            searchable
            error={errors.organization_id}
            disabled={Boolean(school)}
          />
        ) : null}
        <TextInput
          label={f.title}
          withAsterisk
          placeholder={f.titlePlaceholder}
          value={values.title}
          onChange={(e) => set({ title: e.currentTarget.value })}
          error={errors.title}
        />
        <Select
          label={f.subject}
          data={(subjects.data ?? []).map((s) => ({ value: String(s.code), label: String(s.name) }))}
          value={values.subject_code}
          onChange={(v) => set({ subject_code: v })}
          searchable
          clearable
          error={errors.subject_code}
        />
        <Textarea label={f.problem} autosize minRows={2} value={values.problem} onChange={(e) => set({ problem: e.currentTarget.value })} error={errors.problem} />
        <TeacherPicker
          label={f.leader}
          value={values.leader_teacher_id}
          onChange={(id) => set({ leader_teacher_id: id })}
          required={false}
          clearable
          error={errors.leader_teacher_id}
        />
        <FormActions onCancel={cancel} submitLabel={t.common.create} loading={pending} />
      </Stack>
    </form>
  );
}
