/** Lazily loaded entry of the diagnostics module (its own chunk). */
import { useNavigate } from '@tanstack/react-router';
import { useMe } from '../../auth/useMe';
import { can } from '../../auth/permissions';
import { AssignmentPage } from './AssignmentPage';
import { CampaignPage } from './CampaignPage';
import { CampaignsPage } from './CampaignsPage';
import { InstrumentPage } from './InstrumentPage';
import { InstrumentsPage } from './InstrumentsPage';
import { MyAssignmentsPage } from './MyAssignmentsPage';
import { seesCampaigns } from './parts';
import { ProfilePage } from './ProfilePage';
import {
  assignmentRoute,
  campaignRoute,
  campaignsRoute,
  diagnosticsRoute,
  instrumentRoute,
  instrumentsRoute,
  myDiagnosticsRoute,
  profileRoute,
} from './routes';

export function DiagnosticsRoute() {
  const me = useMe();
  const search = diagnosticsRoute.useSearch();
  const navigate = useNavigate({ from: '/diagnostics' });
  if (can(me, 'diagnostics:answer') && !seesCampaigns(me)) {
    return <MyAssignmentsPage offset={search.offset ?? 0} onOffset={(offset) => void navigate({ search: { offset: offset || undefined }, replace: true })} />;
  }
  return <CampaignsPage search={search} onSearch={(next) => void navigate({ search: next, replace: true })} />;
}

export function MyDiagnosticsRoute() {
  const search = myDiagnosticsRoute.useSearch();
  const navigate = useNavigate({ from: '/diagnostics/my' });
  return <MyAssignmentsPage offset={search.offset ?? 0} onOffset={(offset) => void navigate({ search: { offset: offset || undefined }, replace: true })} />;
}

export function AssignmentRoute() {
  const { assignmentId } = assignmentRoute.useParams();
  return <AssignmentPage assignmentId={assignmentId} />;
}

export function ProfileRoute() {
  const { assignmentId } = profileRoute.useParams();
  const { campaign } = profileRoute.useSearch();
  return <ProfilePage assignmentId={assignmentId} campaignId={campaign} />;
}

export function CampaignsRoute() {
  const search = campaignsRoute.useSearch();
  const navigate = useNavigate({ from: '/diagnostics/campaigns' });
  return <CampaignsPage search={search} onSearch={(next) => void navigate({ search: next, replace: true })} />;
}

export function CampaignRoute() {
  const { campaignId } = campaignRoute.useParams();
  return <CampaignPage campaignId={campaignId} />;
}

export function InstrumentsRoute() {
  const search = instrumentsRoute.useSearch();
  const navigate = useNavigate({ from: '/diagnostics/instruments' });
  return <InstrumentsPage search={search} onSearch={(next) => void navigate({ search: next, replace: true })} />;
}

export function InstrumentRoute() {
  const { instrumentId } = instrumentRoute.useParams();
  const { edit } = instrumentRoute.useSearch();
  const navigate = useNavigate({ from: '/diagnostics/instruments/$instrumentId' });
  return (
    <InstrumentPage
      instrumentId={instrumentId}
      editing={edit === 'yes'}
      onEditing={(on) => void navigate({ search: on ? { edit: 'yes' } : {}, replace: true })}
    />
  );
}
