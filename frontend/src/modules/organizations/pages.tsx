/** Lazily loaded entry of the organizations module (its own chunk). */
import { useNavigate } from '@tanstack/react-router';
import { OrganizationCard } from './OrganizationCard';
import { OrganizationsPage } from './OrganizationsPage';
import { organizationRoute, organizationsRoute } from './routes';

export function OrganizationsRoute() {
  const search = organizationsRoute.useSearch();
  const navigate = useNavigate({ from: '/organizations' });
  return <OrganizationsPage search={search} onSearch={(next) => void navigate({ search: next, replace: true })} />;
}

export function OrganizationRoute() {
  const { organizationId } = organizationRoute.useParams();
  return <OrganizationCard key={organizationId} organizationId={organizationId} />;
}
