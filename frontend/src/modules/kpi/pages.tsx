/** Lazily loaded entry of the KPI module (its own chunk). */
import { useNavigate } from '@tanstack/react-router';
import { IndicatorsPage } from './IndicatorsPage';
import { KpiDashboardPage } from './KpiDashboardPage';
import { kpiRoute } from './routes';

export function KpiRoute() {
  const search = kpiRoute.useSearch();
  const navigate = useNavigate({ from: '/kpi' });
  return <KpiDashboardPage search={search} onSearch={(next) => void navigate({ search: next, replace: true })} />;
}

export function KpiIndicatorsRoute() {
  return <IndicatorsPage />;
}
