/** Lazily loaded entry of the help-requests module (its own chunk). */
import { useNavigate } from '@tanstack/react-router';
import { HelpRequestCard } from './HelpRequestCard';
import { HelpRequestsPage } from './HelpRequestsPage';
import { helpRequestRoute, helpRequestsRoute } from './routes';

export function HelpRequestsRoute() {
  const search = helpRequestsRoute.useSearch();
  const navigate = useNavigate({ from: '/help-requests' });
  return <HelpRequestsPage search={search} onSearch={(next) => void navigate({ search: next, replace: true })} />;
}

export function HelpRequestRoute() {
  const { helpRequestId } = helpRequestRoute.useParams();
  return <HelpRequestCard key={helpRequestId} requestId={helpRequestId} />;
}
