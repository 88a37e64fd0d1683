/** Lazily loaded entry of the courses module (its own chunk). */
import { useNavigate } from '@tanstack/react-router';
import { CoursesPage } from './CoursesPage';
import { PdWindowPage } from './PdWindowPage';
import { coursesRoute, pdWindowRoute } from './routes';

export { CourseImportPage } from './CourseImportPage';

export function CoursesRoute() {
  const search = coursesRoute.useSearch();
  const navigate = useNavigate({ from: '/courses' });
  return <CoursesPage search={search} onSearch={(next) => void navigate({ search: next, replace: true })} />;
}

export function PdWindowRoute() {
  const search = pdWindowRoute.useSearch();
  const navigate = useNavigate({ from: '/courses/pd-window' });
  return <PdWindowPage search={search} onSearch={(next) => void navigate({ search: next, replace: true })} />;
}
