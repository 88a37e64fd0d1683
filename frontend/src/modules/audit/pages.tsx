/** Lazily loaded entry of the audit module (its own chunk). */
import { useNavigate } from '@tanstack/react-router';
import { AuditPage } from './AuditPage';
import { auditRoute } from './routes';

export function AuditRoute() {
  const search = auditRoute.useSearch();
  const navigate = useNavigate({ from: '/audit' });
  return <AuditPage key={search.entity_id ?? 'all'} entityId={search.entity_id} onShowAll={() => void navigate({ search: {} })} />;
}
