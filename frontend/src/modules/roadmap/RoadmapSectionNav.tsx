import { useMe } from '../../auth/useMe';
import { canBrowse } from '../../auth/permissions';
import { RouterButton } from '../../components/RouterLinks';
import { SectionNav } from '../../components/SectionNav';
import { t } from './messages';

type Current = 'programmes' | 'my' | 'due' | null;

/** «Программы» · «Мои мероприятия» · «Просрочено и на этот месяц» (those who keep the municipality's roadmaps). */
export function RoadmapSectionNav({ current }: { current: Current }) {
  const me = useMe();
  const variant = (page: Current) => (page === current ? 'light' : 'subtle');
  const aria = (page: Current) => (page === current ? ('page' as const) : undefined);
  return (
    <SectionNav label={t.roadmap.sectionNav}>
      <RouterButton to="/roadmap" size="xs" variant={variant('programmes')} aria-current={aria('programmes')}>
        {t.roadmap.tabs.programmes}
      </RouterButton>
      <RouterButton to="/roadmap/my" size="xs" variant={variant('my')} aria-current={aria('my')}>
        {t.roadmap.tabs.my}
      </RouterButton>
      {canBrowse(me, 'roadmap:write') ? (
        <RouterButton to="/roadmap/due" size="xs" variant={variant('due')} aria-current={aria('due')}>
          {t.roadmap.tabs.due}
        </RouterButton>
      ) : null}
    </SectionNav>
  );
}
