import { can } from '../../auth/permissions';
import { useMe } from '../../auth/useMe';
import { RouterButton } from '../../components/RouterLinks';
import { SectionNav } from '../../components/SectionNav';
import { t } from './messages';

type Current = 'dashboard' | 'indicators' | 'snapshots' | 'settings';

/** «Значения» · «Паспорта показателей» · «Срезы и утверждение» · «Набор и целевые значения» (by the rights of /me). */
export function KpiSectionNav({ current }: { current: Current }) {
  const me = useMe();
  const variant = (page: Current) => (page === current ? 'light' : 'subtle');
  const aria = (page: Current) => (page === current ? ('page' as const) : undefined);
  if (!can(me, 'kpi:read')) return null;
  return (
    <SectionNav label={t.kpi.sectionNav}>
      <RouterButton to="/kpi" size="xs" variant={variant('dashboard')} aria-current={aria('dashboard')}>
        {t.kpi.tabs.dashboard}
      </RouterButton>
      <RouterButton to="/kpi/indicators" size="xs" variant={variant('indicators')} aria-current={aria('indicators')}>
        {t.kpi.tabs.indicators}
      </RouterButton>
      <RouterButton to="/kpi/snapshots" size="xs" variant={variant('snapshots')} aria-current={aria('snapshots')}>
        {t.kpi.tabs.snapshots}
      </RouterButton>
      <RouterButton to="/kpi/settings" size="xs" variant={variant('settings')} aria-current={aria('settings')}>
        {t.kpi.tabs.settings}
      </RouterButton>
    </SectionNav>
  );
}
