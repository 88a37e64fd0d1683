import { RouterButton } from '../../components/RouterLinks';
import { SectionNav } from '../../components/SectionNav';
import { t } from './messages';

type Current = 'list' | 'young';

/** «Пары наставничества» · «Молодые педагоги без наставника». */
export function MentoringSectionNav({ current }: { current: Current }) {
  const variant = (page: Current) => (page === current ? 'light' : 'subtle');
  const aria = (page: Current) => (page === current ? ('page' as const) : undefined);
  return (
    <SectionNav label={t.mentoring.sectionNav}>
      <RouterButton to="/mentoring" size="xs" variant={variant('list')} aria-current={aria('list')}>
        {t.mentoring.tabs.list}
      </RouterButton>
      <RouterButton to="/mentoring/young-without-mentor" size="xs" variant={variant('young')} aria-current={aria('young')}>
        {t.mentoring.tabs.young}
      </RouterButton>
    </SectionNav>
  );
}
