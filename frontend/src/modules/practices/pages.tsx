/** Lazily loaded entry of the practice bank (its own chunk). */
import { useNavigate } from '@tanstack/react-router';
import { CriteriaPage } from './CriteriaPage';
import { PracticePage } from './PracticePage';
import { PracticesPage } from './PracticesPage';
import { practiceRoute, practicesRoute } from './routes';

export function PracticesRoute() {
  const search = practicesRoute.useSearch();
  const navigate = useNavigate({ from: '/practices' });
  return <PracticesPage search={search} onSearch={(next) => void navigate({ search: next, replace: true })} />;
}

export function PracticeRoute() {
  const { practiceId } = practiceRoute.useParams();
  return <PracticePage practiceId={practiceId} />;
}

export function PracticeCriteriaRoute() {
  return <CriteriaPage />;
}
