/** Lazily loaded entry of the teachers module (its own chunk). */
import { useNavigate } from '@tanstack/react-router';
import { canBrowseTeachers } from '../../auth/permissions';
import { profileRoute, teacherEditRoute, teacherRoute, teachersRoute } from './routes';
import { TeacherCard } from './TeacherCard';
import { TeacherEditPage } from './TeacherEditPages';
import { TeachersPage } from './TeachersPage';

export { TeacherCreatePage } from './TeacherEditPages';

export function TeachersRoute() {
  const search = teachersRoute.useSearch();
  const navigate = useNavigate({ from: '/teachers' });
  return <TeachersPage search={search} onSearch={(next) => void navigate({ search: next, replace: true })} />;
}

export function TeacherRoute() {
  const { teacherId } = teacherRoute.useParams();
  const { me } = teacherRoute.useRouteContext();
  return <TeacherCard key={teacherId} teacherId={teacherId} self={!canBrowseTeachers(me)} />;
}

export function TeacherEditRoute() {
  const { teacherId } = teacherEditRoute.useParams();
  return <TeacherEditPage key={teacherId} teacherId={teacherId} />;
}

export function ProfileRoute() {
  const { me } = profileRoute.useRouteContext();
  return <TeacherCard teacherId={me.teacher_id ?? ''} self />;
}
