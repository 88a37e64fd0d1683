/** Lazily loaded entry of the KPI module (its own chunk). */
import { useNavigate } from '@tanstack/react-router';
import { IndicatorsPage } from './IndicatorsPage';
import { KpiDashboardPage } from './KpiDashboardPage';
import { kpiRoute, kpiSnapshotRoute, kpiSnapshotsRoute } from './routes';
import { SettingsPage } from './SettingsPage';
import { SnapshotPage } from './SnapshotPage';
import { SnapshotsPage } from './SnapshotsPage';

export function KpiRoute() {
  const search = kpiRoute.useSearch();
  const navigate = useNavigate({ from: '/kpi' });
  return <KpiDashboardPage search={search} onSearch={(next) => void navigate({ search: next, replace: true })} />;
}

export function KpiIndicatorsRoute() {
  return <IndicatorsPage />;
}

export function KpiSnapshotsRoute() {
  const search = kpiSnapshotsRoute.useSearch();
  const navigate = useNavigate({ from: '/kpi/snapshots' });
  return <SnapshotsPage search={search} onSearch={(next) => void navigate({ search: next, replace: true })} />;
}

export function KpiSnapshotRoute() {
  const { snapshotId } = kpiSnapshotRoute.useParams();
  return <SnapshotPage key={snapshotId} snapshotId={snapshotId} />;
}

export function KpiSettingsRoute() {
  return <SettingsPage />;
}
