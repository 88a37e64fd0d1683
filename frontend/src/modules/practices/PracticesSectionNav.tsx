import { RouterButton } from '../../components/RouterLinks';
import { SectionNav } from '../../components/SectionNav';
import { t } from './messages';

type Current = 'list' | 'criteria';

/** «Практики» · «Критерии экспертизы». */
export function PracticesSectionNav({ current }: { current: Current }) {
  const variant = (page: Current) => (page === current ? 'light' : 'subtle');
  const aria = (page: Current) => (page === current ? ('page' as const) : undefined);
  return (
    <SectionNav label={t.practices.sectionNav}>
      <RouterButton to="/practices" size="xs" variant={variant('list')} aria-current={aria('list')}>
        {t.practices.tabs.list}
      </RouterButton>
      <RouterButton to="/practices/criteria" size="xs" variant={variant('criteria')} aria-current={aria('criteria')}>
        {t.practices.tabs.criteria}
      </RouterButton>
    </SectionNav>
  );
}
