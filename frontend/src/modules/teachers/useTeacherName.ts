import { useQuery } from '@tanstack/react-query';
import { formatFullName } from '../../lib/format';
import { teacherQuery } from './api';

/** «Фамилия Имя Отчество, СОШ № 22» of a teacher chosen in a filter restored from the URL (null until known). */
export function useTeacherName(teacherId: string | undefined | null): string | null {
  const query = useQuery({ ...teacherQuery(teacherId ?? ''), enabled: Boolean(teacherId) });
  const x = query.data?.data;
  if (!x) return null;
  return [formatFullName(x.last_name, x.first_name, x.middle_name), x.current_organization_name].filter(Boolean).join(', ');
}
