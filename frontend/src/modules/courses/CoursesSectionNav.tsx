import { canBrowse, can } from '../../auth/permissions';
import { useMe } from '../../auth/useMe';
import { RouterButton } from '../../components/RouterLinks';
import { SectionNav } from '../../components/SectionNav';
import { t } from './messages';

type Current = 'list' | 'window' | 'import';

/** «Курсы» · «3-летний срок ПК» · «Загрузка списка провайдера» (each shown by the caller's rights). */
export function CoursesSectionNav({ current }: { current: Current }) {
  const me = useMe();
  const variant = (page: Current) => (page === current ? 'light' : 'subtle');
  const aria = (page: Current) => (page === current ? ('page' as const) : undefined);
  return (
    <SectionNav label={t.courses.sectionNav}>
      <RouterButton to="/courses" size="xs" variant={variant('list')} aria-current={aria('list')}>
        {t.courses.tabs.list}
      </RouterButton>
      {canBrowse(me, 'courses:read') ? (
        <RouterButton to="/courses/pd-window" size="xs" variant={variant('window')} aria-current={aria('window')}>
          {t.courses.tabs.window}
        </RouterButton>
      ) : null}
      {can(me, 'courses:import') ? (
        <RouterButton to="/courses/import" size="xs" variant={variant('import')} aria-current={aria('import')}>
          {t.courses.tabs.import}
        </RouterButton>
      ) : null}
    </SectionNav>
  );
}
