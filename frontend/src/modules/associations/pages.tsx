/** Lazily loaded entry of the associations module (its own chunk). */
import { useNavigate } from '@tanstack/react-router';
import { AssociationPage } from './AssociationPage';
import { AssociationsPage } from './AssociationsPage';
import { MemberGrowthPage } from './MemberGrowthPage';
import { associationRoute, associationsRoute, memberGrowthRoute } from './routes';

export function AssociationsRoute() {
  const search = associationsRoute.useSearch();
  const navigate = useNavigate({ from: '/associations' });
  return <AssociationsPage search={search} onSearch={(next) => void navigate({ search: next, replace: true })} />;
}

export function AssociationRoute() {
  const { associationId } = associationRoute.useParams();
  return <AssociationPage associationId={associationId} />;
}

export function MemberGrowthRoute() {
  const { associationId, teacherId } = memberGrowthRoute.useParams();
  return <MemberGrowthPage associationId={associationId} teacherId={teacherId} />;
}
