import { Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { createTeacher, teacherKeys, teacherQuery, updateTeacher } from './api';
import { ownSchoolId } from '../../auth/permissions';
import { useMe } from '../../auth/useMe';
import { PageHeader } from '../../components/PageHeader';
import { RouterAnchor } from '../../components/RouterLinks';
import { ErrorState, LoadingState } from '../../components/states';
import { t } from './messages';
import { formatFullName } from '../../lib/format';
import { TeacherForm } from './TeacherForm';
import { newTeacherForm, teacherToForm, toCreateBody, toUpdateBody } from './teacherForm';

export function TeacherCreatePage() {
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const schoolId = ownSchoolId(me);

  return (
    <Stack>
      <RouterAnchor to="/teachers" size="sm">
        ← {t.teachers.card.backToList}
      </RouterAnchor>
      <PageHeader title={t.teachers.form.createTitle} />
      <TeacherForm
        title={t.teachers.form.createTitle}
        defaultValues={newTeacherForm(schoolId)}
        defaultOrganizationId={schoolId}
        onCancel={() => void navigate({ to: '/teachers' })}
        onSubmit={async (values) => {
          const created = await createTeacher(toCreateBody(values));
          notifications.show({ color: 'green', message: t.teachers.form.created });
          await queryClient.invalidateQueries({ queryKey: teacherKeys.all });
          await navigate({ to: '/teachers/$teacherId', params: { teacherId: created.id } });
        }}
      />
    </Stack>
  );
}

export function TeacherEditPage({ teacherId }: { teacherId: string }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const query = useQuery(teacherQuery(teacherId));
  const toCard = () => navigate({ to: '/teachers/$teacherId', params: { teacherId } });

  if (query.isPending) return <LoadingState />;
  if (query.isError) {
    return (
      <ErrorState
        error={query.error}
        onRetry={() => void query.refetch()}
        notFoundTitle={t.teachers.notFound}
        notFoundHint={t.teachers.notFoundHint}
      />
    );
  }
  const { data: teacher } = query.data;
  return (
    <Stack>
      <RouterAnchor to="/teachers/$teacherId" params={{ teacherId }} size="sm">
        ← {formatFullName(teacher.last_name, teacher.first_name, teacher.middle_name)}
      </RouterAnchor>
      <PageHeader
        title={t.teachers.form.editTitle}
        description={formatFullName(teacher.last_name, teacher.first_name, teacher.middle_name)}
      />
      <TeacherForm
        // A new version (after «Обновить») remounts the form with fresh values.
        key={teacher.version}
        title={t.teachers.form.editTitle}
        defaultValues={teacherToForm(teacher)}
        defaultOrganizationId={teacher.current_organization_id ?? null}
        onCancel={() => void toCard()}
        onReload={() => void query.refetch()}
        onSubmit={async (values, dirty) => {
          const body = toUpdateBody(values, dirty);
          if (Object.keys(body).length > 0) {
            const saved = await updateTeacher(teacher, body);
            queryClient.setQueryData(teacherQuery(teacherId).queryKey, saved);
            await queryClient.invalidateQueries({ queryKey: ['teachers', 'list'] });
            await queryClient.invalidateQueries({ queryKey: ['teachers', 'stats'] });
            notifications.show({ color: 'green', message: t.common.saved });
          }
          await toCard();
        }}
      />
    </Stack>
  );
}
