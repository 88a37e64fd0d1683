/** Lazily loaded entry of the roadmap module (its own chunk). */
import { useNavigate } from '@tanstack/react-router';
import { ActivityPage } from './ActivityPage';
import { DueActivitiesPage, MyActivitiesPage } from './ActivityLists';
import { ImportPage } from './ImportPage';
import { ProgrammePage } from './ProgrammePage';
import { ProgrammesPage } from './ProgrammesPage';
import { activityRoute, myActivitiesRoute, programmeImportRoute, programmeRoute, programmesRoute } from './routes';

export function ProgrammesRoute() {
  const search = programmesRoute.useSearch();
  const navigate = useNavigate({ from: '/roadmap' });
  return <ProgrammesPage search={search} onSearch={(next) => void navigate({ search: next, replace: true })} />;
}

export function MyActivitiesRoute() {
  const search = myActivitiesRoute.useSearch();
  const navigate = useNavigate({ from: '/roadmap/my' });
  return <MyActivitiesPage search={search} onSearch={(next) => void navigate({ search: next, replace: true })} />;
}

export function DueActivitiesRoute() {
  return <DueActivitiesPage />;
}

export function ProgrammeRoute() {
  const { programmeId } = programmeRoute.useParams();
  const search = programmeRoute.useSearch();
  const navigate = useNavigate({ from: '/roadmap/programmes/$programmeId' });
  return <ProgrammePage key={programmeId} id={programmeId} search={search} onSearch={(next) => void navigate({ search: next, replace: true })} />;
}

export function ProgrammeImportRoute() {
  const { programmeId } = programmeImportRoute.useParams();
  return <ImportPage key={programmeId} programmeId={programmeId} />;
}

export function ActivityRoute() {
  const { activityId } = activityRoute.useParams();
  return <ActivityPage key={activityId} id={activityId} />;
}
