/** Lazily loaded entry of the mentoring module (its own chunk). */
import { useNavigate } from '@tanstack/react-router';
import { MentoringPage } from './MentoringPage';
import { mentoringRoute, youngWithoutMentorRoute } from './routes';
import { YoungWithoutMentorPage } from './YoungWithoutMentorPage';

export function MentoringRoute() {
  const search = mentoringRoute.useSearch();
  const navigate = useNavigate({ from: '/mentoring' });
  return <MentoringPage search={search} onSearch={(next) => void navigate({ search: next, replace: true })} />;
}

export function YoungWithoutMentorRoute() {
  const search = youngWithoutMentorRoute.useSearch();
  const navigate = useNavigate({ from: '/mentoring/young-without-mentor' });
  return <YoungWithoutMentorPage search={search} onSearch={(next) => void navigate({ search: next, replace: true })} />;
}
