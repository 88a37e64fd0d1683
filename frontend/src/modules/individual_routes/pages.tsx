/** Lazily loaded entry of the individual-routes module (its own chunk). */
import { useNavigate } from '@tanstack/react-router';
import { NewRoutePage } from './NewRoutePage';
import { RoutePage } from './RoutePage';
import { RoutesListPage } from './RoutesListPage';
import { individualRouteRoute, individualRoutesRoute, newIndividualRouteRoute } from './routes';

export function IndividualRoutesRoute() {
  const search = individualRoutesRoute.useSearch();
  const navigate = useNavigate({ from: '/individual-routes' });
  return <RoutesListPage search={search} onSearch={(next) => void navigate({ search: next, replace: true })} />;
}

export function NewIndividualRouteRoute() {
  const { assignment } = newIndividualRouteRoute.useSearch();
  return <NewRoutePage assignmentId={assignment} />;
}

export function IndividualRouteRoute() {
  const { routeId } = individualRouteRoute.useParams();
  return <RoutePage key={routeId} routeId={routeId} />;
}
