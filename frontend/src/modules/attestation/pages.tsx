/** Lazily loaded entry of the attestation module (its own chunk). */
import { useNavigate } from '@tanstack/react-router';
import { AttestationsPage } from './AttestationsPage';
import { PlanPage } from './PlanPage';
import { attestationPlanRoute, attestationsRoute } from './routes';

export function AttestationsRoute() {
  const search = attestationsRoute.useSearch();
  const navigate = useNavigate({ from: '/attestations' });
  return <AttestationsPage search={search} onSearch={(next) => void navigate({ search: next, replace: true })} />;
}

export function AttestationPlanRoute() {
  const search = attestationPlanRoute.useSearch();
  const navigate = useNavigate({ from: '/attestations/plan' });
  return <PlanPage search={search} onSearch={(next) => void navigate({ search: next, replace: true })} />;
}
